/// Splits a PromQL expression into tokens the way Prometheus's lexer does: `#` comments, identifiers with `:` as
/// metric names, decimal, hexadecimal, `Inf` and `NaN` numbers, durations (`1h30m`, `250ms`), strings in double, single
/// and back quotes with Go's escapes.
struct PromQLLexer {
    private let bytes: [UInt8]
    private var index = 0
    /// Inside `[…]` a colon separates a subquery's range and step; elsewhere it can start a metric name.
    private var bracketOpen = false

    init(_ text: String) { bytes = Array(text.utf8) }

    static let operators = ["==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%", "^", "<", ">", "="]

    mutating func tokens() throws(PromQLError) -> [PromQLToken] {
        var result: [PromQLToken] = []
        while true {
            let token = try next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? { index + ahead < bytes.count ? bytes[index + ahead] : nil }

    private func text(from start: Int) -> String { String(decoding: bytes[start..<index], as: UTF8.self) }

    private mutating func next() throws(PromQLError) -> PromQLToken {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { index += 1; continue }
            if c == UInt8(ascii: "#") {
                while let d = peek(), d != 0x0A { index += 1; _ = d }
                continue
            }
            break
        }
        let start = index
        guard let c = peek() else { return PromQLToken(kind: .end, offset: start, text: "end of input") }
        func single(_ kind: PromQLToken.Kind) -> PromQLToken {
            index += 1
            return PromQLToken(kind: kind, offset: start, text: text(from: start))
        }
        switch c {
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "{"): return single(.leftBrace)
        case UInt8(ascii: "}"): return single(.rightBrace)
        case UInt8(ascii: "["):
            bracketOpen = true
            return single(.leftBracket)
        case UInt8(ascii: "]"):
            bracketOpen = false
            return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: ":") where bracketOpen: return single(.colon)
        case UInt8(ascii: "@"): return single(.at)
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): return try string(quote: c)
        default: break
        }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) { return try numberOrDuration() }
        if Self.isIdentifierStart(c) || c == UInt8(ascii: ":") {
            while let d = peek(), Self.isIdentifierStart(d) || Self.isDigit(d) || d == UInt8(ascii: ":") { index += 1 }
            let word = text(from: start)
            let lowered = word.lowercased()
            if lowered == "inf" || lowered == "nan" { return PromQLToken(kind: .number(lowered == "inf" ? .infinity : .nan), offset: start, text: word) }
            return PromQLToken(kind: word.contains(":") ? .metricIdentifier(word) : .identifier(word), offset: start, text: word)
        }
        for op in Self.operators where matches(op) {
            index += op.utf8.count
            return PromQLToken(kind: .op(op), offset: start, text: op)
        }
        let character = String(decoding: [c], as: UTF8.self)
        throw PromQLError(offset: start, "unexpected character \(c < 0x20 || c >= 0x7F ? "byte \(c)" : "'\(character)'")")
    }

    private func matches(_ op: String) -> Bool {
        for (k, b) in op.utf8.enumerated() where peek(k) != b { return false }
        return true
    }

    private mutating func numberOrDuration() throws(PromQLError) -> PromQLToken {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            index += 2
            let digitsStart = index
            while let d = peek(), Self.isHexDigit(d) { index += 1 }
            guard index > digitsStart, let value = UInt64(text(from: digitsStart), radix: 16) else { throw PromQLError(offset: start, "bad number syntax: \"\(text(from: start))\"") }
            try refuseTrailingLetters(start)
            return PromQLToken(kind: .number(Double(value)), offset: start, text: text(from: start))
        }
        while let d = peek(), Self.isDigit(d) { index += 1 }
        // A duration: whole numbers each followed by a unit, `1h30m`.
        if let u = peek(), Self.durationUnitStart(u) {
            return try duration(from: start)
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            while let d = peek(), Self.isDigit(d) { index += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let save = index
            index += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while let d = peek(), Self.isDigit(d) { index += 1 }
            if index == digitsStart { index = save }
        }
        let literal = text(from: start)
        try refuseTrailingLetters(start)
        guard let value = Double(literal) else { throw PromQLError(offset: start, "bad number syntax: \"\(literal)\"") }
        return PromQLToken(kind: .number(value), offset: start, text: literal)
    }

    private mutating func refuseTrailingLetters(_ start: Int) throws(PromQLError) {
        if let d = peek(), Self.isIdentifierStart(d) || Self.isDigit(d) || d == UInt8(ascii: ".") {
            while let e = peek(), Self.isIdentifierStart(e) || Self.isDigit(e) || e == UInt8(ascii: ".") { index += 1 }
            throw PromQLError(offset: start, "bad number or duration syntax: \"\(text(from: start))\"")
        }
    }

    /// Units from the largest down, each at most once, as Prometheus's `ParseDuration` takes them.
    static let units: [(String, Double)] = [("y", 365 * 86_400), ("w", 7 * 86_400), ("d", 86_400), ("h", 3_600), ("ms", 0.001), ("m", 60), ("s", 1)]
    static let unitOrder = ["y", "w", "d", "h", "m", "s", "ms"]

    private mutating func duration(from start: Int) throws(PromQLError) -> PromQLToken {
        index = start
        var seconds = 0.0
        var lastRank = -1
        while let d = peek(), Self.isDigit(d) {
            let digitsStart = index
            while let e = peek(), Self.isDigit(e) { index += 1 }
            guard let amount = Double(text(from: digitsStart)) else { throw PromQLError(offset: start, "bad duration syntax") }
            // `ms` is tried before `m`.
            guard let (unit, scale) = Self.units.first(where: { matches($0.0) }) else {
                throw PromQLError(offset: start, "bad duration syntax: \"\(text(from: start))\"")
            }
            let rank = Self.unitOrder.firstIndex(of: unit) ?? 0
            guard rank > lastRank else { throw PromQLError(offset: start, "bad duration syntax: \"\(text(from: start))\"") }
            lastRank = rank
            index += unit.utf8.count
            seconds += amount * scale
        }
        try refuseTrailingLetters(start)
        guard seconds.isFinite, seconds <= 292 * 365 * 86_400 else { throw PromQLError(offset: start, "duration out of range: \"\(text(from: start))\"") }
        return PromQLToken(kind: .duration(seconds), offset: start, text: text(from: start))
    }

    private mutating func string(quote: UInt8) throws(PromQLError) -> PromQLToken {
        let start = index
        index += 1
        var value: [UInt8] = []
        while true {
            guard let c = peek() else { throw PromQLError(offset: start, "unterminated quoted string") }
            index += 1
            if c == quote { break }
            if quote == UInt8(ascii: "`") { value.append(c); continue }
            if c == 0x0A { throw PromQLError(offset: start, "unterminated quoted string") }
            if c != UInt8(ascii: "\\") { value.append(c); continue }
            guard let e = peek() else { throw PromQLError(offset: start, "unterminated quoted string") }
            index += 1
            switch e {
            case UInt8(ascii: "a"): value.append(0x07)
            case UInt8(ascii: "b"): value.append(0x08)
            case UInt8(ascii: "f"): value.append(0x0C)
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "v"): value.append(0x0B)
            case UInt8(ascii: "\\"): value.append(e)
            case quote: value.append(e)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
                var scalar: UInt32 = 0
                for _ in 0..<count {
                    guard let h = peek(), Self.isHexDigit(h) else { throw PromQLError(offset: index, "invalid escape sequence in string") }
                    scalar = scalar * 16 + UInt32(Self.hexValue(h))
                    index += 1
                }
                if e == UInt8(ascii: "x") { value.append(UInt8(scalar)) } else {
                    guard let u = Unicode.Scalar(scalar) else { throw PromQLError(offset: index, "invalid Unicode code point in string") }
                    value += Array(String(u).utf8)
                }
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var scalar = UInt32(e - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard let o = peek(), o >= UInt8(ascii: "0"), o <= UInt8(ascii: "7") else { throw PromQLError(offset: index, "invalid escape sequence in string") }
                    scalar = scalar * 8 + UInt32(o - UInt8(ascii: "0"))
                    index += 1
                }
                guard scalar <= 255 else { throw PromQLError(offset: index, "octal escape value out of range") }
                value.append(UInt8(scalar))
            default:
                throw PromQLError(offset: index - 2, "unknown escape sequence in string")
            }
        }
        guard let decoded = String(validating: value, as: UTF8.self) else { throw PromQLError(offset: start, "string is not valid UTF-8") }
        return PromQLToken(kind: .string(decoded), offset: start, text: text(from: start))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f")) }
    static func hexValue(_ c: UInt8) -> UInt8 { isDigit(c) ? c - UInt8(ascii: "0") : (c | 0x20) - UInt8(ascii: "a") + 10 }
    static func isIdentifierStart(_ c: UInt8) -> Bool { (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_") }
    static func durationUnitStart(_ c: UInt8) -> Bool { "ywdhms".utf8.contains(c) }
}
