/// A signed span of time with nanosecond precision, in the range of a 64-bit nanosecond count (±292 years),
/// as cel-go bounds durations.
public struct Duration: Sendable, Hashable, Comparable {
    public let nanoseconds: Int128

    static let limit = Int128(Int64.max)

    public init(nanoseconds: Int128) throws(EvalError) {
        guard nanoseconds >= -Self.limit && nanoseconds <= Self.limit else { throw EvalError("duration out of range") }
        self.nanoseconds = nanoseconds
    }

    public static func < (a: Duration, b: Duration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Parses Go-style durations: `300s`, `1h30m`, `1.5s`, `-2ms`, `10us`, `0`.
    public init(parsing text: String) throws(EvalError) {
        var chars = Substring(text)
        var negative = false
        if let sign = chars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            chars = chars.dropFirst()
        }
        if chars == "0" { try self.init(nanoseconds: 0); return }
        guard !chars.isEmpty else { throw EvalError("invalid duration '\(text)'") }
        var total: Int128 = 0
        while !chars.isEmpty {
            let whole = chars.prefix { $0.isASCII && $0.isNumber }
            chars = chars.dropFirst(whole.count)
            var fraction = Substring("")
            if chars.first == "." {
                chars = chars.dropFirst()
                fraction = chars.prefix { $0.isASCII && $0.isNumber }
                chars = chars.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { throw EvalError("invalid duration '\(text)'") }
            let unit = chars.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            chars = chars.dropFirst(unit.count)
            let scale: Int128
            switch unit {
            case "h": scale = 3_600_000_000_000
            case "m": scale = 60_000_000_000
            case "s": scale = 1_000_000_000
            case "ms": scale = 1_000_000
            case "us", "µs", "μs": scale = 1_000
            case "ns": scale = 1
            default: throw EvalError("invalid duration '\(text)': unknown unit '\(unit)'")
            }
            guard whole.count <= 20, let w = Int128(whole.isEmpty ? "0" : String(whole)) else { throw EvalError("duration out of range") }
            total += w * scale
            var fractionScale = scale
            for digit in fraction.prefix(20) {
                fractionScale /= 10
                total += Int128(digit.wholeNumberValue!) * fractionScale
            }
            guard total <= Self.limit else { throw EvalError("duration out of range") }
        }
        try self.init(nanoseconds: negative ? -total : total)
    }

    /// CEL's text form: seconds with the fraction it needs, `1.5s`, `3600s`.
    public var text: String {
        let negative = nanoseconds < 0
        let magnitude = negative ? -nanoseconds : nanoseconds
        let seconds = magnitude / 1_000_000_000
        let nanos = magnitude % 1_000_000_000
        var result = (negative ? "-" : "") + String(seconds)
        if nanos != 0 {
            var digits = String(nanos)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            result += "." + digits
        }
        return result + "s"
    }
}
