/// PromQL's functions with their argument types, as Prometheus's function table declares them.
public struct PromQLFunctions: Sendable {
    public typealias ValueType = PromQLExpr.ValueType

    public struct Signature: Sendable {
        public let arguments: [ValueType]
        /// 0: exactly `arguments`; n > 0: up to n of the last may be left out; -1: the last repeats without limit.
        public let variadic: Int
        public let returns: ValueType
    }

    public static let all: [String: Signature] = {
        var table: [String: Signature] = [:]
        func add(_ names: [String], _ arguments: [ValueType], variadic: Int = 0, returns: ValueType = .vector) {
            for name in names { table[name] = Signature(arguments: arguments, variadic: variadic, returns: returns) }
        }
        add(["abs", "absent", "ceil", "exp", "floor", "ln", "log2", "log10", "sgn", "sort", "sort_desc", "sqrt", "timestamp", "deg", "rad",
             "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
             "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar"], [.vector])
        add(["absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta", "increase", "irate",
             "last_over_time", "max_over_time", "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
             "stdvar_over_time", "sum_over_time", "mad_over_time"], [.matrix])
        add(["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"], [.vector], variadic: 1)
        add(["clamp"], [.vector, .scalar, .scalar])
        add(["clamp_max", "clamp_min"], [.vector, .scalar])
        add(["histogram_quantile"], [.scalar, .vector])
        add(["histogram_fraction"], [.scalar, .scalar, .vector])
        add(["holt_winters", "double_exponential_smoothing"], [.matrix, .scalar, .scalar])
        add(["label_replace"], [.vector, .string, .string, .string, .string])
        add(["label_join"], [.vector, .string, .string, .string], variadic: -1)
        add(["sort_by_label", "sort_by_label_desc"], [.vector, .string], variadic: -1)
        add(["predict_linear"], [.matrix, .scalar])
        add(["quantile_over_time"], [.scalar, .matrix])
        add(["round"], [.vector, .scalar], variadic: 1)
        add(["scalar"], [.vector], returns: .scalar)
        add(["time", "pi"], [], returns: .scalar)
        add(["vector"], [.scalar])
        return table
    }()

    /// Aggregation operators (case-insensitive), and which take a parameter of which type.
    public static let aggregations: [String: ValueType?] = [
        "sum": nil, "avg": nil, "min": nil, "max": nil, "count": nil, "group": nil, "stddev": nil, "stdvar": nil,
        "topk": .scalar, "bottomk": .scalar, "quantile": .scalar, "count_values": .string, "limitk": .scalar, "limit_ratio": .scalar,
    ]
}
