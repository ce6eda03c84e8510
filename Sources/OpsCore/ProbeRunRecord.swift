import Foundation

/// One line of the probe history: what `opsready probe --record` appends and what hypercare reads for the
/// availability and response-time KPIs. One type on both sides, so the two cannot drift apart.
///
/// `latency_ms` is the one latency every kind measures: the HTTP response, the TLS handshake, the TCP connect,
/// the DNS lookup. `result` keeps the run's other scalar measurements (status code, days to expiry, error),
/// never bodies or headers.
public struct ProbeRunRecord: Codable, Sendable, Equatable {
    /// A scalar measurement.
    public enum Measure: Codable, Sendable, Equatable {
        case number(Double), text(String), flag(Bool)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else { self = .text(try container.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let n) where n.rounded() == n && abs(n) < 1e15: try container.encode(Int64(n))
            case .number(let n): try container.encode(n)
            case .text(let t): try container.encode(t)
            case .flag(let f): try container.encode(f)
            }
        }
    }

    /// When the run finished (RFC 3339).
    public var at: String
    public var probe: String
    public var kind: String
    public var target: String
    /// `pass`, `fail` or `error`.
    public var status: String
    public var latencyMs: Double?
    public var result: [String: Measure]

    /// A record of a run; numbers that are not finite are left out (JSON has no NaN), so `line` always encodes.
    public init(at: String, probe: String, kind: String, target: String, status: String, latencyMs: Double?, result: [String: Measure]) {
        (self.at, self.probe, self.kind, self.target, self.status) = (at, probe, kind, target, status)
        self.latencyMs = latencyMs.flatMap { $0.isFinite ? $0 : nil }
        self.result = result.filter { if case .number(let n) = $0.value { n.isFinite } else { true } }
    }

    public enum CodingKeys: String, CodingKey {
        case at, probe, kind, target, status, result
        case latencyMs = "latency_ms"
    }

    /// Lines written before `latency_ms` was the record's own field kept each kind's latency in `result`.
    public static let earlierLatencyKeys = ["latency_ms", "handshake_ms", "connect_ms", "lookup_ms"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(String.self, forKey: .at)
        probe = try c.decodeIfPresent(String.self, forKey: .probe) ?? ""
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        target = try c.decodeIfPresent(String.self, forKey: .target) ?? ""
        status = try c.decode(String.self, forKey: .status)
        result = try c.decodeIfPresent([String: Measure].self, forKey: .result) ?? [:]
        latencyMs = try c.decodeIfPresent(Double.self, forKey: .latencyMs) ?? Self.earlierLatency(result)
    }

    static func earlierLatency(_ result: [String: Measure]) -> Double? {
        for key in earlierLatencyKeys { if case .number(let ms)? = result[key] { return ms } }
        return nil
    }

    /// What hypercare reads of a record — when, which probe, its status and latency — decoded without the other
    /// measurements: weeks of minute-by-minute runs are hundreds of thousands of lines.
    public struct Essentials: Decodable, Sendable {
        public let at: String
        public let probe: String
        public let status: String
        public let latencyMs: Double?

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            at = try c.decode(String.self, forKey: .at)
            probe = try c.decodeIfPresent(String.self, forKey: .probe) ?? ""
            status = try c.decode(String.self, forKey: .status)
            latencyMs = try c.decodeIfPresent(Double.self, forKey: .latencyMs) ?? c.decodeIfPresent(EarlierLatency.self, forKey: .result)?.value
        }
    }

    /// The latency of a line written before `latency_ms` was the record's own field, from its `result`.
    struct EarlierLatency: Decodable {
        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }

        let value: Double?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            value = ProbeRunRecord.earlierLatencyKeys.lazy.compactMap { try? c.decodeIfPresent(Double.self, forKey: Key(stringValue: $0)) }.first
        }
    }

    /// The record on one line, keys sorted, with its newline: one whole `write` per line when appended.
    public var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, booleans and finite numbers (the initializers keep only those) always encode.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
