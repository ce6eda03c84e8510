import Foundation
@testable import OpsAssessment
@testable import OpsCore
@testable import OpsHypercare
@testable import OpsReporters
import OpsTestSupport
import XCTest

/// Every registered format is a pure function of its subject: the same assessment (or hypercare status) gives
/// byte-identical output, compared with files under Golden/ named by the format's file extension. A format added to
/// a registry without its golden file fails here. Set OPSREADY_UPDATE_GOLDEN=1 to write them after a deliberate change.
final class GoldenTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static var update: Bool { ProcessInfo.processInfo.environment["OPSREADY_UPDATE_GOLDEN"] != nil }

    /// Paths under the checkout are shown relative to it, so the files do not depend on where it is.
    static func relative(_ text: String) -> String { text.replacingOccurrences(of: Checkout.root + "/", with: "") }

    func compare(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = Self.golden + "/" + name
        if Self.update { return try text.write(toFile: path, atomically: true, encoding: .utf8) }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return XCTFail("no golden file \(name): run with OPSREADY_UPDATE_GOLDEN=1 and review it", file: file, line: line)
        }
        XCTAssertEqual(text, expected, "\(name) differs from its golden file; rerun with OPSREADY_UPDATE_GOLDEN=1 if the change is intended", file: file, line: line)
    }

    func testEveryAssessmentFormatMatchesItsGoldenFile() throws {
        let a = try ReporterFixtures.assessment()
        let options = ReportOptions(root: Checkout.root)
        for reporter in Assessment.reporters {
            try compare(Self.relative(reporter.init(options: options).render(a)), "not-ready." + reporter.fileExtension)
        }
        var korean = options
        korean.language = .ko
        try compare(Self.relative(TextReporter(options: korean).render(a)), "not-ready.ko.txt")
        XCTAssertEqual(TextReporter(options: options).render(a), TextReporter(options: options).render(a), "rendering twice gives the same text")
    }

    /// The example's hypercare status in week 7 (records as of 2027-01-13), in every status format.
    func testEveryHypercareFormatMatchesItsGoldenFile() throws {
        let plan = try HypercarePlan.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))
        let seoul = TimeZone(identifier: "Asia/Seoul")!
        let goLive = CalendarDate("2026-12-01")!.start(in: seoul)
        let now = CalendarDate("2027-01-13")!.noon(in: seoul)
        let records = try HypercareRecords.load(directory: Checkout.path("examples/aicc/hypercare"), plan: plan)
            .asOf(now, goLive: goLive, timeZone: seoul, replay: true, origin: "examples/aicc/hypercare")
        let status = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: now, timeZone: seoul, workload: "aicc-prod")
        for reporter in HypercareStatus.reporters {
            try compare(reporter.init(options: ReportOptions()).render(status), "hypercare-week7." + reporter.fileExtension)
        }
    }
}
