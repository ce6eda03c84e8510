/// A syntax or check error in an expression, with the 1-based column where it was found.
public struct ExprError: Error, Sendable, CustomStringConvertible, Equatable {
    public let column: Int
    public let message: String

    public init(column: Int, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// A runtime error: CEL's error values (`no such key`, `division by zero`, overflow…).
public struct EvalError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func noOverload(_ function: String, _ args: Value...) -> EvalError {
        EvalError("no such overload: \(function)(\(args.map { $0.celType.name }.joined(separator: ", ")))")
    }
}
