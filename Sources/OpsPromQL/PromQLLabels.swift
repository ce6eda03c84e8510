extension PromQLExpr {
    /// Whether the series the expression gives still carry `label` from the series it reads: true through selectors,
    /// functions and filters, `by` lists that name it and `without` lists that do not; false after an aggregation
    /// without grouping, or a one-to-one match `on` other labels. An alert that keeps `job` fires per job.
    public func keeps(_ label: String) -> Bool {
        switch self {
        case .number, .string: return false
        case .selector, .matrix: return true
        case .subquery(let inner, _, _, _, _), .parenthesized(let inner, _), .unary(_, let inner, _): return inner.keeps(label)
        case .call(let name, let arguments, _):
            switch name {
            case "absent", "absent_over_time":
                return arguments.first?.selectors.contains { s in s.matchers.contains { $0.label == label && $0.kind == .equal } } ?? false
            case "time", "vector", "scalar", "pi": return false
            case "histogram_quantile", "quantile_over_time", "histogram_fraction": return arguments.last?.keeps(label) ?? false
            default: return arguments.first { $0.type == .vector || $0.type == .matrix }?.keeps(label) ?? false
            }
        case .aggregate(let a):
            guard a.expression.keeps(label) else { return false }
            if ["topk", "bottomk", "limitk", "limit_ratio"].contains(a.op) { return true }
            guard a.grouped else { return false }
            return a.without ? !a.labels.contains(label) : a.labels.contains(label)
        case .binary(let op, let l, let r, let modifiers, _):
            if op.isSet { return op == .or ? l.keeps(label) && r.keeps(label) : l.keeps(label) }
            if l.type == .scalar { return r.keeps(label) }
            if r.type == .scalar { return l.keeps(label) }
            if case .right? = modifiers.group { return r.keeps(label) }
            if modifiers.group == nil, case .on(let labels)? = modifiers.matching { return labels.contains(label) && l.keeps(label) }
            if case .ignoring(let labels)? = modifiers.matching, modifiers.group == nil { return !labels.contains(label) && l.keeps(label) }
            return l.keeps(label)
        }
    }
}
