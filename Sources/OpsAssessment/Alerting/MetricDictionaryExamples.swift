import Foundation
import OpsPromQL

extension MetricDictionary {
    public static let fileName = "metrics.yaml"

    public static func isDictionaryFile(_ path: String) -> Bool { (path as NSString).lastPathComponent == fileName }

    /// A selector of an example: its metric, its other matchers, and `__stat__` as a CloudWatch statistic.
    static func exampleReference(_ s: PromQLExpr.VectorSelector) -> Reference {
        Reference(key: s.metric ?? "", matchers: s.matchers.filter { $0.label != "__name__" && $0.label != "__stat__" }.map { ($0.label, $0.kind.rawValue, $0.value) },
                  statistic: s.matchers.first { $0.label == "__stat__" }?.value)
    }

    /// Runs every entry's examples: each must read as its signal, at its threshold when one is given.
    public func runExamples() -> (examples: Int, failures: [String]) {
        var count = 0
        var failures: [String] = []
        for q in quantities {
            for e in q.examples {
                count += 1
                let found: AlertCondition
                do {
                    found = AlertCondition.classify(try PromQLParser.parse(e.expression), dictionary: self, resolve: Self.exampleReference)
                } catch {
                    failures.append("\(e.location): \(q.id): example does not parse: \(error.message)")
                    continue
                }
                if found.signal != e.signal {
                    failures.append("\(e.location): \(q.id): '\(e.expression)' reads as \(found.signal)\(found.reason.map { " (\($0))" } ?? ""), expected \(e.signal)")
                } else if let want = e.threshold, found.threshold.map({ abs($0 - want) <= 1e-9 * max(1, abs(want)) }) != true {
                    failures.append("\(e.location): \(q.id): '\(e.expression)' threshold \(found.threshold.map { String($0) } ?? "none"), expected \(want)")
                }
            }
        }
        return (count, failures)
    }
}
