/// Resolves function calls to the standard library or host functions, checks arity and declared
/// variables, and compiles constant regular expressions, so that mistakes surface when checks load.
struct Checker {
    let environment: Environment
    private var scopes: [String] = []

    init(environment: Environment) {
        self.environment = environment
    }

    mutating func check(_ expr: Expr) throws(ExprError) -> Expr {
        let kind: ExprKind
        switch expr.kind {
        case .literal, .builtin, .match:
            return expr
        case .identifier(let name):
            try checkVariable(name, column: expr.column)
            return expr
        case .select(let operand, let field):
            // A qualified type name (`google.protobuf.Timestamp`) unless its root is a variable in scope.
            if let dotted = expr.dottedName, let type = CELType.denotations[dotted], let root = operand.rootIdentifier,
               !scopes.contains(root), !(environment.variables?.contains(root) ?? false) {
                return Expr(.literal(.type(type)), column: expr.column)
            }
            if let root = operand.rootIdentifier, environment.variables.map({ !$0.contains(root) }) ?? false,
               let dotted = expr.dottedName, environment.variables!.contains(where: { dotted.hasPrefix($0) }) {
                return expr
            }
            kind = .select(try check(operand), field)
        case .presence(let operand, let field):
            kind = .presence(try check(operand), field)
        case .index(let a, let b):
            kind = .index(try check(a), try check(b))
        case .not(let a):
            kind = .not(try check(a))
        case .negate(let a):
            kind = .negate(try check(a))
        case .binary(let op, let a, let b):
            kind = .binary(op, try check(a), try check(b))
        case .and(let a, let b):
            kind = .and(try check(a), try check(b))
        case .or(let a, let b):
            kind = .or(try check(a), try check(b))
        case .conditional(let a, let b, let c):
            kind = .conditional(try check(a), try check(b), try check(c))
        case .list(let items):
            var checked: [Expr] = []
            for item in items { checked.append(try check(item)) }
            kind = .list(checked)
        case .map(let entries):
            var checked: [MapEntryExpr] = []
            for entry in entries { checked.append(MapEntryExpr(key: try check(entry.key), value: try check(entry.value))) }
            kind = .map(checked)
        case .call(let name, let target, let args):
            let checkedTarget = try target.map { (t) throws(ExprError) in try check(t) }
            var checkedArgs: [Expr] = []
            for arg in args { checkedArgs.append(try check(arg)) }
            if let host = environment.functions[name] {
                guard host.receiver == (target != nil), host.arity.contains(args.count) else {
                    throw ExprError(column: expr.column, "\(name)() takes \(Self.describe(host.arity)) argument(s)\(host.receiver ? " on a receiver" : "")")
                }
                kind = .call(name, target: checkedTarget, args: checkedArgs)
            } else if let builtin = Builtin.resolve(name, receiver: target != nil, arguments: args.count) {
                if builtin == .matches, case .literal(.string(let pattern)) = checkedArgs.last!.kind {
                    let regex: CompiledRegex
                    do { regex = try CompiledRegex(pattern) } catch { throw ExprError(column: checkedArgs.last!.column, error.message) }
                    kind = .match(checkedTarget ?? checkedArgs[0], regex)
                } else {
                    kind = .builtin(builtin, target: checkedTarget, args: checkedArgs)
                }
            } else if environment.strictFunctions {
                let style = target == nil ? "\(name)()" : ".\(name)()"
                let known = Builtin(rawValue: name) != nil ? " with \(args.count) argument(s)" : ""
                throw ExprError(column: expr.column, "undeclared function \(style)\(known)")
            } else {
                kind = .call(name, target: checkedTarget, args: checkedArgs)
            }
        case .comprehension(let c):
            let range = try check(c.range)
            scopes.append(c.variable)
            defer { scopes.removeLast() }
            let predicate = try c.predicate.map { (p) throws(ExprError) in try check(p) }
            let transform = try c.transform.map { (t) throws(ExprError) in try check(t) }
            kind = .comprehension(Comprehension(kind: c.kind, range: range, variable: c.variable, predicate: predicate, transform: transform))
        }
        return Expr(kind, column: expr.column)
    }

    private func checkVariable(_ name: String, column: Int) throws(ExprError) {
        guard let declared = environment.variables else { return }
        if scopes.contains(name) || declared.contains(name) || CELType.denotations[name] != nil { return }
        let known = declared.sorted().joined(separator: ", ")
        throw ExprError(column: column, "undeclared reference to '\(name)' (known: \(known))")
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
    }
}
