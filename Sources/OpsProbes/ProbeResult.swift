import OpsExpr
import OpsReadyKit

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

    /// The English message (what tests and logs read).
    public var summary: String { message.en }

    /// The probe as a finding, located at its declaration in the manifest.
    public var finding: Finding {
        Finding(check: "PROBE-\(spec.id)", status: status, severity: spec.severity, practices: spec.practices,
                resource: Finding.ResourceRef(type: "OpsReady::Probe::\(spec.kind.rawValue)", id: spec.id),
                location: spec.location, path: nil, message: message, note: status == .skipped ? spec.skip : nil)
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
