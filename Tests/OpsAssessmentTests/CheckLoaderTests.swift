@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import XCTest

/// Mistakes in check files are reported when the checks load, with the file and line.
final class CheckLoaderTests: XCTestCase {
    private func loadError(_ yaml: String) -> String? {
        do {
            _ = try Fixtures.check(yaml)
            return nil
        } catch {
            return (error as? DocumentError)?.description ?? "\(error)"
        }
    }

    func testTheBundledPackLoadsAndEveryExampleBehaves() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric])
        XCTAssertGreaterThanOrEqual(checks.count, 15)
        let outcome = CheckExampleRunner.run(checks, rubrics: [rubric])
        XCTAssertEqual(outcome.failures.map(\.description), [])
        XCTAssertGreaterThanOrEqual(outcome.examples, checks.count * 2)
    }

    func testUnknownFieldIsNamedWithItsLine() {
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true", extra: "severty: low")
        XCTAssertEqual(loadError(yaml)?.hasPrefix("checks/test/check.yaml:9:1: unknown field 'severty' in check"), true, loadError(yaml) ?? "")
    }

    func testEvidenceStrengthIsProvesOrSupports() throws {
        XCTAssertEqual(try Fixtures.check(Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true")).strength, .proves, "the default")
        XCTAssertEqual(try Fixtures.check(Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true", extra: "evidence: supports")).strength, .supports)
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true", extra: "evidence: maybe")
        XCTAssertEqual(loadError(yaml), "checks/test/check.yaml:9:11: 'evidence' is 'proves' (the default) or 'supports'")
    }

    func testBadExpressionIsReportedAtItsLine() {
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "resource.X >")
        XCTAssertEqual(loadError(yaml), "checks/test/check.yaml:7:9: 'assert' expression, column 13: unexpected end of expression")
    }

    func testUndeclaredVariableIsReportedWhenLoading() {
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "resorce.X == 1")
        XCTAssertEqual(loadError(yaml), "checks/test/check.yaml:7:9: 'assert' expression, column 1: undeclared reference to 'resorce' (known: params, resource, resources, self, today)")
    }

    func testUnknownPracticeId() {
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true").replacingOccurrences(of: "[OPS08-BP06]", with: "[OPS08-BP06, OPS99-BP01]")
        XCTAssertEqual(loadError(yaml), "checks/test/check.yaml:5:25: check TEST-X-001 names best practice 'OPS99-BP01', which no loaded rubric defines")
    }

    func testParamsMustBeDeclared() {
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "params.limit > 1")
        XCTAssertEqual(loadError(yaml), "checks/test/check.yaml:1:1: check TEST-X-001 reads params.limit but declares no default for it under 'params'")
        // The parsed expression is walked, not its text: index and presence forms count, a string that mentions
        // params does not.
        for form in ["params['limit'] > 1", "has(params.limit)"] {
            XCTAssertEqual(loadError(Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: form)),
                           "checks/test/check.yaml:1:1: check TEST-X-001 reads params.limit but declares no default for it under 'params'", form)
        }
        XCTAssertNoThrow(try Fixtures.check(Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "self.id != 'params.limit'")))
    }

    func testBadIdAndSeverity() {
        XCTAssertEqual(loadError(Fixtures.checkYAML(id: "lower-case", types: "T::A::B", assert: "true")),
                       "checks/test/check.yaml:1:5: check id 'lower-case' must look like PACK-AREA-001 (upper case, dash separated)")
        XCTAssertEqual(loadError(Fixtures.checkYAML(types: "T::A::B", assert: "true").replacingOccurrences(of: "severity: high", with: "severity: urgent")),
                       "checks/test/check.yaml:4:11: 'severity' is 'urgent'; expected one of: low, medium, high, critical")
    }

    func testDuplicateCheckIdsAcrossFiles() throws {
        let dir = NSTemporaryDirectory() + "opsready-dup-\(getpid())/pack"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let yaml = Fixtures.checkYAML(types: "AWS::SNS::Topic", assert: "true")
        try yaml.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try yaml.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CheckLoader.load(directories: [dir], rubrics: [try Fixtures.rubric()])) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "\(dir)/b.yaml:1:5: duplicate check id 'TEST-X-001' (first at \(dir)/a.yaml:1:5)")
        }
    }

    /// The finding marker ends its line or is followed by a space; anything else that merely starts like it is text.
    func testTheFindingMarkerIsFoundOnlyAsAMarker() {
        XCTAssertEqual(CheckLoader.markedLine("a: 1\nb: 2 # <-\nc: 3"), 1)
        XCTAssertEqual(CheckLoader.markedLine("a: 1 # <- the retention\nb: 2"), 0)
        XCTAssertEqual(CheckLoader.markedLine("a: 1\n\n\nb: 2 # <-"), 3)
        XCTAssertNil(CheckLoader.markedLine("a: '# <-x'\nb: 2"))
        XCTAssertNil(CheckLoader.markedLine("a: 1\nb: '# <'\n"))
        XCTAssertNil(CheckLoader.markedLine(""))
    }
}
