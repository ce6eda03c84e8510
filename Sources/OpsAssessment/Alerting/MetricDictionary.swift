import Foundation
import OpsCore
import OpsDocument

/// What metrics measure, as data (`checks/alerting/metrics.yaml`): the signals coverage asks for, with the unit a
/// threshold is stated in and which direction is bad, and the quantities exporters and CloudWatch publish — a metric
/// (or a ratio of two) matched by name and labels, the signal it measures, its unit, and whether it measures what is
/// used or what is left.
public struct MetricDictionary: Sendable {
    public enum Unit: String, CaseIterable, Sendable {
        /// 0–1; `percent` 0–100.
        case ratio, percent, seconds, milliseconds, bytes, days
        /// Unix seconds of a moment to come (a certificate's expiry): subtract `time()` to get seconds left.
        case timestamp
        /// 1 while the target answers, 0 when it does not (`up`, `probe_success`, a healthy-host count).
        case up
        case count
    }

    public enum Measures: String, CaseIterable, Sendable { case used, free }
    public enum Direction: String, CaseIterable, Sendable { case high, low, down }

    /// A signal coverage asks for: the unit its thresholds are stated in and the direction that is trouble.
    public struct Signal: Sendable {
        public let name: String
        public let unit: Unit
        public let bad: Direction
    }

    /// Which metrics a quantity is read from: a name pattern (anchored regular expression) and label matchers the
    /// selector must carry (`mode: idle` — an `=` or `=~` matcher whose value matches; `mode: "!idle"` — a `!=`/`!~` one).
    public struct Pattern: Sendable {
        public let metric: String
        let metricPattern: AnchoredPattern
        let labels: [(name: AnchoredPattern, value: AnchoredPattern, negated: Bool)]
        /// For a ratio's denominator: the numerator's metric, up to a `_sum`/`_count`/`_bucket`/`_total` suffix.
        let sameAsNumerator: Bool
    }

    public struct Quantity: Sendable {
        public let id: String
        public let source: String
        public let signal: String
        public let unit: Unit
        public let measures: Measures
        public let metric: Pattern?
        public let ratio: (numerator: Pattern, denominator: Pattern)?
        /// Whether a sum of it stays in its unit (CPU time by mode, summed over the busy modes).
        public let summable: Bool
        /// CloudWatch statistics the quantity holds for (`Average` of `5XXError` is a rate, `Sum` a count); empty: any.
        public let statistics: [String]
        public let examples: [Example]
        public let location: SourceLocation
    }

    /// An alert expression and what it must be read as: a test of the entry, run by `opsready checks test`.
    public struct Example: Sendable {
        public let expression: String
        public let signal: String
        public let threshold: Double?
        public let location: SourceLocation
    }

    public let signals: [String: Signal]
    /// The signals in the order the dictionary declares them.
    public let signalOrder: [String]
    /// For each component type, the signals it needs alerts on, in order.
    public let components: [(type: String, signals: [String])]
    public let quantities: [Quantity]
    public let path: String
    private let names: MetricNameIndex

    init(signals: [String: Signal], signalOrder: [String], components: [(type: String, signals: [String])], quantities: [Quantity], path: String) {
        self.signals = signals
        self.signalOrder = signalOrder
        self.components = components
        self.quantities = quantities
        self.path = path
        names = MetricNameIndex(quantities)
    }

    /// A metric as an alert reads it: its name (`AWS/<namespace>/<metric>` for CloudWatch), its label matchers
    /// (CloudWatch dimensions as `=` matchers), and for CloudWatch the statistic.
    public struct Reference: Sendable {
        public var key: String
        public var matchers: [(label: String, op: String, value: String)]
        public var statistic: String?

        public init(key: String, matchers: [(label: String, op: String, value: String)] = [], statistic: String? = nil) {
            self.key = key
            self.matchers = matchers
            self.statistic = statistic
        }
    }

    /// The single-metric quantity a reference reads, most specific (most label conditions) first.
    func quantity(of reference: Reference) -> Quantity? {
        named(reference).filter { $0.accepts(reference.statistic) }.max { ($0.metric?.labels.count ?? 0) < ($1.metric?.labels.count ?? 0) }
    }

    /// The single-metric quantities whose name pattern and label conditions a reference meets.
    private func named(_ reference: Reference) -> [Quantity] {
        names.quantities(named: reference.key).map { quantities[$0] }.filter { $0.metric?.labelsMatch(reference) == true }
    }

    /// Why a reference reads as no quantity: its metric is unknown, or known for other statistics.
    func miss(_ reference: Reference) -> String {
        let known = named(reference)
        guard !known.isEmpty else { return "metric \(reference.key) not in the dictionary" }
        let statistics = known.flatMap(\.statistics)
        return "statistic \(reference.statistic ?? "none") of \(reference.key) is not read (the dictionary reads \(statistics.joined(separator: ", ")))"
    }

    /// The ratio quantity `numerator / denominator` reads, if some entry describes it.
    func ratio(_ numerators: [Reference], _ denominators: [Reference]) -> Quantity? {
        for q in quantities {
            guard let (n, d) = q.ratio else { continue }
            for top in numerators where n.matches(top, numerator: nil) && q.accepts(top.statistic) {
                if denominators.contains(where: { d.matches($0, numerator: top.key) }) { return q }
            }
        }
        return nil
    }
}

extension MetricDictionary.Quantity {
    func accepts(_ statistic: String?) -> Bool {
        statistics.isEmpty || statistic.map { s in statistics.contains { $0.caseInsensitiveCompare(s) == .orderedSame } } == true
    }
}

extension MetricDictionary.Pattern {
    func matches(_ reference: MetricDictionary.Reference, numerator: String?) -> Bool {
        if sameAsNumerator {
            guard let numerator, Self.family(numerator) == Self.family(reference.key) else { return false }
        } else if !metricPattern.matches(reference.key) {
            return false
        }
        return labelsMatch(reference)
    }

    /// Whether the reference carries every label condition.
    func labelsMatch(_ reference: MetricDictionary.Reference) -> Bool {
        for condition in labels {
            let found = reference.matchers.contains { m in
                let negatedMatcher = m.op == "!=" || m.op == "!~"
                return negatedMatcher == condition.negated && condition.name.matches(m.label) && condition.value.matches(m.value)
            }
            if !found { return false }
        }
        return true
    }

    /// A metric family's name: without the suffix that tells a histogram's or counter's series apart.
    static func family(_ name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count", "_total"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }
}
