/// A parsed PromQL expression. Every node keeps the UTF-8 offset where it starts in the expression text.
public indirect enum PromQLExpr: Equatable, Sendable {
    case number(Double, at: Int)
    case string(String, at: Int)
    case selector(VectorSelector)
    /// `selector[range]`.
    case matrix(VectorSelector, range: Double, at: Int)
    /// `expr[range:step]`, with its own offset and `@`.
    case subquery(PromQLExpr, range: Double, step: Double?, modifiers: Modifiers, at: Int)
    case parenthesized(PromQLExpr, at: Int)
    case unary(negated: Bool, PromQLExpr, at: Int)
    case binary(BinaryOperator, PromQLExpr, PromQLExpr, modifiers: BinaryModifiers, at: Int)
    case aggregate(Aggregation)
    case call(name: String, arguments: [PromQLExpr], at: Int)

    /// `metric{label="value", …}` with its offset and `@`.
    public struct VectorSelector: Equatable, Sendable {
        public var name: String?
        public var matchers: [LabelMatcher]
        public var modifiers: Modifiers
        public var at: Int
    }

    public struct LabelMatcher: Equatable, Sendable {
        public enum Kind: String, Equatable, Sendable { case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~" }
        public var label: String
        public var kind: Kind
        public var value: String
    }

    /// `offset` (seconds, may be negative) and `@` (a Unix time, or `start()`/`end()`).
    public struct Modifiers: Equatable, Sendable {
        public var offset: Double?
        public var at: String?
        public static let none = Modifiers()
    }

    public enum BinaryOperator: String, CaseIterable, Sendable {
        case or, and, unless
        case equal = "==", notEqual = "!=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", atan2, power = "^"

        public var isComparison: Bool { [.equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual].contains(self) }
        public var isSet: Bool { [.or, .and, .unless].contains(self) }

        /// Binding strength; `^` is right-associative.
        var precedence: Int {
            switch self {
            case .or: 1
            case .and, .unless: 2
            case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: 3
            case .add, .subtract: 4
            case .multiply, .divide, .modulo, .atan2: 5
            case .power: 6
            }
        }
    }

    public struct BinaryModifiers: Equatable, Sendable {
        public enum Matching: Equatable, Sendable { case on([String]), ignoring([String]) }
        public enum Group: Equatable, Sendable { case left([String]), right([String]) }
        public var returnsBool = false
        public var matching: Matching?
        public var group: Group?
    }

    public struct Aggregation: Equatable, Sendable {
        public var op: String
        public var expression: PromQLExpr
        public var parameter: PromQLExpr?
        public var labels: [String]
        public var without: Bool
        public var grouped: Bool
        public var at: Int
    }

    public enum ValueType: String, Sendable { case scalar, vector = "instant vector", matrix = "range vector", string }

    /// Where the node starts in the expression text (UTF-8 offset).
    public var offset: Int {
        switch self {
        case .number(_, let at), .string(_, let at), .matrix(_, _, let at), .subquery(_, _, _, _, let at), .parenthesized(_, let at),
             .unary(_, _, let at), .binary(_, _, _, _, let at), .call(_, _, let at): at
        case .selector(let s): s.at
        case .aggregate(let a): a.at
        }
    }

    public var type: ValueType {
        switch self {
        case .number: .scalar
        case .string: .string
        case .selector, .aggregate: .vector
        case .matrix, .subquery: .matrix
        case .parenthesized(let e, _), .unary(_, let e, _): e.type
        case .binary(_, let l, let r, _, _): l.type == .scalar && r.type == .scalar ? .scalar : .vector
        case .call(let name, _, _): PromQLFunctions.all[name]?.returns ?? .vector
        }
    }

    /// The expression with parentheses around it taken away.
    public var unwrapped: PromQLExpr {
        if case .parenthesized(let inner, _) = self { return inner.unwrapped }
        return self
    }

    /// Every vector selector in the expression, in reading order.
    public var selectors: [VectorSelector] {
        switch self {
        case .number, .string: []
        case .selector(let s), .matrix(let s, _, _): [s]
        case .subquery(let e, _, _, _, _), .parenthesized(let e, _), .unary(_, let e, _): e.selectors
        case .binary(_, let l, let r, _, _): l.selectors + r.selectors
        case .aggregate(let a): (a.parameter?.selectors ?? []) + a.expression.selectors
        case .call(_, let arguments, _): arguments.flatMap(\.selectors)
        }
    }
}

extension PromQLExpr.VectorSelector {
    /// The metric name, from the name or an `__name__="…"` matcher.
    public var metric: String? { name ?? matchers.first { $0.label == "__name__" && $0.kind == .equal }?.value }
}
