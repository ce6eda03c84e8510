/// CEL equality and ordering, including comparison across int, uint and double.
enum Equality {
    static func equals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return sameText(x, y)
        case let (.bytes(x), .bytes(y)): return x == y
        case let (.type(x), .type(y)): return x == y
        case let (.timestamp(x), .timestamp(y)): return x == y
        case let (.duration(x), .duration(y)): return x == y
        case let (.list(x), .list(y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equals(x[i], y[i]) { return false }
            return true
        case let (.map(x), .map(y)):
            guard x.count == y.count else { return false }
            for entry in x.entries {
                guard let other = y.lookup(entry.key), equals(entry.value, other) else { return false }
            }
            return true
        default:
            if let order = numericOrder(a, b) { return order == 0 }
            return false
        }
    }

    /// CEL's string equality: the same code points, so the same UTF-8 bytes (not Swift's canonical equivalence, which
    /// takes a precomposed and a decomposed "é" for one). Lengths first, then the bytes in place.
    static func sameText(_ x: String, _ y: String) -> Bool {
        guard x.utf8.count == y.utf8.count else { return false }
        var (x, y) = (x, y)
        return x.withUTF8 { a in y.withUTF8 { b in a.elementsEqual(b) } }
    }

    /// Map-key equality: numbers by value, strings and bools by value, nothing else.
    static func keyEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return sameText(x, y)
        case let (.bool(x), .bool(y)): return x == y
        default: return numericOrder(a, b) == 0
        }
    }

    /// -1, 0 or 1 for two numbers of any numeric type; nil when either is not a number or is NaN.
    static func numericOrder(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.uint(x), .uint(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case let (.double(x), .double(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.int(x), .uint(y)): return x < 0 ? -1 : compare(UInt64(x), y)
        case let (.uint(x), .int(y)): return y < 0 ? 1 : compare(x, UInt64(y))
        case let (.int(x), .double(y)): return compare(int: x, double: y)
        case let (.double(x), .int(y)): return compare(int: y, double: x).map { -$0 }
        case let (.uint(x), .double(y)): return compare(uint: x, double: y)
        case let (.double(x), .uint(y)): return compare(uint: y, double: x).map { -$0 }
        default: return nil
        }
    }

    private static func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }

    // cel-go compares an integer with a double as doubles (lossy above 2^53), and so does this.
    private static func compare(int x: Int64, double y: Double) -> Int? {
        if y.isNaN { return nil }
        let d = Double(x)
        return d < y ? -1 : (d == y ? 0 : 1)
    }

    private static func compare(uint x: UInt64, double y: Double) -> Int? {
        if y.isNaN { return nil }
        let d = Double(x)
        return d < y ? -1 : (d == y ? 0 : 1)
    }

    /// Ordering for `<`, `<=`, `>`, `>=`; nil for unordered (NaN); throws when the types have no ordering.
    static func order(_ a: Value, _ b: Value, _ op: String) throws(EvalError) -> Int? {
        switch (a, b) {
        case let (.string(x), .string(y)):
            if sameText(x, y) { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
        case let (.bytes(x), .bytes(y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.timestamp(x), .timestamp(y)): return compare(x, y)
        case let (.duration(x), .duration(y)): return compare(x, y)
        default:
            switch (a, b) {
            case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
                 (.double, .int), (.double, .uint), (.double, .double):
                return numericOrder(a, b)
            default:
                throw EvalError.noOverload("_\(op)_", a, b)
            }
        }
    }
}
