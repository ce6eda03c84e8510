import Foundation
@testable import OpsCore
import OpsDocument
@testable import OpsHypercare
@testable import OpsHypercareStore
import PostgresNIO
import XCTest

/// The shared PostgreSQL history against the same store contract as SQLite, plus what only a shared database has:
/// workloads kept apart, and connection errors that never show the password.
///
/// Needs `OPSREADY_TEST_POSTGRES` (a `postgres://` URL of a database the tests may write to); `.ci/run` starts a
/// server and sets it, with `OPSREADY_REQUIRE_POSTGRES=1` so that a missing server fails instead of skipping.
final class PostgresHypercareStoreTests: XCTestCase {
    var url: String!
    var contract: HypercareStoreContract!
    /// Each test writes under its own workload names, removed afterwards.
    var prefix = ""
    var opened: Set<String> = []

    override func setUpWithError() throws {
        let url = try TestPostgres.url()
        self.url = url
        prefix = "test-\(UUID().uuidString.prefix(8))-"
        contract = try HypercareStoreContract { [unowned self] name in
            self.opened.insert(self.prefix + name)
            return try await PostgresHypercareStore.connect(url: url, workload: self.prefix + name)
        }
    }

    override func tearDown() async throws {
        guard let url else { return }
        for workload in opened {
            let store = try await PostgresHypercareStore.connect(url: url, workload: workload)
            try await store.deleteWorkload()
            await store.close()
        }
    }

    func testTheStatusFromTheStoreIsTheStatusFromTheFiles() async throws { try await contract.theStatusFromTheStoreIsTheStatusFromTheFiles() }
    func testProbeHistoryRoundTrips() async throws { try await contract.probeHistoryRoundTrips() }
    func testReimportingAddsNothing() async throws { try await contract.reimportingAddsNothing() }
    func testACorrectionUpdatesInPlace() async throws { try await contract.aCorrectionUpdatesInPlace() }
    func testAnInterruptedImportLeavesThePreviousState() async throws { try await contract.anInterruptedImportLeavesThePreviousState() }
    func testNoIncidentLogStaysNoData() async throws { try await contract.noIncidentLogStaysNoData() }
    func testAnEmptyLogIsZeroNotNoData() async throws { try await contract.anEmptyLogIsZeroNotNoData() }
    func testRemovedRecordsLeaveTheHistoryAndEarlierImportsStillAnswer() async throws { try await contract.removedRecordsLeaveTheHistoryAndEarlierImportsStillAnswer() }
    func testTheStatusJSONIsTheSameFromTheHistory() async throws { try await contract.theStatusJSONIsTheSameFromTheHistory() }

    func testWorkloadsSharingADatabaseDoNotSeeEachOther() async throws {
        let first = try await contract.open("first"), second = try await contract.open("second")
        _ = try await first.importRecords(contract.example)
        let secondSummary = try await second.importRecords(HypercareRecords(weeks: [1: ["availability_percent": 98.0]], incidents: nil, checklist: [:]))
        let firstRecords = try await first.records(), secondRecords = try await second.records()
        await first.close()
        await second.close()
        XCTAssertEqual(secondSummary, HypercareImportSummary(added: 2, changed: 0, removed: 0, rowsAfter: 2), "the other workload's rows are not counted (a week row and its value)")
        XCTAssertEqual(firstRecords.weeks[1]?["availability_percent"], 99.52)
        XCTAssertEqual(secondRecords.weeks, [1: ["availability_percent": 98.0]])
        XCTAssertNil(secondRecords.incidents)
        XCTAssertEqual(firstRecords.incidents?.count, contract.example.incidents?.count)
    }

    /// The shared history lists every workload an import described, each with its own records.
    func testEveryWorkloadIsListedWithItsRecords() async throws {
        let first = try await contract.open("listed-a"), second = try await contract.open("listed-b")
        let a = HypercareWorkload(name: prefix + "listed-a", goLive: CalendarDate("2026-12-01")!, timeZone: "Asia/Seoul")
        let b = HypercareWorkload(name: prefix + "listed-b", goLive: CalendarDate("2027-03-02")!, timeZone: "Europe/Berlin")
        _ = try await first.importRecords(contract.example, workload: a)
        _ = try await second.importRecords(HypercareRecords(weeks: [1: ["availability_percent": 98.0]], incidents: nil, checklist: [:]), workload: b)
        await first.close()
        await second.close()
        let listed = try await HypercareHistory.everyWorkload(url).filter { $0.workload.name.hasPrefix(prefix) }
        XCTAssertEqual(listed.map(\.workload), [a, b])
        XCTAssertEqual(listed.first?.records.weeks.count, 13)
        XCTAssertEqual(listed.last?.records.weeks, [1: ["availability_percent": 98.0]])
    }

