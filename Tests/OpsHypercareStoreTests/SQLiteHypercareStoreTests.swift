import Foundation
import XCTest
@testable import OpsHypercareStore
@testable import OpsReadyKit

/// The SQLite history: what goes in comes out, re-imports add nothing, and an interrupted import changes nothing.
final class SQLiteHypercareStoreTests: XCTestCase {
    var directory: String!
    var plan: HypercarePlan!
    var example: HypercareRecords!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "opsready-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        example = try HypercareRecords.load(directory: ResourceLocator.path("examples/aicc/hypercare"), plan: plan)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func status(_ records: HypercareRecords, at text: String) -> HypercareStatus {
        HypercareStatus.compute(plan: plan, records: records, goLive: ISO8601DateFormatter().date(from: "2026-12-01T00:00:00+09:00")!,
                                now: ISO8601DateFormatter().date(from: text)!, timeZone: TimeZone(identifier: "Asia/Seoul")!)
    }

    func testTheStatusFromTheStoreIsTheStatusFromTheFiles() throws {
        let store = try SQLiteHypercareStore(path: directory + "/history.sqlite")
        _ = try store.importRecords(example)
        let reopened = try SQLiteHypercareStore(path: directory + "/history.sqlite")
        let stored = try reopened.records()
        for day in ["2026-12-22T10:00:00+09:00", "2027-01-13T10:00:00+09:00", "2027-02-24T10:00:00+09:00"] {
            let a = status(example, at: day), b = status(stored, at: day)
            XCTAssertEqual(a.exitReady, b.exitReady, day)
            XCTAssertEqual(a.blockers, b.blockers, day)
            XCTAssertEqual(a.kpis.map { $0.series.map(\.value) }, b.kpis.map { $0.series.map(\.value) }, day)
            XCTAssertEqual(a.projectedExitDate, b.projectedExitDate, day)
        }
    }

    func testReimportingAddsNothing() throws {
        let store = try SQLiteHypercareStore(path: directory + "/history.sqlite")
        let first = try store.importRecords(example)
        XCTAssertEqual(first.rowsBefore, 0)
        XCTAssertGreaterThan(first.rowsAfter, 100)
        let second = try store.importRecords(example)
        XCTAssertEqual(second, HypercareImportSummary(rowsBefore: first.rowsAfter, rowsAfter: first.rowsAfter))
    }

    func testAnInterruptedImportLeavesThePreviousState() throws {
        let store = try SQLiteHypercareStore(path: directory + "/history.sqlite")
        _ = try store.importRecords(example)
        var revised = example.weeks
        for week in revised.keys { revised[week]?["availability_percent"] = 50 }
        var written = 0
        store.afterEachRow = {
            written += 1
            if written == 20 { throw CancellationError() }
        }
        XCTAssertThrowsError(try store.importRecords(HypercareRecords(weeks: revised, incidents: example.incidents, checklist: example.checklist)))
        store.afterEachRow = nil
        let kept = try store.records()
        XCTAssertEqual(kept.weeks[1]?["availability_percent"], 99.52, "the first rows of the failed import were rolled back")
        XCTAssertEqual(kept.weeks.count, 12)
    }

    func testNoIncidentLogStaysNoData() throws {
        let store = try SQLiteHypercareStore(path: directory + "/history.sqlite")
        _ = try store.importRecords(HypercareRecords(weeks: example.weeks, incidents: nil, checklist: [:]))
        XCTAssertNil(try store.records().incidents, "no incident log is no data, not zero incidents")
    }
}
