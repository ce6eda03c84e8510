import OpsAssessment
import OpsCore
import OpsExpr

/// Probe results for people: a line per probe, then the totals. Secrets never appear: results hold only what the server sent back, never the
/// request's headers.
public struct ProbeTextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "A line per probe, then the totals."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ run: ProbeResults) -> String {
        let results = run.results
        var lines: [String] = []
        for r in results {
            let label = r.status == .pass ? "PASS" : (r.status == .skipped ? "SKIP" : (r.status == .error ? "ERROR" : "FAIL"))
            var line = "\(label) \(r.spec.id) \(r.message.text(language))" + (r.spec.skip.map { ": \($0)" } ?? "")
            if r.samples.count > 1, case .map(let m) = r.result {
                let ms = ["p50_ms", "p95_ms", "p99_ms"].map { name -> Double? in if case .double(let d)? = m.field(name) { d } else { nil } }
                if let p50 = ms[0], let p95 = ms[1], let p99 = ms[2] {
                    line += String(format: " (p50 %.0f ms, p95 %.0f ms, p99 %.0f ms over %d)", p50, p95, p99, r.samples.count)
                }
            }
            lines.append(line)
        }
        let passed = results.filter { $0.status == .pass }.count
        let failed = results.filter { $0.status == .fail || $0.status == .error }.count
        let skipped = results.filter { $0.status == .skipped }.count
        lines.append(language == .ko ? "프로브: 통과 \(passed), 실패 \(failed), 건너뜀 \(skipped)"
                                     : "probes: \(passed) passed, \(failed) failed, \(skipped) skipped")
        return lines.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }
}
