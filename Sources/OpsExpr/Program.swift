import OpsDocument

/// A compiled expression: parse and check once, evaluate many times from many threads.
public struct Program: Sendable {
    public let source: String
    let root: Expr

    /// Parses and checks `source`; errors carry the column.
    public init(_ source: String, environment: Environment = .lenient) throws(ExprError) {
        self.source = source
        var checker = Checker(environment: environment)
        root = try checker.check(try Parser.parse(source))
    }

    public func evaluate(_ activation: Activation, limits: EvalLimits = .default) throws(EvalError) -> Value {
        var evaluator = Evaluator(activation: activation, limits: limits, tracing: false)
        return try evaluator.eval(root)
    }

    /// Evaluates and also returns the document nodes the expression read, in order (keys of entries read,
    /// mappings found lacking a key), so a failing condition can point at the property that made it fail.
    public func evaluateTracing(_ activation: Activation, limits: EvalLimits = .default) -> (result: Result<Value, EvalError>, reads: [Node]) {
        var evaluator = Evaluator(activation: activation, limits: limits, tracing: true)
        do {
            let value = try evaluator.eval(root)
            return (.success(value), evaluator.trace ?? [])
        } catch {
            return (.failure(error), evaluator.trace ?? [])
        }
    }
}
