import Foundation
@testable import OpsHypercare
@testable import OpsHypercareStore
import XCTest

/// The row form of incidents and maintenance windows: the handling fields survive a round trip (a review link with
/// `|` in it too), the workload's seed choices too, and rows kept before those fields existed still read back, unchanged
/// when re-imported.
final class HypercareRecordRowsTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    func testHandlingFieldsRoundTripAndOldRowsStillRead() throws {
        let handled = HypercareRecords.Incident(id: "INC-1", priority: "P1", detected: t0, resolved: t0 + 3600, outage: true, responded: t0 + 600,
                                                notified: t0 + 120, mitigated: t0 + 1200, updates: [t0 + 1800, t0 + 3000], review: "https://wiki/x?a=1|b=2",
                                                autoRecovered: true)
        let plain = HypercareRecords.Incident(id: "INC-2", priority: "P3", detected: t0, resolved: t0 + 600)
        let window = HypercareRecords.MaintenanceWindow(id: "MW-1", start: t0, end: t0 + 3600, announced: t0 - 3 * 86_400)
        var records = HypercareRecords(weeks: [:], incidents: [handled, plain], checklist: [:], probes: [], maintenance: [window], activities: [:], surveys: [])
        records.seedChoices = ["mttr": "seed-002", "weekly_report_day": "seed-001"]
        let rows = HypercareRecordRows.encode(records)
        XCTAssertEqual(rows.first { $0.key == "INC-2" }?.body.split(separator: "|", omittingEmptySubsequences: false).count, 6,
                       "an incident without handling keeps the row it had before those fields existed")
        let back = try HypercareRecordRows.decode(rows, origin: "test")
        XCTAssertEqual(back.incidents, [handled, plain])
        XCTAssertEqual(back.maintenance, [window])
        XCTAssertEqual(back.maintenance?.first?.announced, window.announced)
        XCTAssertEqual(back.seedChoices, records.seedChoices, "the plan's choices are kept with the records")
        XCTAssertThrowsError(try HypercareRecordRows.decode([HypercareRecordRow(kind: "incident", key: "X", body: "P1|1|||||||")], origin: "h.sqlite")) {
            XCTAssertEqual("\($0)", "h.sqlite: a stored incident record 'X' does not read back")
        }
    }
}
