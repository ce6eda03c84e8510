import Foundation
import OpsPromQL

/// What an alert's condition watches, read from its parsed expression with the metric dictionary: the quantity, the
/// direction that fires it, and its threshold in the signal's own unit (`avail / size < 0.10` is disk use above 90 %,
/// `1 - idle > .8` is CPU above 80 %, `probe_success == 0` is service down). Only an alert that fires in the signal's
/// bad direction has that signal; everything not understood with confidence is `other`, with the reason.
public struct AlertCondition: Sendable, Equatable {
    /// The signal the alert covers, or `other`.
    public var signal = "other"
    /// The signal measured, whatever the direction (a low-CPU alert measures `cpu`).
    public var quantity: String?
    public var direction: MetricDictionary.Direction?
    public var threshold: Double?
    public var unit: MetricDictionary.Unit?
    public var comparison: String?
    /// The dictionary entry that read it.
    public var entry: String?
    /// Why the alert is `other`, when it is.
    public var reason: String?
    /// Label matchers that scope the alert (`job="api"`).
    public var scope: [String: String] = [:]

    static func other(_ reason: String) -> AlertCondition { AlertCondition(reason: reason) }

    /// A value read as `scale × quantity + shift`, the quantity in `unit`.
    struct Reading {
        var quantity: MetricDictionary.Quantity
        var unit: MetricDictionary.Unit
        var scale = 1.0
        var shift = 0.0
    }

    public typealias Resolve = (PromQLExpr.VectorSelector) -> MetricDictionary.Reference

    /// Classifies an alerting expression: it fires when its value is non-empty. `records` are the recording rules'
    /// expressions by the series they record: a selector of one is read as that expression.
    public static func classify(_ expression: PromQLExpr, dictionary: MetricDictionary, records: [String: PromQLExpr] = [:],
                                resolve: @escaping Resolve) -> AlertCondition {
        var result = Analyzer(dictionary: dictionary, resolve: resolve, records: records).condition(expression)
        for selector in expression.selectors {
            for m in selector.matchers where m.kind == .equal && ["job", "service", "namespace", "instance", "app", "container", "pod", "deployment"].contains(m.label) {
                result.scope[m.label] = m.value
            }
        }
        return result
    }

    /// Classifies a comparison of one quantity with a threshold (a CloudWatch alarm).
    static func compare(_ reading: Reading, _ op: PromQLExpr.BinaryOperator, _ threshold: Double, dictionary: MetricDictionary) -> AlertCondition {
        Analyzer(dictionary: dictionary, resolve: { MetricDictionary.Reference(key: $0.metric ?? "") }, records: [:]).solve(reading, op, threshold)
    }

    struct Analyzer {
        let dictionary: MetricDictionary
        let resolve: Resolve
        let records: [String: PromQLExpr]
        /// How many recorded series deep the reading is (a record of a record…), bounded.
        var depth = 0

        func condition(_ e: PromQLExpr) -> AlertCondition {
            switch e.unwrapped {
            case .binary(let op, let l, let r, let modifiers, _):
                // `x unless <targets up>` fires where the targets are not up: service down (kube-prometheus's KubeletDown).
                if op == .unless {
                    let excluded = condition(r)
                    if excluded.quantity == "service_down", excluded.direction == .high {
                        return AlertCondition(signal: "service_down", quantity: "service_down", direction: .down, entry: excluded.entry)
                    }
                    return condition(l)
                }
                if op == .and {
                    let first = condition(l)
                    if first.signal != "other" || first.quantity != nil { return first }
                    let second = condition(r)
                    return second.signal != "other" || second.quantity != nil ? second : first
                }
                if op == .or {
                    let (a, b) = (condition(l), condition(r))
                    return a.signal == b.signal && a.direction == b.direction ? (laxer(a, b)) : .other("the two sides of 'or' watch different things")
                }
                guard op.isComparison else { return .other("no comparison with a threshold") }
                if modifiers.returnsBool { return .other("'bool' comparison: the alert fires whatever the value") }
                if let t = constant(r), let reading = read(l) { return solve(reading, op, t) }
                if let t = constant(l), let reading = read(r) { return solve(reading, op.flipped, t) }
                // `a < b * 0.1` reads as `a / b < 0.1`.
                if case .binary(.multiply, let x, let y, _, _) = r.unwrapped {
                    if let k = constant(y), let reading = ratio(l, x) { return solve(reading, op, k) }
                    if let k = constant(x), let reading = ratio(l, y) { return solve(reading, op, k) }
                }
                if let reading = ratio(l, r) { return solve(reading, op, 1) }
                return .other(read(l) == nil ? "metric not in the dictionary" : "compared with another series, not a threshold")
            // `count by (x) (up == 1)` exists exactly where its filtered series do.
            case .aggregate(let a) where ["count", "sum", "min", "max", "avg", "group"].contains(a.op) && a.expression.unwrapped.isFilter:
                return condition(a.expression)
            case .call(let name, let arguments, _) where name == "absent" || name == "absent_over_time":
                let ups = arguments.flatMap(\.selectors).compactMap { dictionary.quantity(of: resolve($0)) }.filter { $0.unit == .up }
                guard let up = ups.first else { return .other("absent() of a metric that does not tell whether a target is up") }
                return AlertCondition(signal: "service_down", quantity: "service_down", direction: .down, entry: up.id)
            default:
                return .other("no comparison with a threshold")
            }
        }

