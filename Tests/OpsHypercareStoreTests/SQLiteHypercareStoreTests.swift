import Foundation
import XCTest
@testable import OpsHypercareStore
@testable import OpsReadyKit
import OpsDocument

/// The SQLite history (the default: one file per workload) against the store contract.
final class SQLiteHypercareStoreTests: XCTestCase {
    var directory: String!
    var contract: HypercareStoreContract!

    override func setUpWithError() throws {
        let directory = NSTemporaryDirectory() + "opsready-store-\(UUID().uuidString)"
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        contract = try HypercareStoreContract { name in try SQLiteHypercareStore(path: directory + "/\(name).sqlite") }
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

    /// A file holds one workload: an import for another is refused and changes nothing.
    func testAFileHoldsOneWorkload() throws {
        let store = try SQLiteHypercareStore(path: directory + "/one.sqlite")
        let aicc = HypercareWorkload(name: "aicc-prod", goLive: CalendarDate("2026-12-01")!, timeZone: "Asia/Seoul")
        let first = try store.importRecords(contract.example, workload: aicc)
        XCTAssertEqual(try store.workload(), aicc)
        let other = HypercareWorkload(name: "billing", goLive: CalendarDate("2027-03-01")!, timeZone: "UTC")
        XCTAssertThrowsError(try store.importRecords(HypercareRecords(weeks: [1: ["availability_percent": 50]], incidents: nil, checklist: [:]), workload: other)) { error in
            XCTAssertTrue("\(error)".contains("this history holds workload 'aicc-prod', not 'billing'"), "\(error)")
        }
        XCTAssertEqual(try store.records(knownOn: nil).weeks[1]?["availability_percent"], 99.52)
        XCTAssertEqual(try store.importRecords(contract.example, workload: aicc).rowsAfter, first.rowsAfter)
    }

    func testAFileThatIsNotAHistoryIsAOneLineError() throws {
        let path = directory + "/not-a-database.sqlite"
        try Data(String(repeating: "this is not SQLite ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteHypercareStore(path: path)) { error in
            let diagnostic = (error as? DocumentError)?.diagnostic ?? "\(error)"
            XCTAssertTrue(diagnostic.hasPrefix(path), diagnostic)
            XCTAssertFalse(diagnostic.contains("\n"), diagnostic)
        }
    }
}
