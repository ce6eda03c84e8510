import OpsAssessment
import OpsCore
import OpsExpr

/// Probe results for programs: each probe with its condition and measurements. Secrets never appear: results hold only what the server sent back, never the
/// request's headers.
public struct ProbeJSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "Each probe with its condition and measurements."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ run: ProbeResults) -> String {
        let results = run.results
        return JSONValue.object([
            ("probes", .array(results.map { r in
                .object([
                    ("id", .string(r.spec.id)), ("kind", .string(r.spec.kind.rawValue)), ("status", .string(r.status.rawValue)),
                    ("severity", .string(r.spec.severity.rawValue)), ("practices", .array(r.spec.practices.map(JSONValue.string))),
                    ("title", .string(r.spec.title.text(language))), ("summary", .string(r.message.text(language))), ("assert", .string(r.spec.assertion.source)), ("seed", .string(r.spec.seed)),
                    ("result", Self.json(r.result)),
                ])
            })),
        ]).rendered()
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
