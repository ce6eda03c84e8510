/// What a compiled expression may refer to: declared variables and host functions.
public struct Environment: Sendable {
    /// Variables an expression may use; nil accepts any name (resolved when evaluated).
    public var variables: Set<String>?
    /// Host function names and how they are called.
    public var functions: [String: (receiver: Bool, arity: ClosedRange<Int>)]
    /// Whether an unknown function is a compile error (true) or an evaluation error (false).
    public var strictFunctions: Bool

    public init(variables: Set<String>? = nil, functions: [HostFunction] = [], strictFunctions: Bool = true) {
        self.variables = variables
        self.functions = Dictionary(functions.map { ($0.name, (receiver: $0.receiver, arity: $0.arity)) }, uniquingKeysWith: { $1 })
        self.strictFunctions = strictFunctions
    }

    /// Accepts any variable and defers unknown functions to evaluation: the conformance suite and the REPL.
    public static let lenient = Environment(strictFunctions: false)
}
