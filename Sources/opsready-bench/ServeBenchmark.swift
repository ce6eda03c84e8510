import AsyncHTTPClient
import Foundation
import NIOCore
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsPortfolio

/// `opsready serve` under load on loopback: a SQLite store seeded with 500 workloads (three assessments each, the
/// example's records as their bodies, and the example's hypercare records), the release CLI serving it, and 16 clients
/// at once asking for `/api/workloads` and `/`: p50/p95/p99 latency against the targets (p95 < 50 ms and < 100 ms);
/// then 300 sequential requests, and the time from SIGTERM to exit.
enum ServeBenchmark {
    static let workloads = 500
    static let clients = 16

    static func run() async throws {
        let directory = NSTemporaryDirectory() + "opsready-serve-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = directory + "/portfolio.sqlite"
        let seeding = try await seconds { try await seed(store) }
        let server = try ServedProcess(arguments: ["serve", "--store", store, "--port", "0", "--as-of", "2027-01-20"])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            emit(String(format: "serve: %d workloads (3 assessments each, hypercare records) seeded in %.1f s; %d clients at once on loopback", workloads, seeding, clients))
            // Uncached: the first request judges every workload's hypercare; after a new assessment only the page is made again.
            let cold = try await load(client, url: server.base + "/api/workloads", requests: 1, concurrency: 1).0[0]
            let portfolio = try SQLitePortfolioStore(path: store)
            let kept = try portfolio.summaries(workload: "workload-0001").last!
            _ = try portfolio.append(kept, body: try portfolio.body(workload: "workload-0001", id: kept.id)!)
            await portfolio.close()
            let changed = try await load(client, url: server.base + "/api/workloads", requests: 1, concurrency: 1).0[0]
            let page = try await load(client, url: server.base + "/", requests: 1, concurrency: 1).0[0]
            emit(String(format: "  uncached: /api/workloads first request %.0f ms (every workload judged); after a new assessment %.0f ms, / %.0f ms",
                        cold * 1000, changed * 1000, page * 1000))
            for (path, requests, target) in [("/api/workloads", 1_600, 50.0), ("/", 800, 100.0), ("/workloads/workload-0042", 800, 100.0)] {
                let (latencies, wall) = try await load(client, url: server.base + path, requests: requests, concurrency: clients)
                emit(line(path, latencies, wall: wall, target: target))
            }
            let (sequential, wall) = try await load(client, url: server.base + "/api/workloads", requests: 300, concurrency: 1)
            emit(line("/api/workloads sequential", sequential, wall: wall, target: 50))
        } catch {
            try? await client.shutdown()
            server.stop()
            throw error
        }
        try await client.shutdown()
        let stop = server.stop()
        emit(String(format: "serve: exit %.0f ms after SIGTERM (target < 5000 ms)", stop * 1000))
    }

    /// The store: the example assessed once by the release CLI, its record kept for every workload with scores that
    /// vary, and the example's hypercare records for each.
    static func seed(_ store: String) async throws {
        let cli = CommandLineBenchmark.cli
        _ = try CommandLineBenchmark.spawn([cli, "assess", "--manifest", ResourceLocator.path("examples/aicc/opsready.yaml"), "--store", store,
                                            "--workload", "seed", "--format", "json", "--output", "/dev/null"])
        let portfolio = try SQLitePortfolioStore(path: store)
        guard let seed = try portfolio.summaries(workload: "seed").first, let body = try portfolio.body(workload: "seed", id: seed.id) else {
            throw BenchError("the seed assessment was not kept")
        }
        let plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        let records = try HypercareRecords.load(directory: ResourceLocator.path("examples/aicc/hypercare"), plan: plan)
        for index in 0..<workloads {
            let name = String(format: "workload-%04d", index)
            for round in 0..<3 {
                let score = Double((index * 7 + round * 13) % 100)
                let summary = AssessmentSummary(workload: name, recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(round) * 86_400), asOf: seed.asOf,
                                                recordedBy: "bench", verdict: ["READY", "CONDITIONAL", "NOT_READY"][(index + round) % 3], score: score,
                                                highRisks: index % 4, mediumRisks: index % 3, expiredWaivers: 0, failing: index % 5, probesPassed: nil,
                                                probesFailed: nil, milestone: nil, inputs: seed.inputs)
                _ = try portfolio.append(summary, body: body.replacingOccurrences(of: "\"workload\":\"seed\"", with: "\"workload\":\"\(name)\""))
            }
            let history = try SQLiteHypercareStore(path: store, workload: name)
            _ = try history.importRecords(records, workload: HypercareWorkload(name: name, goLive: CalendarDate("2026-12-01")!, timeZone: "Asia/Seoul"))
        }
        await portfolio.close()
    }

    /// `requests` GETs of `url`, `concurrency` at a time; each latency in seconds, and the wall time.
    static func load(_ client: HTTPClient, url: String, requests: Int, concurrency: Int) async throws -> ([Double], Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var mine: [Double] = []
                    for _ in stride(from: worker, to: requests, by: concurrency) {
                        let begin = DispatchTime.now().uptimeNanoseconds
                        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 64 << 20)
                        guard response.status == .ok else { throw BenchError("\(url): \(response.status)") }
                        mine.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return (latencies, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func line(_ label: String, _ latencies: [Double], wall: Double, target: Double) -> String {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] * 1000 }
        let p95 = percentile(0.95)
        return String(format: "  %@ %5d requests: p50 %6.1f ms, p95 %6.1f ms, p99 %6.1f ms, %6.0f req/s — p95 target < %.0f ms: %@",
                      label.padding(toLength: 26, withPad: " ", startingAt: 0) as NSString, sorted.count, percentile(0.5), p95, percentile(0.99), Double(sorted.count) / wall, target,
                      (p95 < target ? "met" : "NOT MET") as NSString)
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The release CLI serving in a child process; `base` is its URL once it listens.
final class ServedProcess {
    let process = Process()
    let base: String

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLineBenchmark.cli)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The first line on stderr names the address: "opsready: serving … at http://127.0.0.1:PORT/".
        var text = ""
        while !text.contains("\n") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { throw BenchError("serve ended before listening: \(text)") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "http://[^ \n]*", options: .regularExpression) else { throw BenchError("serve said: \(text)") }
        base = String(text[range].dropLast())
    }

    /// SIGTERM, then the seconds until the process ended.
    @discardableResult
    func stop() -> Double {
        guard process.isRunning else { return 0 }
        let start = DispatchTime.now().uptimeNanoseconds
        process.terminate()
        process.waitUntilExit()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
