import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import XCTest

final class ManifestTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "opsready-manifest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/docs", withIntermediateDirectories: true)
        try "# runbook\n".write(toFile: directory + "/docs/runbook.md", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private func load(_ body: String) throws -> Manifest {
        let path = directory + "/opsready.yaml"
        try ("workload:\n  name: w\n  timezone: Asia/Seoul\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        return try Manifest.load(path: path)
    }

    private func error(_ body: String) -> String {
        do { _ = try load(body); return "no error" } catch { return "\(error)".replacingOccurrences(of: directory + "/", with: "") }
    }

    func testTheExampleManifestAnswersEveryPractice() throws {
        let manifest = try Manifest.load(path: Fixtures.root + "/examples/aicc/opsready.yaml")
        let rubric = try Fixtures.rubric()
        XCTAssertEqual(Set(manifest.attestations.keys), Set(rubric.practices.map(\.id)))
        XCTAssertEqual(manifest.incidentTargets?.response["P2"]?.shortText, "1h", "the example chooses the hypercare plan's targets")
        XCTAssertEqual(manifest.escalation.map(\.level), ["L1", "L2", "L3", "L4", "L5"])
        try manifest.validate(rubric: rubric, checks: try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric]))
    }

    func testAttestationsAreValidated() throws {
        let ok = try load("attestations:\n  OPS01-BP01: {answer: yes, by: a, date: 2026-11-01, evidence: docs/runbook.md}\n")
        XCTAssertEqual(ok.attestations["OPS01-BP01"]?.answer, .yes, "unquoted yes (a YAML 1.1 boolean) is the answer yes")
        XCTAssertEqual(error("attestations:\n  OPS01-BP01: {answer: yes, by: a, date: 2026-11-01, evidence: docs/missing.md}\n"),
                       "opsready.yaml:5:64: evidence file 'docs/missing.md' does not exist")
        XCTAssertEqual(error("attestations:\n  OPS01-BP01: {answer: not_applicable, by: a, date: 2026-11-01}\n"),
                       "opsready.yaml:5:15: OPS01-BP01 is not_applicable without a 'reason' (OUT_OF_SCOPE, BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS or OTHER)")
        XCTAssertEqual(error("attestations:\n  OPS01-BP01: {answer: maybe, by: a, date: 2026-11-01}\n"),
                       "opsready.yaml:5:24: 'answer' is 'maybe'; expected one of: yes, partial, no, not_applicable")
        XCTAssertEqual(error("attestations:\n  OPS01-BP01: {answer: yes, by: a, date: 2026-13-01, evidence: OPS-1}\n"),
                       "opsready.yaml:5:42: 'date' is '2026-13-01'; expected a date like 2026-12-01")
        let unknownPractice = try load("attestations:\n  OPS99-BP01: {answer: no, by: a, date: 2026-11-01}\n")
        XCTAssertThrowsError(try unknownPractice.validate(rubric: try Fixtures.rubric(), checks: [])) { error in
            XCTAssertEqual((error as? DocumentError)?.message, "attestation for 'OPS99-BP01', which is not a best practice of operational-excellence")
        }
    }

    func testWaiversNeedAnExpiryAndAKnownCheck() throws {
        XCTAssertEqual(error("waivers:\n  - {check: AWS-LOG-001, reason: r, owner: o}\n"),
                       "opsready.yaml:5:5: waiver of AWS-LOG-001 has no 'expires' date; every waiver must expire")
        let unknown = try load("waivers:\n  - {check: NOPE-X-001, reason: r, owner: o, expires: 2027-01-01}\n")
        XCTAssertThrowsError(try unknown.validate(rubric: try Fixtures.rubric(), checks: [])) { error in
            XCTAssertEqual((error as? DocumentError)?.description.hasSuffix("opsready.yaml:5:5: waiver for unknown check 'NOPE-X-001'"), true)
        }
    }

    func testUnknownKeysRunbooksAndTargets() {
        XCTAssertEqual(error("atestations: {}\n").hasPrefix("opsready.yaml:4:1: unknown field 'atestations' in manifest"), true)
        XCTAssertEqual(error("runbooks:\n  - {id: r, title: t, path: docs/nope.md}\n"), "opsready.yaml:5:29: runbook 'docs/nope.md' does not exist")
        XCTAssertEqual(error("incident_targets: seed-999\n"), "opsready.yaml:4:19: unknown incident target preset 'seed-999' (known: seed-000, seed-003)")
        XCTAssertEqual(error("escalation:\n  - {level: L6, who: x, within: 1h}\n"), "opsready.yaml:5:5: escalation level 'L6' must be L1 to L5")
        XCTAssertEqual(error("escalation:\n  - {level: L1, who: x, within: soon}\n"), "opsready.yaml:5:33: 'within' is 'soon'; expected a duration like 30m or 4h")
    }
}
