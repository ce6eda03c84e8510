import Foundation
import GRDB
@testable import OpsCore
import OpsDocument
@testable import OpsHypercare
@testable import OpsHypercareStore
import XCTest

/// The SQLite history (the default: one file per workload) against the store contract.
final class SQLiteHypercareStoreTests: XCTestCase {
    var directory: String!
    var contract: HypercareStoreContract!

    override func setUpWithError() throws {
        let directory = NSTemporaryDirectory() + "opsready-store-\(UUID().uuidString)"
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        contract = try HypercareStoreContract { name in try SQLiteHypercareStore(path: directory + "/\(name).sqlite", workload: name) }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testTheStatusFromTheStoreIsTheStatusFromTheFiles() async throws { try await contract.theStatusFromTheStoreIsTheStatusFromTheFiles() }
    func testProbeHistoryRoundTrips() async throws { try await contract.probeHistoryRoundTrips() }
    func testReimportingAddsNothing() async throws { try await contract.reimportingAddsNothing() }
    func testACorrectionUpdatesInPlace() async throws { try await contract.aCorrectionUpdatesInPlace() }
    func testAnInterruptedImportLeavesThePreviousState() async throws { try await contract.anInterruptedImportLeavesThePreviousState() }
    func testNoIncidentLogStaysNoData() async throws { try await contract.noIncidentLogStaysNoData() }
    func testAnEmptyLogIsZeroNotNoData() async throws { try await contract.anEmptyLogIsZeroNotNoData() }
    func testRemovedRecordsLeaveTheHistoryAndEarlierImportsStillAnswer() async throws { try await contract.removedRecordsLeaveTheHistoryAndEarlierImportsStillAnswer() }
    func testTheStatusJSONIsTheSameFromTheHistory() async throws { try await contract.theStatusJSONIsTheSameFromTheHistory() }

    /// A file holds a portfolio: each workload's imports change its own records only, and the overview lists each.
    func testAFileHoldsEachWorkloadsOwnRecords() async throws {
        let path = directory + "/portfolio.sqlite"
        let aicc = HypercareWorkload(name: "aicc-prod", goLive: CalendarDate("2026-12-01")!, timeZone: "Asia/Seoul")
        let billing = HypercareWorkload(name: "billing", goLive: CalendarDate("2027-03-01")!, timeZone: "UTC")
        let first = try SQLiteHypercareStore(path: path, workload: aicc.name)
        let imported = try first.importRecords(contract.example, workload: aicc)
        let second = try SQLiteHypercareStore(path: path, workload: billing.name)
        let billingWeeks = HypercareRecords(weeks: [1: ["availability_percent": 50]], incidents: nil, checklist: [:])
        XCTAssertEqual(try second.importRecords(billingWeeks, workload: billing).rowsAfter, 2, "billing's rows only: week 1 and its KPI")
        XCTAssertEqual(try first.records(knownOn: nil).weeks[1]?["availability_percent"], 99.52, "billing's import left aicc-prod's records")
        XCTAssertEqual(try first.importRecords(contract.example, workload: aicc).rowsAfter, imported.rowsAfter)
        XCTAssertEqual(try first.workload(), aicc)
        XCTAssertEqual(try second.workload(), billing)
        let listed = try await HypercareHistory.everyWorkload(path)
        XCTAssertEqual(listed.map(\.workload), [aicc, billing])
        XCTAssertEqual(listed.last?.records.weeks, [1: ["availability_percent": 50]])
    }

    func testAFileThatIsNotAHistoryIsAOneLineError() throws {
        let path = directory + "/not-a-database.sqlite"
        try Data(String(repeating: "this is not SQLite ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteHypercareStore(path: path, workload: "aicc-prod")) { error in
            let diagnostic = (error as? DocumentError)?.diagnostic ?? "\(error)"
            XCTAssertTrue(diagnostic.hasPrefix(path), diagnostic)
            XCTAssertFalse(diagnostic.contains("\n"), diagnostic)
        }
    }
}

/// A history written before the temporal table (schema v5) keeps its records when it is opened again.
final class SQLiteHistoryUpgradeTests: XCTestCase {
    func testAVersion5HistoryKeepsItsRecords() throws {
        let path = NSTemporaryDirectory() + "opsready-v5-\(UUID().uuidString).sqlite"
        addTeardownBlock { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try SQLiteHypercareStore.migrator.migrate(queue, upTo: "v5")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO workload VALUES ('aicc-prod', '2026-12-01', 'Asia/Seoul');
                INSERT INTO week_kpi VALUES (1, 'availability_percent', 99.52), (1, 'peak_tps', 820), (0, 'error_occurrence', 40);
                INSERT INTO incident_log VALUES (1);
                INSERT INTO incident (id, priority, detected, resolved, outage, responded) VALUES ('INC-1', 'P2', 1796080000, 1796083300, 0, 1796082400);
                INSERT INTO checklist VALUES ('knowledge_base', '2027-02-10');
                INSERT INTO probe_run VALUES (1796090000, 'api', 1, 180.5);
                INSERT INTO survey_response VALUES ('S-1', 'csat', '2026-12-24', 4);
                INSERT INTO activity VALUES ('weekly_report', '2026-12-04');
                """)
        }
        try queue.close()
        let store = try SQLiteHypercareStore(path: path, workload: "aicc-prod")
        let records = try store.records(knownOn: nil)
        XCTAssertEqual(records.weeks, [1: ["availability_percent": 99.52, "peak_tps": 820], 0: ["error_occurrence": 40]])
        XCTAssertEqual(records.incidents, [HypercareRecords.Incident(id: "INC-1", priority: "P2", detected: Date(timeIntervalSince1970: 1_796_080_000),
                                                                      resolved: Date(timeIntervalSince1970: 1_796_083_300), responded: Date(timeIntervalSince1970: 1_796_082_400))])
        XCTAssertEqual(records.checklist, ["knowledge_base": CalendarDate("2027-02-10")])
        XCTAssertEqual(records.probes.map(\.latencyMs), [180.5])
        XCTAssertEqual(records.surveys.map(\.score), [4])
        XCTAssertEqual(records.activities, ["weekly_report": [CalendarDate("2026-12-04")!]])
        XCTAssertNil(records.maintenance, "no maintenance log was kept")
        XCTAssertEqual(try store.workload()?.name, "aicc-prod")
        XCTAssertEqual(try store.imports().count, 1, "the old rows are the first import")
    }
}