        /// Of two readings of the same signal and direction, the one that fires sooner.
        func laxer(_ a: AlertCondition, _ b: AlertCondition) -> AlertCondition {
            guard let ta = a.threshold, let tb = b.threshold else { return a }
            return (a.direction == .low ? ta >= tb : ta <= tb) ? a : b
        }

        /// `scale × q + shift  op  t`, solved for q and stated in the signal's unit and direction.
        func solve(_ reading: Reading, _ op: PromQLExpr.BinaryOperator, _ t: Double) -> AlertCondition {
            guard reading.scale != 0, reading.scale.isFinite, t.isFinite else { return .other("the threshold is not a finite number") }
            var op = op
            var value = (t - reading.shift) / reading.scale
            if reading.scale < 0 { op = op.flipped }
            let q = reading.quantity
            guard let signal = dictionary.signals[q.signal] else { return .other("unknown signal") }
            var found = AlertCondition(quantity: q.signal, entry: q.id)
            if reading.unit == .up {
                let holds = { (x: Double) in op.holds(x, value) }
                guard holds(0) != holds(1) else { return .other("fires whether the target is up or not") }
                found.direction = holds(0) ? .down : .high
                found.signal = found.direction == signal.bad ? q.signal : "other"
                if found.signal == "other" { found.reason = "fires while the target is up" }
                return found
            }
            // Into the signal's unit: a ratio as percent, milliseconds as seconds, seconds left as days. A unit that does
            // not convert (bytes left on a disk of unknown size) keeps its own; the direction still tells.
            found.unit = signal.unit
            let stated = op
            if let (a, b) = Self.conversion(from: reading.unit, to: signal.unit) {
                value = a * value + b
                if q.measures == .free && signal.unit == .percent {
                    value = 100 - value
                    op = op.flipped
                }
            } else {
                found.unit = reading.unit
                if q.measures == .free { op = op.flipped }
            }
            switch op {
            case .greater, .greaterOrEqual: found.direction = .high
            case .less, .lessOrEqual: found.direction = .low
            default: return .other("'\(op.rawValue)' on a measurement: fires at one value only")
            }
            found.threshold = value
            // The comparison as stated on the threshold's own unit (bytes left: `<`).
            found.comparison = found.unit == signal.unit ? op.rawValue : stated.rawValue
            if found.direction == signal.bad {
                found.signal = q.signal
            } else {
                found.reason = "fires when \(q.signal) is \(found.direction?.rawValue ?? "") (\(op.rawValue) \(value)), not when it is \(signal.bad.rawValue)"
            }
            return found
        }

        static func conversion(from: MetricDictionary.Unit, to: MetricDictionary.Unit) -> (Double, Double)? {
            switch (from, to) {
            case _ where from == to: (1, 0)
            case (.ratio, .percent): (100, 0)
            case (.percent, .ratio): (0.01, 0)
            case (.milliseconds, .seconds): (0.001, 0)
            case (.seconds, .milliseconds): (1000, 0)
            case (.seconds, .days): (1.0 / 86_400, 0)
            default: nil
            }
        }

