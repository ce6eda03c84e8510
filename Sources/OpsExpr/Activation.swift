/// A function the host application adds to the language (`ofType('AWS::SNS::Topic')`).
public struct HostFunction: Sendable {
    public let name: String
    /// Called as `target.name(args)` rather than `name(args)`.
    public let receiver: Bool
    public let arity: ClosedRange<Int>
    public let body: @Sendable (_ args: [Value], _ activation: Activation) throws(EvalError) -> Value

    public init(_ name: String, receiver: Bool = false, arity: ClosedRange<Int>,
                body: @escaping @Sendable (_ args: [Value], _ activation: Activation) throws(EvalError) -> Value) {
        self.name = name
        self.receiver = receiver
        self.arity = arity
        self.body = body
    }
}

/// What an expression sees when it runs: variable values and host functions.
public struct Activation: Sendable {
    public var variables: [String: Value]
    public var functions: [String: HostFunction]
    let hasQualifiedNames: Bool

    public init(variables: [String: Value] = [:], functions: [HostFunction] = []) {
        self.variables = variables
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        hasQualifiedNames = variables.keys.contains { $0.contains(".") }
    }

    public subscript(name: String) -> Value? {
        get { variables[name] }
        set { variables[name] = newValue }
    }
}

/// Bounds on one evaluation, so that no expression can hang the tool.
public struct EvalLimits: Sendable {
    /// Most evaluation steps (sub-expressions and loop iterations) one evaluation may take.
    public var maxSteps: Int
    /// Largest value one evaluation may build: a string's or bytes' length, a list's or map's entries × 16.
    public var maxValueBytes: Int
    /// All the values one evaluation builds together (strings joined or concatenated, lists made by `map` and
    /// `filter`, literals), measured like `maxValueBytes`: a size-aware budget like Kubernetes' CEL cost limit.
    public var maxAllocatedBytes: Int

    public init(maxSteps: Int = 10_000_000, maxValueBytes: Int = 4 << 20, maxAllocatedBytes: Int = 64 << 20) {
        self.maxSteps = maxSteps
        self.maxValueBytes = maxValueBytes
        self.maxAllocatedBytes = maxAllocatedBytes
    }

    public static let `default` = EvalLimits()
}
