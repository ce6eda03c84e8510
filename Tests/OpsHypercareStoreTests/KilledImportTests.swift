import Foundation
import GRDB
import Logging
@testable import OpsCore
@testable import OpsHypercare
@testable import OpsHypercareStore
import PostgresNIO
import OpsTestSupport
import XCTest

/// `opsready hypercare record` killed with SIGKILL while its import transaction is open: the history keeps the
/// previous state, and the next import completes. The kill is sent only once the test has seen the import's write
/// transaction open (SQLite's write lock held, or a PostgreSQL backend holding a transaction id).
final class KilledImportTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Checkout.opsready), "build the opsready binary first (make test does)")
        directory = NSTemporaryDirectory() + "opsready-kill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/records", withIntermediateDirectories: true)
        for name in ["weeks.yaml", "incidents.yaml", "checklist.yaml"] {
            try FileManager.default.copyItem(atPath: Checkout.path("examples/aicc/hypercare/") + name, toPath: directory + "/records/" + name)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testKillingAnImportIntoSQLiteKeepsThePreviousState() async throws {
        let path = directory + "/history.sqlite"
        try await killMidImport(store: path, probeRuns: 150_000, sightings: 3) {
            let probe = try DatabaseQueue(path: path)
            defer { try? probe.close() }
            do {
                try probe.inTransaction(.immediate) { _ in .rollback }
                return false
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return true
            }
        } open: {
            try SQLiteHypercareStore(path: path, workload: "aicc-kill")
        }
    }

    func testKillingAnImportIntoPostgreSQLKeepsThePreviousState() async throws {
        let url = try TestPostgres.url()
        let workload = "kill-\(UUID().uuidString.prefix(8))"
        try Self.manifest(workload: workload).write(toFile: directory + "/opsready.yaml", atomically: true, encoding: .utf8)
        let location = try PostgresLocation(url: url)
        let watcher = try await PostgresConnection.connect(configuration: try location.configuration(), id: 2, logger: Self.quiet)
        defer { Task { try? await watcher.close() } }
        try await killMidImport(store: url, probeRuns: 100_000, sightings: 1) {
            let rows = try await watcher.query("""
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND query LIKE '%hypercare_%'
                """, logger: Self.quiet)
            for try await count in rows.decode(Int.self) { return count > 0 }
            return false
        } open: {
            try await PostgresHypercareStore.connect(url: url, workload: workload)
        }
        let store = try await PostgresHypercareStore.connect(url: url, workload: workload)
        try await store.deleteWorkload()
        await store.close()
    }

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func manifest(workload: String) -> String {
        "workload:\n  name: \(workload)\n  go_live: \"2026-12-01\"\n  timezone: Asia/Seoul\n"
    }

    /// Imports the example, then starts an import with `probeRuns` more rows, kills it once `writing` has said
    /// `sightings` times in a row that its transaction is open, and checks the history still holds exactly the first
    /// import; then imports again.
    func killMidImport(store: String, probeRuns: Int, sightings: Int, writing: () async throws -> Bool,
                       open: () async throws -> any HypercareStore) async throws {
        if !FileManager.default.fileExists(atPath: directory + "/opsready.yaml") {
            try Self.manifest(workload: "aicc-kill").write(toFile: directory + "/opsready.yaml", atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try record(store).terminationStatus, 0)
        let before = try await open()
        let baseline = try await before.records()
        await before.close()

        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let times = ISO8601DateFormatter()
        let lines = (0..<probeRuns).map { index in
            let at = times.string(from: start.addingTimeInterval(Double(index) * 30))
            return #"{"at":"\#(at)","probe":"api-health","status":"pass","result":{"latency_ms":\#(100 + index % 50)}}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory + "/records/probes.jsonl", atomically: true, encoding: .utf8)

        let importing = try record(store, wait: false)
        var seenWriting = 0
        while importing.isRunning && seenWriting < sightings {
            seenWriting = try await writing() ? seenWriting + 1 : 0
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTAssertTrue(importing.isRunning, "the import finished before the test saw its transaction open; give it more rows")
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        XCTAssertEqual(importing.terminationReason, .uncaughtSignal)

        let after = try await open()
        let kept = try await after.records()
        await after.close()
        XCTAssertEqual(kept.probes.count, 0, "no row of the killed import is kept")
        XCTAssertEqual(kept.weeks, baseline.weeks)
        XCTAssertEqual(kept.incidents?.map(\.id), baseline.incidents?.map(\.id))

        XCTAssertEqual(try record(store).terminationStatus, 0, "the next import completes")
        let again = try await open()
        let complete = try await again.records()
        await again.close()
        XCTAssertEqual(complete.probes.count, probeRuns)
    }

    /// Runs `opsready hypercare record` into `store`; waits for it unless told not to.
    func record(_ store: String, wait: Bool = true) throws -> Process {
        let child = try ChildProcess(Checkout.opsready, ["hypercare", "record", "--manifest", directory + "/opsready.yaml", "--records", directory + "/records",
                                                         "--store", store, "--as-of", "2027-02-24"],
                                     environment: ["OPSREADY_HOME": Checkout.root], capture: false)
        if wait { child.process.waitUntilExit() }
        return child.process
    }
}
