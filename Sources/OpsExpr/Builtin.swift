import OpsDocument

/// The standard library functions, resolved from their names when an expression is compiled.
public enum Builtin: String, Sendable, CaseIterable {
    case size, contains, startsWith, endsWith, matches
    case int, uint, double, string, bytes, bool, type, dyn, duration, timestamp
    case getFullYear, getMonth, getDate, getDayOfMonth, getDayOfWeek, getDayOfYear
    case getHours, getMinutes, getSeconds, getMilliseconds
    case lowerAscii, upperAscii, trim, split, join

    /// Whether `name` can be called this way with this many arguments.
    static func resolve(_ name: String, receiver: Bool, arguments: Int) -> Builtin? {
        guard let builtin = Builtin(rawValue: name) else { return nil }
        let total = arguments + (receiver ? 1 : 0)
        switch builtin {
        case .size: return total == 1 ? builtin : nil
        case .contains, .startsWith, .endsWith: return receiver && arguments == 1 ? builtin : nil
        case .matches: return total == 2 ? builtin : nil
        case .int, .uint, .double, .string, .bytes, .bool, .type, .dyn, .duration, .timestamp:
            return !receiver && arguments == 1 ? builtin : nil
        case .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear,
             .getHours, .getMinutes, .getSeconds, .getMilliseconds:
            return receiver && arguments <= 1 ? builtin : nil
        case .lowerAscii, .upperAscii, .trim: return receiver && arguments == 0 ? builtin : nil
        case .split: return receiver && arguments == 1 ? builtin : nil
        case .join: return receiver && arguments <= 1 ? builtin : nil
        }
    }

    /// A call's receiver (first, for receiver-style calls) and arguments: one or two values, as `resolve` allows, held
    /// without an array (an allocation and a free per call, most of what a call to `size` cost).
    struct Arguments {
        let first: Value
        let second: Value?

        var count: Int { second == nil ? 1 : 2 }
        subscript(position: Int) -> Value { position == 0 ? first : second! }
    }

    /// Applies the function; `args` has the receiver first for receiver-style calls.
    func call(_ args: Arguments) throws(EvalError) -> Value {
        switch self {
        case .size:
            switch args[0] {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw EvalError.noOverload("size", args[0])
            }
        case .contains, .startsWith, .endsWith:
            guard case .string(let s) = args[0], case .string(let t) = args[1] else { throw EvalError.noOverload(rawValue, args[0], args[1]) }
            // Compared as UTF-8 bytes: a valid needle's bytes match a valid haystack's only on whole scalars, so
            // byte and scalar comparison agree, without building arrays of scalars.
            var (haystack, needle) = (s, t)
            return haystack.withUTF8 { a in
                needle.withUTF8 { b in
                    switch self {
                    case .startsWith: return .bool(a.starts(with: b))
                    case .endsWith: return .bool(a.count >= b.count && a[(a.count - b.count)...].elementsEqual(b))
                    default: return .bool(a.firstOffset(of: b) != nil)
                    }
                }
            }
        case .matches:
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else { throw EvalError.noOverload("matches", args[0], args[1]) }
            return .bool(try CompiledRegex(pattern).matches(s))
        case .int: return try Conversions.toInt(args[0])
        case .uint: return try Conversions.toUInt(args[0])
        case .double: return try Conversions.toDouble(args[0])
        case .string: return try Conversions.toString(args[0])
        case .bytes: return try Conversions.toBytes(args[0])
        case .bool: return try Conversions.toBool(args[0])
        case .duration: return try Conversions.toDuration(args[0])
        case .timestamp: return try Conversions.toTimestamp(args[0])
        case .type: return .type(args[0].celType)
        case .dyn: return args[0]
        case .getFullYear, .getMonth, .getDate, .getDayOfMonth, .getDayOfWeek, .getDayOfYear,
             .getHours, .getMinutes, .getSeconds, .getMilliseconds:
            return try timeAccessor(args)
        case .lowerAscii, .upperAscii, .trim:
            guard case .string(let s) = args[0] else { throw EvalError.noOverload(rawValue, args[0]) }
            switch self {
            case .lowerAscii: return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 })))
            case .upperAscii: return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 })))
            default: return .string(s.trimmingWhitespace())
            }
        case .split:
            guard case .string(let s) = args[0], case .string(let separator) = args[1] else { throw EvalError.noOverload("split", args[0], args[1]) }
            // An empty separator splits into code points, as cel-go and cel-cpp do.
            if separator.isEmpty { return .list(ListValue(s.unicodeScalars.map { .string(String($0)) })) }
            // On UTF-8 bytes, leftmost and without overlaps, as Go's strings.Split (cel-go): a valid separator's bytes
            // match only on whole scalars.
            var (text, bytes) = (s, separator)
            let parts: [Value] = text.withUTF8 { a in
                bytes.withUTF8 { b in
                    var parts: [Value] = []
                    var start = 0
                    while let at = a.firstOffset(of: b, from: start) {
                        parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: a[start..<at]), as: UTF8.self)))
                        start = at + b.count
                    }
                    parts.append(.string(String(decoding: UnsafeBufferPointer(rebasing: a[start...]), as: UTF8.self)))
                    return parts
                }
            }
            return .list(ListValue(parts))
        case .join:
            guard case .list(let list) = args[0] else { throw EvalError.noOverload("join", args[0]) }
            var separator = ""
            if args.count > 1 {
                guard case .string(let s) = args[1] else { throw EvalError.noOverload("join", args[0], args[1]) }
                separator = s
            }
            var parts: [String] = []
            for element in list.elements {
                guard case .string(let s) = element else { throw EvalError("join: list element is \(element.celType.name), not string") }
                parts.append(s)
            }
            return .string(parts.joined(separator: separator))
        }
    }

    private func timeAccessor(_ args: Arguments) throws(EvalError) -> Value {
        switch args[0] {
        case .duration(let d):
            guard args.count == 1 else { throw EvalError.noOverload(rawValue, args[0], args[1]) }
            switch self {
            case .getHours: return .int(Int64(d.nanoseconds / 3_600_000_000_000))
            case .getMinutes: return .int(Int64(d.nanoseconds / 60_000_000_000))
            case .getSeconds: return .int(Int64(d.nanoseconds / 1_000_000_000))
            case .getMilliseconds: return .int(Int64(d.nanoseconds % 1_000_000_000 / 1_000_000))
            default: throw EvalError.noOverload(rawValue, args[0])
            }
        case .timestamp(let t):
            var offset = 0
            if args.count == 2 {
                guard case .string(let zone) = args[1] else { throw EvalError.noOverload(rawValue, args[0], args[1]) }
                offset = try t.offset(inZone: zone)
            }
            let c = t.civil(offsetSeconds: offset)
            switch self {
            case .getFullYear: return .int(Int64(c.year))
            case .getMonth: return .int(Int64(c.month - 1))
            case .getDate: return .int(Int64(c.day))
            case .getDayOfMonth: return .int(Int64(c.day - 1))
            case .getDayOfWeek: return .int(Int64(c.dayOfWeek))
            case .getDayOfYear: return .int(Int64(c.dayOfYear))
            case .getHours: return .int(Int64(c.hour))
            case .getMinutes: return .int(Int64(c.minute))
            case .getSeconds: return .int(Int64(c.second))
            default: return .int(t.nanoOfSecond / 1_000_000)
            }
        default:
            throw EvalError.noOverload(rawValue, args[0])
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
