/// Resolves plain (unquoted) scalars to typed values.
///
/// YAML follows the YAML 1.1 rules as PyYAML, cfn-lint and Kubernetes tooling apply them:
/// `yes/no/on/off/true/false` in lower, Title and UPPER case are booleans, `~`/`null`/empty is null,
/// integers may be decimal, `0x` hex, `0o`/leading-zero octal or `0b` binary with `_` separators,
/// floats need a dot or are `.inf`/`.nan`. JSON follows the JSON grammar.
enum ScalarResolver {
    static func resolveYAML(_ text: String) -> Scalar {
        var text = text
        return text.withUTF8 { plainYAMLValue($0) } ?? .string(text)
    }

    /// What a plain YAML scalar's UTF-8 bytes stand for, or nil when they are a string: read from the bytes, so that
    /// the loader tells most scalars (strings) apart before it builds any text.
    static func plainYAMLValue(_ utf8: UnsafeBufferPointer<UInt8>) -> Scalar? {
        guard let first = utf8.first else { return .null }
        func reads(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == utf8.count else { return false }
            for i in 0..<utf8.count where word.utf8Start[i] != utf8[i] { return false }
            return true
        }
        switch first {
        case UInt8(ascii: "~"):
            if utf8.count == 1 { return .null }
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if reads("null") || reads("Null") || reads("NULL") { return .null }
            if reads("no") || reads("No") || reads("NO") { return .bool(false) }
        case UInt8(ascii: "y"), UInt8(ascii: "Y"):
            if reads("yes") || reads("Yes") || reads("YES") { return .bool(true) }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if reads("true") || reads("True") || reads("TRUE") { return .bool(true) }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if reads("false") || reads("False") || reads("FALSE") { return .bool(false) }
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            if reads("on") || reads("On") || reads("ON") { return .bool(true) }
            if reads("off") || reads("Off") || reads("OFF") { return .bool(false) }
        case UInt8(ascii: "."):
            if reads(".inf") || reads(".Inf") || reads(".INF") { return .double(.infinity) }
            if reads(".nan") || reads(".NaN") || reads(".NAN") { return .double(.nan) }
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Plain decimal digits with an optional sign (the common case) from the bytes; the rest through text.
            let negative = first == UInt8(ascii: "-")
            let start = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? 1 : 0
            let digits = utf8.count - start
            if digits > 0, digits < 19, utf8[start] != UInt8(ascii: "0") || digits == 1 {
                var value: Int64 = 0
                var i = start
                while i < utf8.count, utf8[i] &- UInt8(ascii: "0") < 10 {
                    value = value * 10 + Int64(utf8[i] &- UInt8(ascii: "0"))
                    i += 1
                }
                if i == utf8.count { return .int(negative ? -value : value) }
            }
            return yamlNumber(String(decoding: utf8, as: UTF8.self))
        default:
            break
        }
        return nil
    }

    /// The numbers past plain decimal digits (which `plainYAMLValue` reads from the bytes): separators, radix
    /// prefixes, leading-zero octal, 19 digits and more, floats.
    private static func yamlNumber(_ text: String) -> Scalar? {
        var utf8 = text.utf8[...]
        var negative = false
        if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty else { return nil }
        let body = Substring(text).dropFirst(text.utf8.count - utf8.count)
        if body == ".inf" || body == ".Inf" || body == ".INF" { return .double(negative ? -.infinity : .infinity) }
        let digits = body.utf8.contains(UInt8(ascii: "_")) ? String(body.filter { $0 != "_" }) : String(body)
        guard !digits.isEmpty else { return nil }
        var radix = 10
        var magnitude = Substring(digits)
        if digits.hasPrefix("0x") { radix = 16; magnitude = magnitude.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; magnitude = magnitude.dropFirst(2) }
        else if digits.hasPrefix("0b") { radix = 2; magnitude = magnitude.dropFirst(2) }
        else if digits.count > 1, digits.hasPrefix("0"), digits.allSatisfy({ $0 >= "0" && $0 <= "7" }) {
            radix = 8; magnitude = magnitude.dropFirst()
        }
        if !magnitude.isEmpty, let value = UInt64(magnitude, radix: radix) {
            if negative, value <= UInt64(Int64.max) + 1 { return .int(value == UInt64(Int64.max) + 1 ? .min : -Int64(value)) }
            if !negative, value <= UInt64(Int64.max) { return .int(Int64(value)) }
            return .double(negative ? -Double(value) : Double(value))
        }
        guard radix == 10, isYAMLFloat(digits) else { return nil }
        guard let value = Double(digits) else { return nil }
        return .double(negative ? -value : value)
    }

    /// `[0-9]*\.[0-9]*([eE][-+]?[0-9]+)?` with at least one digit, or digits with an exponent.
    private static func isYAMLFloat(_ s: String) -> Bool {
        var sawDigit = false, sawDot = false, sawExp = false
        var previous: Character = " "
        for c in s {
            switch c {
            case "0"..."9": sawDigit = true
            case ".": if sawDot || sawExp { return false }; sawDot = true
            case "e", "E": if sawExp || !sawDigit { return false }; sawExp = true
            case "+", "-": if previous != "e" && previous != "E" { return false }
            default: return false
            }
            previous = c
        }
        return sawDigit && (sawDot || sawExp) && previous != "e" && previous != "E" && previous != "+" && previous != "-"
    }

    static func resolveJSON(_ text: String) -> Scalar {
        switch text {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: "-") }), let i = Int64(text) {
            return .int(i)
        }
        if let first = text.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39), let d = Double(text) {
            return .double(d)
        }
        return .string(text)
    }
}
