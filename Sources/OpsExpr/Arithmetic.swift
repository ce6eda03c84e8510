/// `+ - * / %` and unary minus with CEL's overflow, division-by-zero and range errors.
enum Arithmetic {
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch (op, a, b) {
        case let (.add, .int(x), .int(y)): return .int(try checked(x.addingReportingOverflow(y)))
        case let (.subtract, .int(x), .int(y)): return .int(try checked(x.subtractingReportingOverflow(y)))
        case let (.multiply, .int(x), .int(y)): return .int(try checked(x.multipliedReportingOverflow(by: y)))
        case let (.divide, .int(x), .int(y)):
            guard y != 0 else { throw EvalError("division by zero") }
            return .int(try checked(x.dividedReportingOverflow(by: y)))
        case let (.modulo, .int(x), .int(y)):
            guard y != 0 else { throw EvalError("modulus by zero") }
            return .int(try checked(x.remainderReportingOverflow(dividingBy: y)))
        case let (.add, .uint(x), .uint(y)): return .uint(try checked(x.addingReportingOverflow(y)))
        case let (.subtract, .uint(x), .uint(y)): return .uint(try checked(x.subtractingReportingOverflow(y)))
        case let (.multiply, .uint(x), .uint(y)): return .uint(try checked(x.multipliedReportingOverflow(by: y)))
        case let (.divide, .uint(x), .uint(y)):
            guard y != 0 else { throw EvalError("division by zero") }
            return .uint(x / y)
        case let (.modulo, .uint(x), .uint(y)):
            guard y != 0 else { throw EvalError("modulus by zero") }
            return .uint(x % y)
        case let (.add, .double(x), .double(y)): return .double(x + y)
        case let (.subtract, .double(x), .double(y)): return .double(x - y)
        case let (.multiply, .double(x), .double(y)): return .double(x * y)
        case let (.divide, .double(x), .double(y)): return .double(x / y)
        case let (.add, .string(x), .string(y)): return .string(x + y)
        case let (.add, .bytes(x), .bytes(y)): return .bytes(x + y)
        case let (.add, .list(x), .list(y)): return .list(ListValue(x.elements + y.elements))
        case let (.add, .timestamp(t), .duration(d)), let (.add, .duration(d), .timestamp(t)):
            return .timestamp(try Timestamp(nanoseconds: t.nanoseconds + d.nanoseconds))
        case let (.subtract, .timestamp(t), .duration(d)):
            return .timestamp(try Timestamp(nanoseconds: t.nanoseconds - d.nanoseconds))
        case let (.subtract, .timestamp(x), .timestamp(y)):
            return .duration(try Duration(nanoseconds: x.nanoseconds - y.nanoseconds))
        case let (.add, .duration(x), .duration(y)): return .duration(try Duration(nanoseconds: x.nanoseconds + y.nanoseconds))
        case let (.subtract, .duration(x), .duration(y)): return .duration(try Duration(nanoseconds: x.nanoseconds - y.nanoseconds))
        default:
            throw EvalError.noOverload("_\(op.rawValue)_", a, b)
        }
    }

    static func negate(_ a: Value) throws(EvalError) -> Value {
        switch a {
        case .int(let x):
            guard x != .min else { throw EvalError("integer overflow") }
            return .int(-x)
        case .double(let x): return .double(-x)
        case .duration(let d): return .duration(try Duration(nanoseconds: -d.nanoseconds))
        default: throw EvalError.noOverload("-_", a)
        }
    }

    private static func checked<T>(_ result: (partialValue: T, overflow: Bool)) throws(EvalError) -> T {
        guard !result.overflow else { throw EvalError("integer overflow") }
        return result.partialValue
    }
}
