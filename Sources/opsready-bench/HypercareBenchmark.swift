import Foundation
import OpsCore
import OpsHypercare
import OpsHypercareStore

/// Twelve weeks of hypercare records with a probe history recorded every minute for two probes (241,920 runs, as
/// `opsready probe --record` from cron writes it): loading the records directory, computing the status, and the
/// import into each history — first import, re-import of the same files (nothing new), and reading it back.
/// PostgreSQL runs when `OPSREADY_BENCH_POSTGRES` (or `OPSREADY_TEST_POSTGRES`) names a database.
enum HypercareBenchmark {
    static let probes = ["api-health", "admin-console"]
    static let minutes = 12 * 7 * 24 * 60

    static func run() async throws {
        let directory = NSTemporaryDirectory() + "opsready-bench-hypercare-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["weeks.yaml", "incidents.yaml", "maintenance.yaml", "activities.yaml", "surveys.csv", "checklist.yaml"] {
            try FileManager.default.copyItem(atPath: ResourceLocator.path("examples/aicc/hypercare/" + name), toPath: directory + "/" + name)
        }
        try probeHistory().write(toFile: directory + "/probes.jsonl", atomically: true, encoding: .utf8)

        let plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        let seoul = TimeZone(identifier: "Asia/Seoul")!
        let goLive = CalendarDate("2026-12-01")!.start(in: seoul)
        var records: HypercareRecords!
        let load = try seconds { records = try HypercareRecords.load(directory: directory, plan: plan) }
        // Availability and response time from the probe history alone: the typed values are left out.
        let measured = HypercareRecords(weeks: records.weeks.mapValues { $0.filter { !["availability_percent", "response_time_seconds"].contains($0.key) } },
                                        incidents: records.incidents, checklist: records.checklist, probes: records.probes,
                                        maintenance: records.maintenance, activities: records.activities, surveys: records.surveys)
        let status = seconds {
            _ = HypercareStatus.compute(plan: plan, records: measured, goLive: goLive, now: goLive.addingTimeInterval(90 * 86_400), timeZone: seoul)
        }
        emit(String(format: "hypercare: %d probe runs + 12 weeks of records: load %.0f ms, status %.0f ms", records.probes.count, load * 1000, status * 1000))

        try await importFigures("SQLite", records) { try SQLiteHypercareStore(path: directory + "/history.sqlite", workload: "bench") }
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["OPSREADY_BENCH_POSTGRES"] ?? environment["OPSREADY_TEST_POSTGRES"], !url.isEmpty {
            let workload = "bench-\(getpid())"
            try await importFigures("PostgreSQL", records) { try await PostgresHypercareStore.connect(url: url, workload: workload) }
            let store = try await PostgresHypercareStore.connect(url: url, workload: workload)
            try await store.deleteWorkload()
            await store.close()
        } else {
            emit("hypercare PostgreSQL: skipped (set OPSREADY_BENCH_POSTGRES=postgres://…)")
        }
        emit("target: a 12-week minute-by-minute history imports, re-imports and reads back in seconds, not minutes")
    }

    /// First import, re-import and read-back times for one store.
    static func importFigures(_ name: String, _ records: HypercareRecords, open: () async throws -> any HypercareStore) async throws {
        let store = try await open()
        var first: HypercareImportSummary!
        let firstImport = try await asyncSeconds { first = try await store.importRecords(records) }
        let reimport = try await asyncSeconds { _ = try await store.importRecords(records) }
        var read: HypercareRecords!
        let readBack = try await asyncSeconds { read = try await store.records() }
        await store.close()
        emit(String(format: "hypercare %@: import %d rows %.2f s (%.0f rows/s), re-import %.2f s, read back %d probe runs %.2f s",
                    name, first.rowsAfter, firstImport, Double(first.rowsAfter) / firstImport, reimport, read.probes.count, readBack))
    }

    static func asyncSeconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// One JSON line per probe per minute from go-live, a failure every 997th run, as `probe --record` writes them.
    static func probeHistory() -> String {
        let start = CalendarDate("2026-12-01")!.start(in: TimeZone(identifier: "Asia/Seoul")!)
        let times = ISO8601DateFormatter()
        var lines: [String] = []
        lines.reserveCapacity(minutes * probes.count)
        for minute in 0..<minutes {
            let at = times.string(from: start.addingTimeInterval(Double(minute) * 60))
            for (index, probe) in probes.enumerated() {
                let status = (minute * 2 + index) % 997 == 0 ? "fail" : "pass"
                let latency = Double(120 + minute % 80)
                lines.append(ProbeRunRecord(at: at, probe: probe, kind: "http", target: "https://\(probe).example.com/health", status: status, latencyMs: latency,
                                            result: ["status": .number(status == "pass" ? 200 : 503), "latency_ms": .number(latency)]).line)
            }
        }
        return lines.joined()
    }
}
