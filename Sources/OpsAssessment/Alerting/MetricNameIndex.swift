import Synchronization

/// Which quantities of the dictionary a metric name can be, remembered per name: a workload's alerts name few
/// distinct metrics, and running every pattern of the dictionary against every alert's metric was most of the time
/// spent reading alerts. Safe to share between threads.
final class MetricNameIndex: Sendable {
    private let patterns: [(quantity: Int, pattern: AnchoredPattern)]
    private let known = Mutex<[String: [Int]]>([:])

    /// The single-metric patterns of `quantities` (a ratio's parts are matched where the ratio is read).
    init(_ quantities: [MetricDictionary.Quantity]) {
        patterns = quantities.enumerated().compactMap { i, q in q.metric.map { (i, $0.metricPattern) } }
    }

    /// Indices of the quantities whose metric pattern matches `name`, in dictionary order.
    func quantities(named name: String) -> [Int] {
        if let found = known.withLock({ $0[name] }) { return found }
        let found = patterns.filter { $0.pattern.matches(name) }.map(\.quantity)
        known.withLock { $0[name] = found }
        return found
    }
}