        /// A number the expression always has (`86400 * 30`, `(0.9)`), or nil.
        func constant(_ e: PromQLExpr) -> Double? {
            switch e.unwrapped {
            case .number(let v, _): return v
            case .unary(let negated, let inner, _): return constant(inner).map { negated ? -$0 : $0 }
            case .binary(let op, let l, let r, _, _):
                guard let a = constant(l), let b = constant(r) else { return nil }
                switch op {
                case .add: return a + b
                case .subtract: return a - b
                case .multiply: return a * b
                case .divide: return b == 0 ? nil : a / b
                case .power: return Foundation.pow(a, b)
                default: return nil
                }
            default: return nil
            }
        }

        /// The expression as `scale × quantity + shift`, or nil when it is not one quantity read linearly.
        func read(_ e: PromQLExpr) -> Reading? {
            switch e.unwrapped {
            case .selector(let s), .matrix(let s, _, _):
                if let name = s.metric, let recorded = records[name], depth < 8 {
                    var inner = self
                    inner.depth += 1
                    return inner.read(recorded)
                }
                return dictionary.quantity(of: resolve(s)).map { Reading(quantity: $0, unit: $0.unit) }
            case .subquery(let inner, _, _, _, _):
                return read(inner)
            case .call(let name, let arguments, _):
                switch name {
                case "rate", "irate", "avg_over_time", "max_over_time", "min_over_time", "last_over_time", "abs", "clamp", "clamp_min",
                     "clamp_max", "round", "sort", "sort_desc", "ceil", "floor", "predict_linear":
                    return arguments.first.flatMap(read)
                case "increase", "delta", "idelta", "sum_over_time", "changes":
                    return arguments.first.flatMap(read).flatMap { $0.unit == .count ? $0 : nil }
                case "quantile_over_time":
                    return arguments.count == 2 ? read(arguments[1]) : nil
                case "histogram_quantile":
                    // The quantile of the bucket counts, however summed, is in the histogram's unit.
                    guard arguments.count == 2 else { return nil }
                    let buckets = arguments[1].selectors.compactMap { dictionary.quantity(of: resolve($0)) }
                    guard let q = buckets.first, buckets.allSatisfy({ $0.id == q.id }) else { return nil }
                    return Reading(quantity: q, unit: q.unit)
                default:
                    return nil
                }
            case .aggregate(let a):
                guard let inner = read(a.expression) else { return nil }
                switch a.op {
                case "avg", "min", "max", "quantile", "topk", "bottomk": return inner
                // A sum of counts is a count; `sum(up) == 0` is still "none up".
                case "sum": return inner.unit == .count || inner.unit == .up || inner.quantity.summable ? inner : nil
                default: return nil
                }
            case .unary(let negated, let inner, _):
                guard var r = read(inner) else { return nil }
                if negated { (r.scale, r.shift) = (-r.scale, -r.shift) }
                return r
            case .binary(let op, let l, let r, let modifiers, _):
                if op == .and || op == .unless { return read(l) }
                // `3 <= x` inside a condition keeps the values of x that pass: still x.
                if op.isComparison, !modifiers.returnsBool {
                    if constant(r) != nil { return read(l) }
                    if constant(l) != nil { return read(r) }
                    return nil
                }
                if let c = constant(r), var x = read(l) {
                    switch op {
                    case .add: x.shift += c
                    case .subtract: x.shift -= c
                    case .multiply: (x.scale, x.shift) = (x.scale * c, x.shift * c)
                    case .divide where c != 0: (x.scale, x.shift) = (x.scale / c, x.shift / c)
                    default: return nil
                    }
                    return x
                }
                if let c = constant(l), var x = read(r) {
                    switch op {
                    case .add: x.shift += c
                    case .subtract: (x.scale, x.shift) = (-x.scale, c - x.shift)
                    case .multiply: (x.scale, x.shift) = (x.scale * c, x.shift * c)
                    default: return nil
                    }
                    return x
                }
                // A deadline less now is the time left; now less a deadline, the time past it.
                if case .call("time", _, _) = r.unwrapped, op == .subtract, var x = read(l), x.unit == .timestamp {
                    x.unit = .seconds
                    return x
                }
                if case .call("time", _, _) = l.unwrapped, op == .subtract, var x = read(r), x.unit == .timestamp {
                    (x.unit, x.scale, x.shift) = (.seconds, -x.scale, -x.shift)
                    return x
                }
                if op == .divide { return ratio(l, r) }
                return nil
            default:
                return nil
            }
        }

