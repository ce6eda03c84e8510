import OpsDocument

/// A compiled expression: parse and check once, evaluate many times from many threads.
public struct Program: Sendable {
    public let source: String
    let root: Expr
    private let compiled: Compiled

    /// Parses and checks `source`; errors carry the column.
    public init(_ source: String, environment: Environment = .lenient) throws(ExprError) {
        self.source = source
        var checker = Checker(environment: environment)
        root = try checker.check(try Parser.parse(source))
        var compiler = Compiler()
        compiled = compiler.compile(root)
    }

    /// The fields the expression reads directly off `variable` — `params.x`, `params['x']`, `has(params.x)` — in
    /// source order, so a loader can check them against what is declared.
    public func fields(of variable: String) -> [String] {
        var found: [String] = []
        func walk(_ e: Expr) {
            switch e.kind {
            case .select(let target, let field), .presence(let target, let field):
                if case .identifier(variable) = target.kind { found.append(field) }
            case .index(let target, let key):
                if case .identifier(variable) = target.kind, case .literal(.string(let field)) = key.kind { found.append(field) }
            default: break
            }
            e.kind.children.forEach(walk)
        }
        walk(root)
        return found
    }

    /// Whether the expression is a path into the variables `names` only (`params.x`, `params['a'].b`): literals,
    /// those identifiers, fields and indexes, nothing else. Its value then depends on nothing but those variables.
    public func isPath(into names: Set<String>) -> Bool {
        func walk(_ e: Expr) -> Bool {
            switch e.kind {
            case .literal: return true
            case .identifier(let name): return names.contains(name)
            case .select(let target, _): return walk(target)
            case .index(let target, let key): return walk(target) && walk(key)
            default: return false
            }
        }
        return walk(root)
    }

    public func evaluate(_ activation: Activation, limits: EvalLimits = .default) throws(EvalError) -> Value {
        try withUnsafePointer(to: activation) { (activation) throws(EvalError) -> Value in
            var evaluator = Evaluator(activation: activation, limits: limits, tracing: false)
            return try compiled(&evaluator)
        }
    }

    /// Evaluates and also returns the document nodes the expression read, in order (keys of entries read,
    /// mappings found lacking a key), so a failing condition can point at the property that made it fail.
    public func evaluateTracing(_ activation: Activation, limits: EvalLimits = .default) -> (result: Result<Value, EvalError>, reads: [Node]) {
        withUnsafePointer(to: activation) { activation in
            var evaluator = Evaluator(activation: activation, limits: limits, tracing: true)
            do throws(EvalError) {
                let value = try compiled(&evaluator)
                return (.success(value), evaluator.trace ?? [])
            } catch {
                return (.failure(error), evaluator.trace ?? [])
            }
        }
    }
}
