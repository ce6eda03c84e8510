import Foundation
import LoopbackEndpoints
import OpsAssessment
import OpsCore
import OpsDocument
import OpsProbes

/// 1,000 HTTP probes against a local endpoint that answers after 50 ms, 32 at a time: wall time against the
/// ideal (1000 / 32 × 50 ms), and resident memory after each of two rounds (flat when the second adds nothing).
enum ProbeBenchmark {
    static let count = 1_000
    static let delayMs = 50.0
    static let concurrency = 32

    static func run() async throws {
        let server = try LoopbackServer(threads: 2)
        defer { server.stop() }
        let specs = try (0..<count).map { i in
            let yaml = "{id: p\(i), kind: http, url: 'http://127.0.0.1:\(server.port)/delay/\(Int(delayMs))', assert: 'result.status == 200'}"
            return try ProbeSpec.parse(try DocumentLoader.parse(yaml, file: "bench.yaml")[0], practiceIds: nil)
        }
        let runner = ProbeRunner(concurrency: concurrency, overallTimeoutSeconds: 60)
        let ideal = Double(count) / Double(concurrency) * delayMs / 1000
        for round in 1...2 {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = await runner.run(specs)
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let passed = results.filter { $0.status == .pass }.count
            emit(String(format: "probes round %d: %d × http (%.0f ms each) at concurrency %d: wall %.3f s, ideal %.3f s, ratio %.2fx, %d passed, RSS %.0f MB",
                        round, count, delayMs, concurrency, wall, ideal, wall / ideal, passed, residentMemoryMB()))
        }
        emit("target: probes within 1.5x of ideal, RSS flat between rounds")
    }

    /// Current resident set size (not the peak), from /proc.
    static func residentMemoryMB() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
