/// A node of a parsed expression. Immutable and shareable across threads.
public final class Expr: Sendable {
    public let kind: ExprKind
    /// 1-based column of the node's first character in the source.
    public let column: Int
    /// Nodes on the longest path from this one to a leaf (a literal is 1). The parser refuses trees taller than its
    /// limit, so checking and evaluating, which recurse, stay within any thread's stack.
    public let height: Int

    init(_ kind: ExprKind, column: Int) {
        self.kind = kind
        self.column = column
        height = 1 + (kind.children.map(\.height).max() ?? 0)
    }
}

extension Expr {
    /// `a.b.c` as a dotted name, when the expression is only identifiers and selections.
    var dottedName: String? {
        switch kind {
        case .identifier(let name): return name
        case .select(let operand, let field): return operand.dottedName.map { $0 + "." + field }
        default: return nil
        }
    }

    /// The identifier a chain of selections starts from (`a` of `a.b.c`).
    var rootIdentifier: String? {
        switch kind {
        case .identifier(let name): return name
        case .select(let operand, _): return operand.rootIdentifier
        default: return nil
        }
    }
}

extension ExprKind {
    /// The expressions directly below a node.
    var children: [Expr] {
        switch self {
        case .literal, .identifier: return []
        case .select(let e, _), .presence(let e, _), .not(let e), .negate(let e), .match(let e, _): return [e]
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return [a, b]
        case .conditional(let a, let b, let c): return [a, b, c]
        case .list(let items): return items
        case .map(let entries): return entries.flatMap { [$0.key, $0.value] }
        case .call(_, let target, let args), .builtin(_, let target, let args): return (target.map { [$0] } ?? []) + args
        case .comprehension(let c): return [c.range] + [c.predicate, c.transform].compactMap { $0 }
        }
    }
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in"
}

/// The comprehension macros: `all`, `exists`, `exists_one`, `map`, `filter`.
public enum MacroKind: String, Sendable {
    case all, exists, existsOne = "exists_one", map, filter
}

public struct Comprehension: Sendable {
    public let kind: MacroKind
    public let range: Expr
    public let variable: String
    /// The predicate (all/exists/exists_one/filter, and map's optional filter).
    public let predicate: Expr?
    /// The transform of `map`.
    public let transform: Expr?
}

public struct MapEntryExpr: Sendable {
    public let key: Expr
    public let value: Expr
}

public enum ExprKind: Sendable {
    case literal(Value)
    case identifier(String)
    case select(Expr, String)
    /// `has(operand.field)`.
    case presence(Expr, String)
    case index(Expr, Expr)
    case not(Expr)
    case negate(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case conditional(Expr, Expr, Expr)
    case list([Expr])
    case map([MapEntryExpr])
    /// A function call as parsed: `name(args)` or `target.name(args)`.
    case call(String, target: Expr?, args: [Expr])
    /// A call resolved to the standard library by the checker.
    case builtin(Builtin, target: Expr?, args: [Expr])
    /// `matches` with a constant pattern, compiled once.
    case match(Expr, CompiledRegex)
    case comprehension(Comprehension)
}
