import OpsCore
import OpsExpr

/// One measurement of a probe: the fields its `assert` reads as `result`.
public struct ProbeSample: Sendable {
    public var fields: [(String, Value)]
    /// The latency this kind measures (response, handshake, connect or lookup time), when it got that far.
    public var latencyMs: Double?
    public var error: String?

    public init(fields: [(String, Value)] = [], latencyMs: Double? = nil, error: String? = nil) {
        self.fields = fields
        self.latencyMs = latencyMs
        self.error = error
    }
}

/// What a probe found over its repetitions, and whether its condition held.
public struct ProbeResult: Sendable {
    public let spec: ProbeSpec
    public let samples: [ProbeSample]
    /// The map `assert` saw: the last sample's fields, plus latency percentiles when repeated.
    public let result: Value
    public let status: Finding.Status
    /// One line on what was measured and, when it failed, why.
    public let message: LocalizedText

    public init(spec: ProbeSpec, samples: [ProbeSample], result: Value, status: Finding.Status, message: LocalizedText) {
        (self.spec, self.samples, self.result, self.status, self.message) = (spec, samples, result, status, message)
    }

    /// The English message (what tests and logs read).
    public var summary: String { message.en }

    /// The probe as a finding, located at its declaration in the manifest.
    public var finding: Finding {
        Finding(check: "PROBE-\(spec.id)", status: status, severity: spec.severity, practices: spec.practices,
                resource: Finding.ResourceRef(type: "OpsReady::Probe::\(spec.kind.rawValue)", id: spec.id),
                location: spec.location, path: nil, message: message, note: status == .skipped ? spec.skip : nil)
    }
}

/// The results of one `opsready probe` run, in the order the probes were declared.
public struct ProbeResults: Sendable {
    public let results: [ProbeResult]

    public init(_ results: [ProbeResult]) { self.results = results }

    /// The history lines of this run (`probe --record`): one per probe that ran, with its scalar measurements.
    public func records(at timestamp: String) -> [ProbeRunRecord] {
        results.filter { $0.status != .skipped }.map { $0.record(at: timestamp) }
    }
}

extension ProbeResult {
    /// This result as a line of the probe history: the latency of its last measurement and the scalar fields
    /// its `assert` saw (never a body).
    public func record(at timestamp: String) -> ProbeRunRecord {
        var measures: [String: ProbeRunRecord.Measure] = [:]
        if case .map(let m) = result {
            for entry in m.entries where entry.key.displayText != "body" {
                switch entry.value {
                case .bool(let b): measures[entry.key.displayText] = .flag(b)
                case .int(let i): measures[entry.key.displayText] = .number(Double(i))
                case .uint(let u): measures[entry.key.displayText] = .number(Double(u))
                case .double(let d): measures[entry.key.displayText] = .number((d * 10).rounded() / 10)
                case .string(let s): measures[entry.key.displayText] = .text(s)
                case .list, .map, .null: continue
                default: measures[entry.key.displayText] = .text(entry.value.displayText)
                }
            }
        }
        let latency = samples.last?.latencyMs.map { ($0 * 10).rounded() / 10 }
        return ProbeRunRecord(at: timestamp, probe: spec.id, kind: spec.kind.rawValue, target: spec.target, status: status.rawValue,
                              latencyMs: latency, result: measures)
    }
}

/// Nearest-rank percentiles of latencies in milliseconds.
public enum Percentiles {
    public static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
