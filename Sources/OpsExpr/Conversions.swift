/// The type conversion functions: `int`, `uint`, `double`, `string`, `bytes`, `bool`, `duration`, `timestamp`.
enum Conversions {
    static func toInt(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .int: return v
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { throw EvalError("int range error: \(u)") }
            return .int(Int64(u))
        case .double(let d):
            guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_807.0 else {
                throw EvalError("int range error: \(d)")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { throw EvalError("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        case .bool, .null, .bytes, .list, .map, .type, .duration:
            throw EvalError.noOverload("int", v)
        }
    }

    static func toUInt(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .uint: return v
        case .int(let i):
            guard i >= 0 else { throw EvalError("uint range error: \(i)") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d >= 0, d < 18_446_744_073_709_551_616.0 else { throw EvalError("uint range error: \(d)") }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            // Swift reads "-0" as an unsigned zero; CEL refuses any sign.
            guard !s.hasPrefix("-"), !s.hasPrefix("+"), let u = UInt64(s) else { throw EvalError("cannot convert '\(s)' to uint") }
            return .uint(u)
        default:
            throw EvalError.noOverload("uint", v)
        }
    }

    static func toDouble(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            let lowered = s.lowercased()
            switch lowered {
            case "inf", "+inf", "infinity", "+infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default: break
            }
            guard !lowered.contains("n"), !lowered.hasPrefix("0x"), let d = Double(s) else { throw EvalError("cannot convert '\(s)' to double") }
            return .double(d)
        default:
            throw EvalError.noOverload("double", v)
        }
    }

    static func toString(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(formatDouble(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { throw EvalError("invalid UTF-8 in bytes") }
            return .string(s)
        case .timestamp(let t): return .string(t.text)
        case .duration(let d): return .string(d.text)
        case .type(let t): return .string(t.name)
        case .null, .list, .map:
            throw EvalError.noOverload("string", v)
        }
    }

    static func toBool(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "1", "t", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "false", "FALSE", "False": return .bool(false)
            default: throw EvalError("cannot convert '\(s)' to bool")
            }
        default:
            throw EvalError.noOverload("bool", v)
        }
    }

    static func toBytes(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .bytes: return v
        case .string(let s): return .bytes(Array(s.utf8))
        default: throw EvalError.noOverload("bytes", v)
        }
    }

    static func toDuration(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .duration: return v
        case .string(let s): return .duration(try Duration(parsing: s))
        default: throw EvalError.noOverload("duration", v)
        }
    }

    static func toTimestamp(_ v: Value) throws(EvalError) -> Value {
        switch v {
        case .timestamp: return v
        case .string(let s): return .timestamp(try Timestamp(parsing: s))
        case .int(let i): return .timestamp(try Timestamp(nanoseconds: Int128(i) * 1_000_000_000))
        default: throw EvalError.noOverload("timestamp", v)
        }
    }

    /// Formats a double as Go's `strconv.FormatFloat(d, 'g', -1, 64)` does, as cel-go prints doubles.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits and decimal exponent from Swift's own shortest representation.
        var text = "\(d.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var pointPosition = parts[0].count + exponent
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPosition -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = d < 0 ? "-" : ""
        let decimalExponent = pointPosition - 1
        // Shortest formatting decides by precision 6: 1e+06 and up, and below 1e-04, are written with an exponent.
        if decimalExponent < -4 || decimalExponent >= 6 {
            var mantissa = String(digits.first!)
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let expSign = decimalExponent < 0 ? "-" : "+"
            let expDigits = String(abs(decimalExponent))
            return sign + mantissa + "e" + expSign + (expDigits.count < 2 ? "0" + expDigits : expDigits)
        }
        if pointPosition <= 0 { return sign + "0." + String(repeating: "0", count: -pointPosition) + digits }
        if pointPosition >= digits.count { return sign + digits + String(repeating: "0", count: pointPosition - digits.count) }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<index] + "." + digits[index...]
    }
}