        /// `numerator / denominator` as a ratio quantity of the dictionary, with the constant factors either side carries
        /// (`100 * errors / requests`). Each side must read only its entry's metrics, and never subtract: `(size - avail) /
        /// size` is not the free share.
        func ratio(_ numerator: PromQLExpr, _ denominator: PromQLExpr) -> Reading? {
            let (kn, n) = factor(numerator), (kd, d) = factor(denominator)
            guard kd != 0, !subtracts(d) else { return nil }
            // `(size - free) / size` is what is used: 1 − free / size.
            if case .binary(.subtract, let whole, let part, _, _) = n.unwrapped, !subtracts(whole), !subtracts(part),
               var used = ratio(part, d), let (_, pd) = used.quantity.ratio,
               whole.selectors.map(resolve).allSatisfy({ w in d.selectors.map(resolve).contains { pd.matches(w, numerator: nil) || $0.key == w.key } }) {
                (used.scale, used.shift) = (-used.scale * kn / kd, used.scale == 0 ? 0 : kn / kd)
                return used
            }
            guard !subtracts(n), let q = dictionary.ratio(n.selectors.map(resolve), d.selectors.map(resolve)),
                  let (pn, pd) = q.ratio else { return nil }
            let numerators = n.selectors.map(resolve)
            guard numerators.allSatisfy({ pn.matches($0, numerator: nil) }),
                  d.selectors.map(resolve).allSatisfy({ r in numerators.contains { pd.matches(r, numerator: $0.key) } }) else { return nil }
            return Reading(quantity: q, unit: q.unit, scale: kn / kd)
        }

        /// An expression as a constant factor times the rest (`100 * x / 2` is 50 × x; `sum(x * 100)` is 100 × sum(x)).
        func factor(_ e: PromQLExpr) -> (Double, PromQLExpr) {
            if case .aggregate(var a) = e.unwrapped, ["sum", "avg", "min", "max"].contains(a.op) {
                let (k, rest) = factor(a.expression)
                guard k > 0 || a.op == "sum" || a.op == "avg" else { return (1, e.unwrapped) }
                a.expression = rest
                return (k, .aggregate(a))
            }
            guard case .binary(let op, let l, let r, _, _) = e.unwrapped, op == .multiply || op == .divide else { return (1, e.unwrapped) }
            if let c = constant(r) {
                let (k, rest) = factor(l)
                return op == .multiply ? (k * c, rest) : (c == 0 ? (0, rest) : (k / c, rest))
            }
            if op == .multiply, let c = constant(l) {
                let (k, rest) = factor(r)
                return (k * c, rest)
            }
            return (1, e.unwrapped)
        }

        func subtracts(_ e: PromQLExpr) -> Bool {
            switch e {
            case .number, .string, .selector, .matrix: return false
            case .unary(let negated, let inner, _): return negated || subtracts(inner)
            case .binary(let op, let l, let r, _, _): return op == .subtract || op == .unless || subtracts(l) || subtracts(r)
            case .subquery(let inner, _, _, _, _), .parenthesized(let inner, _): return subtracts(inner)
            case .aggregate(let a): return subtracts(a.expression)
            case .call(_, let arguments, _): return arguments.contains(where: subtracts)
            }
        }
    }
}

extension PromQLExpr {
    /// A comparison without `bool`: it keeps the series that pass.
    var isFilter: Bool {
        if case .binary(let op, _, _, let modifiers, _) = self { return op.isComparison && !modifiers.returnsBool }
        return false
    }
}

extension PromQLExpr.BinaryOperator {
    /// The same comparison with its sides swapped (`a > b` is `b < a`).
    var flipped: Self {
        switch self {
        case .greater: .less
        case .less: .greater
        case .greaterOrEqual: .lessOrEqual
        case .lessOrEqual: .greaterOrEqual
        default: self
        }
    }

    func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .greater: a > b
        case .less: a < b
        case .greaterOrEqual: a >= b
        case .lessOrEqual: a <= b
        case .equal: a == b
        case .notEqual: a != b
        default: false
        }
    }
}