    /// Two machines importing the same workload at once: both imports succeed and the records are there once.
    func testConcurrentImportsOfOneWorkloadAgree() async throws {
        let url = self.url!, workload = prefix + "concurrent"
        opened.insert(workload)
        let example = contract.example
        let summaries = try await withThrowingTaskGroup(of: HypercareImportSummary.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let store = try await PostgresHypercareStore.connect(url: url, workload: workload)
                    let summary = try await store.importRecords(example)
                    await store.close()
                    return summary
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(summaries.map(\.rowsAfter), [summaries[0].rowsAfter, summaries[0].rowsAfter])
        let store = try await PostgresHypercareStore.connect(url: url, workload: workload)
        let stored = try await store.records()
        let again = try await store.importRecords(example)
        await store.close()
        XCTAssertEqual(stored.weeks, example.weeks)
        XCTAssertEqual(again.added + again.changed + again.removed, 0, "nothing was stored twice")
        XCTAssertEqual(again.rowsAfter, summaries[0].rowsAfter)
    }

    func testAWrongPasswordIsAOneLineErrorWithoutThePassword() async throws {
        var parts = try XCTUnwrap(URLComponents(string: url))
        parts.password = "not-the-password-\(UUID().uuidString.prefix(6))"
        let wrong = try XCTUnwrap(parts.string)
        do {
            _ = try await PostgresHypercareStore.connect(url: wrong, workload: "never")
            XCTFail("connected with a wrong password")
        } catch let error as DocumentError {
            XCTAssertTrue(error.diagnostic.hasPrefix("postgres://\(parts.user ?? "")@"), error.diagnostic)
            XCTAssertTrue(error.diagnostic.contains("password authentication failed"), error.diagnostic)
            XCTAssertFalse(error.diagnostic.contains(parts.password!), "the password is never shown")
            XCTAssertFalse(error.diagnostic.contains("\n"))
        }
    }

    /// `sslmode` as libpq reads it, against a server with a self-signed certificate (`.ci/run` sets one up and
    /// names it in `OPSREADY_TEST_POSTGRES_CA`): `require` encrypts without checking, `verify-full` refuses an
    /// untrusted certificate in one line and accepts it with `sslrootcert`, `disable` stays in the clear.
    func testSSLModes() async throws {
        let ca = try TestPostgres.certificate()
        var parts = try XCTUnwrap(URLComponents(string: url))
        func with(_ query: [String: String]) -> String {
            parts.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) }
            return parts.string!
        }
        for (mode, encrypted) in [("require", true), ("disable", false), ("prefer", true)] {
            let location = try PostgresLocation(url: with(["sslmode": mode]))
            let connection = try await PostgresConnection.connect(configuration: try location.configuration(), id: 3, logger: KilledImportTests.quiet)
            var ssl: Bool?
            for try await value in try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: KilledImportTests.quiet)
                .decode(Bool.self) { ssl = value }
            try await connection.close()
            XCTAssertEqual(ssl, encrypted, mode)
        }
        do {
            _ = try await PostgresHypercareStore.connect(url: with(["sslmode": "verify-full"]), workload: "never")
            XCTFail("verify-full trusted a self-signed certificate")
        } catch let error as DocumentError {
            XCTAssertTrue(error.diagnostic.contains("failed: the server's certificate is not trusted"), error.diagnostic)
            XCTAssertFalse(error.diagnostic.contains("\n"))
        }
        let trusted = try await PostgresHypercareStore.connect(url: with(["sslmode": "verify-full", "sslrootcert": ca]), workload: prefix + "tls")
        opened.insert(prefix + "tls")
        _ = try await trusted.importRecords(HypercareRecords(weeks: [1: ["availability_percent": 99.95]], incidents: nil, checklist: [:]))
        let stored = try await trusted.records()
        await trusted.close()
        XCTAssertEqual(stored.weeks[1]?["availability_percent"], 99.95)
    }

    func testNoServerIsAOneLineError() async throws {
        do {
            _ = try await PostgresHypercareStore.connect(url: "postgres://opsready:secret@127.0.0.1:9/history", workload: "never")
            XCTFail("connected to the discard port")
        } catch let error as DocumentError {
            XCTAssertEqual(error.diagnostic, "postgres://opsready@127.0.0.1:9/history: error: hypercare history: cannot connect to 127.0.0.1:9: Connection refused")
        }
    }
}
