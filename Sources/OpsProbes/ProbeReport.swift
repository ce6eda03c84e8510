import OpsExpr
import OpsReadyKit

/// Probe results for people (text) and programs (JSON). Secrets never appear: results hold only what the
/// server sent back, never the request's headers.
public enum ProbeReport {
    public static func text(_ results: [ProbeResult], language: Language = .en) -> String {
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

    public static func json(_ results: [ProbeResult], language: Language = .en) -> String {
        JSONValue.object([
            ("probes", .array(results.map { r in
                .object([
                    ("id", .string(r.spec.id)), ("kind", .string(r.spec.kind.rawValue)), ("status", .string(r.status.rawValue)),
                    ("severity", .string(r.spec.severity.rawValue)), ("practices", .array(r.spec.practices.map(JSONValue.string))),
                    ("title", .string(r.spec.title.text(language))), ("summary", .string(r.message.text(language))), ("assert", .string(r.spec.assertion.source)), ("seed", .string(r.spec.seed)),
                    ("result", json(r.result)),
                ])
            })),
        ]).rendered()
    }

    /// One JSON line per probe for the measurement history: when, which probe, its status, and the scalar
    /// measurements (latencies, status code, days to expiry, error), never bodies or headers.
    public static func historyLines(_ results: [ProbeResult], at timestamp: String) -> String {
        results.filter { $0.status != .skipped }.map { r in
            var measurements: [(String, JSONValue)] = []
            if case .map(let m) = r.result {
                for entry in m.entries where entry.key.displayText != "body" {
                    switch entry.value {
                    case .list, .map, .null: continue
                    default: measurements.append((entry.key.displayText, json(entry.value)))
                    }
                }
            }
            return JSONValue.object([
                ("at", .string(timestamp)), ("probe", .string(r.spec.id)), ("kind", .string(r.spec.kind.rawValue)),
                ("target", .string(r.spec.target)), ("status", .string(r.status.rawValue)), ("result", .object(measurements)),
            ]).renderedOnOneLine() + "\n"
        }.joined()
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int(i))
        case .uint(let u): return .int(Int(clamping: u))
        case .double(let d): return .double((d * 10).rounded() / 10)
        case .string(let s): return .string(s)
        case .list(let l): return .array(l.elements.map(json))
        case .map(let m): return .object(m.entries.map { (($0.key.displayText), json($0.value)) })
        default: return .string(value.displayText)
        }
    }
}
