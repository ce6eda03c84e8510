import OpsDocument
import OpsExpr

/// IAM policy documents as IAM reads them, for checks: statements with `Action` or `NotAction` (a string or a
/// list), `Resource`, `Principal` (`*`, or by kind) and `Condition`, and action patterns with `*` and `?`
/// wildcards, matched without regard to case. Exposed to checks as `iamStatements(doc)`,
/// `actionMatches(pattern, action)` and `actionCovered(granted, allowed)`.
enum IAMPolicy {
    /// Each statement of a policy document as `{Effect, Action, NotAction, Resource, Principal, Condition}`, with
    /// every list a list and every missing part empty. A document written as a JSON string (AWS CLI output) is read too.
    static func statements(_ document: Value) -> Value {
        var doc = document
        if case .string(let text) = document, let node = (try? DocumentLoader.parse(text, file: "policy", syntax: .json))?.first {
            doc = Value(node)
        }
        guard case .map(let map) = doc, let statement = map.field("Statement") else { return .list(ListValue([])) }
        let items: [Value]
        switch statement {
        case .list(let list): items = list.elements
        case .map: items = [statement]
        default: items = []
        }
        return .list(ListValue(items.compactMap { item -> Value? in
            guard case .map(let s) = item else { return nil }
            return .map(MapValue(fields: [
                ("Effect", s.field("Effect") ?? .string("Allow")),
                ("Action", list(s.field("Action"))),
                ("NotAction", list(s.field("NotAction"))),
                ("Resource", list(s.field("Resource"))),
                ("Principal", principal(s.field("Principal"))),
                ("Condition", s.field("Condition") ?? .map(MapValue(fields: []))),
            ]))
        }))
    }

    /// `"*"` as `{AWS: ["*"]}`; each kind's value as a list.
    static func principal(_ value: Value?) -> Value {
        switch value {
        case .string(let s)?: return .map(MapValue(fields: [("AWS", .list(ListValue([.string(s)])))]))
        case .map(let m)?: return .map(MapValue(m.entries.map { (key: $0.key, value: list($0.value)) }))
        default: return .map(MapValue(fields: []))
        }
    }

    static func list(_ value: Value?) -> Value {
        switch value {
        case nil, .null?: return .list(ListValue([]))
        case .list?: return value!
        default: return .list(ListValue([value!]))
        }
    }

    /// Whether an IAM action pattern (`rds:Describe*`, `*`) matches an action, as IAM matches: case-insensitively.
    static func matches(_ pattern: String, _ action: String) -> Bool {
        CheckSelection.matches(pattern.lowercased(), action.lowercased())
    }

    /// Whether everything `granted` (a pattern) allows is allowed by one of `allowed`: an action by a pattern that
    /// matches it; a wildcard pattern only by an allowed pattern that ends in `*` and whose fixed part is a prefix of
    /// the granted one's (`rds:DescribeDB*` is within `rds:Describe*`; `rds:*` is not).
    static func covered(_ granted: String, by allowed: [String]) -> Bool {
        let g = granted.lowercased()
        guard g.contains("*") || g.contains("?") else { return allowed.contains { matches($0, g) } }
        let fixed = g.prefix { $0 != "*" && $0 != "?" }
        return allowed.contains { a in
            let a = a.lowercased()
            guard a.hasSuffix("*") else { return false }
            let prefix = a.dropLast()
            return !prefix.contains("*") && !prefix.contains("?") && fixed.hasPrefix(prefix)
        }
    }

    static let functions: [HostFunction] = [
        HostFunction("iamStatements", arity: 1...1) { args, _ throws(EvalError) in statements(args[0]) },
        HostFunction("actionMatches", arity: 2...2) { args, _ throws(EvalError) in
            guard case .string(let pattern) = args[0], case .string(let action) = args[1] else { throw EvalError("actionMatches() takes two strings") }
            return .bool(matches(pattern, action))
        },
        HostFunction("actionCovered", arity: 2...2) { args, _ throws(EvalError) in
            guard case .string(let granted) = args[0], case .list(let list) = args[1] else { throw EvalError("actionCovered() takes a string and a list of strings") }
            return .bool(covered(granted, by: list.elements.compactMap { if case .string(let s) = $0 { s } else { nil } }))
        },
    ]
}
