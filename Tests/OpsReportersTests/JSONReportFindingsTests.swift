import Foundation
@testable import OpsAssessment
import OpsCore
import OpsDocument
@testable import OpsReporters
import XCTest

/// The JSON report copies in what every finding of a check repeats, written once per check: each finding must still
/// read as its own fields — those of a check's findings in every status, a probe's finding (no check), and findings
/// whose severity or practices are not their check's.
final class JSONReportFindingsTests: XCTestCase {
    func testEveryFindingReadsAsItsOwnFields() throws {
        let base = try ReporterFixtures.assessment()
        let check = try XCTUnwrap(base.checks.first { $0.severity != .critical && !$0.practices.isEmpty })
        let location = SourceLocation(file: "infra/\"quoted\".yaml", line: 7, column: 3)
        func finding(_ id: String, _ status: Finding.Status, _ severity: Severity, _ practices: [String]) -> Finding {
            Finding(check: id, status: status, severity: severity, practices: practices, resource: .init(type: "AWS::SNS::Topic", id: "Alarms"),
                    location: location, path: "Properties.Tags", message: LocalizedText("message of \(id) \\ \(status)"), note: nil)
        }
        let extra = Finding.Status.allCases.map { finding(check.id, $0, check.severity, check.practices) } + [
            finding("PROBE-api-health", .fail, .high, ["OPS08-BP01"]),
            finding(check.id, .fail, .critical, check.practices),
            finding(check.id, .fail, check.severity, check.practices + ["OPS99-BP99"]),
            finding(check.id, .pass, check.severity, []),
        ]
        let assessment = Assessment(rubric: base.rubric, checks: base.checks, findings: base.findings + extra, failOn: nil,
                                    inputs: base.inputs, resourceCount: base.resourceCount, context: base.context)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(JSONReporter(language: .ko).render(assessment).utf8)) as? [String: Any])
        let written = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertEqual(written.count, assessment.findings.count)
        let checks = Dictionary(assessment.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (f, object) in zip(assessment.findings, written) {
            let known = checks[f.check]
            XCTAssertEqual(object["check"] as? String, f.check)
            XCTAssertEqual(object["fingerprint"] as? String, f.fingerprint)
            XCTAssertEqual(object["title"] as? String, known?.title.text(.ko) ?? f.check)
            XCTAssertEqual(object["status"] as? String, f.status.rawValue)
            XCTAssertEqual(object["severity"] as? String, f.severity.rawValue, f.check)
            XCTAssertEqual(object["practices"] as? [String], f.practices, f.check)
            XCTAssertEqual(object["message"] as? String, f.message.text(.ko))
            XCTAssertEqual(object["seed"] as? String, known?.seed)
            XCTAssertEqual((object["location"] as? [String: Any])?["file"] as? String, f.location?.file)
        }
        XCTAssertEqual(written.suffix(extra.count).map { $0["severity"] as? String }.suffix(4),
                       [Severity.high, .critical, check.severity, check.severity].map(\.rawValue))
    }
}
