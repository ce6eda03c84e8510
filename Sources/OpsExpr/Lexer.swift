/// Splits expression source into tokens: literals with all of CEL's quoting and escape forms, identifiers,
/// and operators.
struct Lexer {
    private let chars: [Unicode.Scalar]
    private var index = 0

    init(_ source: String) {
        chars = Array(source.unicodeScalars)
    }

    mutating func tokenize() throws(ExprError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                index += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(ExprError) -> Token {
        skipTrivia()
        let start = index
        let column = start + 1
        guard let c = peek() else { return Token(kind: .end, column: column) }

        if c.isDigit || (c == "." && (peek(1)?.isDigit ?? false)) {
            return Token(kind: try number(), column: column)
        }
        if c == "\"" || c == "'" {
            return Token(kind: .string(try quoted(raw: false, bytes: false).string), column: column)
        }
        if c.isIdentifierStart {
            // String prefixes: r, R, b, B and their pairs.
            var prefixLength = 0
            var raw = false, bytes = false
            while prefixLength < 2, let p = peek(prefixLength), p == "r" || p == "R" || p == "b" || p == "B" {
                if p == "r" || p == "R" { if raw { break }; raw = true } else { if bytes { break }; bytes = true }
                prefixLength += 1
            }
            if prefixLength > 0, let q = peek(prefixLength), q == "\"" || q == "'" {
                index += prefixLength
                let literal = try quoted(raw: raw, bytes: bytes)
                return Token(kind: bytes ? .bytes(literal.bytes) : .string(literal.string), column: column)
            }
            while let d = peek(), d.isIdentifierPart { index += 1 }
            return Token(kind: .identifier(text(start..<index)), column: column)
        }
        if c == "`" {
            index += 1
            var name = String.UnicodeScalarView()
            while let d = peek(), d != "`" {
                guard d.isIdentifierPart || d == "." || d == "-" || d == "/" || d == "~" else {
                    throw ExprError(column: index + 1, "invalid character '\(d)' in quoted identifier")
                }
                name.append(d)
                index += 1
            }
            guard peek() == "`" else { throw ExprError(column: column, "unterminated quoted identifier") }
            index += 1
            guard !name.isEmpty else { throw ExprError(column: column, "empty quoted identifier") }
            return Token(kind: .quotedIdentifier(String(name)), column: column)
        }
        if let d = peek(1) {
            let pair: String? = switch (c, d) {
            case ("=", "="): "=="
            case ("!", "="): "!="
            case ("<", "="): "<="
            case (">", "="): ">="
            case ("&", "&"): "&&"
            case ("|", "|"): "||"
            default: nil
            }
            if let pair {
                index += 2
                return Token(kind: .symbol(pair), column: column)
            }
        }
        switch c {
        case "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "[", "]", "{", "}", "(", ")":
            index += 1
            return Token(kind: .symbol(String(c)), column: column)
        default:
            break
        }
        throw ExprError(column: column, "unexpected character '\(c)'")
    }

    /// The source's scalars in `range` as text: an identifier's or a number's, ASCII only, so one byte each.
    private func text(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { bytes in
            for (i, scalar) in zip(bytes.indices, chars[range]) { bytes[i] = UInt8(ascii: scalar) }
            return range.count
        }
    }

    private mutating func number() throws(ExprError) -> Token.Kind {
        let start = index
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            index += 2
            let digitsStart = index
            while let d = peek(), d.isHexDigit { index += 1 }
            guard index > digitsStart else { throw ExprError(column: start + 1, "missing hex digits") }
            let digits = "0x" + text(digitsStart..<index)
            if let u = peek(), u == "u" || u == "U" { index += 1; return .uint(digits) }
            return .int(digits)
        }
        var isDouble = false
        while let d = peek(), d.isDigit { index += 1 }
        if peek() == ".", let d = peek(1), d.isDigit {
            isDouble = true
            index += 1
            while let d = peek(), d.isDigit { index += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var look = 1
            if let s = peek(1), s == "+" || s == "-" { look = 2 }
            if let d = peek(look), d.isDigit {
                isDouble = true
                index += look
                while let d = peek(), d.isDigit { index += 1 }
            }
        }
        let text = text(start..<index)
        if isDouble { return .double(text) }
        if let u = peek(), u == "u" || u == "U" { index += 1; return .uint(text) }
        return .int(text)
    }

    private struct Literal {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var string: String { String(scalars) }
    }

    /// Reads a quoted literal starting at the opening quote; escapes are decoded unless raw.
    private mutating func quoted(raw: Bool, bytes: Bool) throws(ExprError) -> Literal {
        let column = index + 1
        let quote = chars[index]
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        var literal = Literal()
        func append(_ scalar: Unicode.Scalar) {
            if bytes { literal.bytes.append(contentsOf: Array(String(scalar).utf8)) } else { literal.scalars.append(scalar) }
        }
        while true {
            guard let c = peek() else { throw ExprError(column: column, "unterminated string literal") }
            if c == quote {
                if !triple { index += 1; return literal }
                if peek(1) == quote && peek(2) == quote { index += 3; return literal }
            }
            if !triple && (c == "\n" || c == "\r") { throw ExprError(column: index + 1, "newline in string literal") }
            if c == "\\" && !raw {
                try escape(bytes: bytes, into: &literal)
                continue
            }
            if c == "\\" && raw, let n = peek(1), n == quote || n == "\\" {
                // In raw strings a backslash still keeps a quote from ending the literal.
                append(c); append(n); index += 2
                continue
            }
            append(c)
            index += 1
        }
    }

    private mutating func escape(bytes: Bool, into literal: inout Literal) throws(ExprError) {
        let column = index + 1
        index += 1
        guard let e = peek() else { throw ExprError(column: column, "unterminated escape sequence") }
        index += 1
        func add(_ scalar: Unicode.Scalar) {
            if bytes { literal.bytes.append(contentsOf: Array(String(scalar).utf8)) } else { literal.scalars.append(scalar) }
        }
        switch e {
        case "\\", "?", "\"", "'", "`": add(e)
        case "a": add("\u{07}")
        case "b": add("\u{08}")
        case "f": add("\u{0C}")
        case "n": add("\n")
        case "r": add("\r")
        case "t": add("\t")
        case "v": add("\u{0B}")
        case "x", "X":
            let value = try hexDigits(2, column: column)
            if bytes { literal.bytes.append(UInt8(value)) } else { literal.scalars.append(Unicode.Scalar(UInt8(value))) }
        case "u", "U":
            guard !bytes else { throw ExprError(column: column, "\\\(e) escape is not allowed in bytes literals") }
            let value = try hexDigits(e == "u" ? 4 : 8, column: column)
            guard let scalar = Unicode.Scalar(value) else { throw ExprError(column: column, "invalid code point in escape sequence") }
            literal.scalars.append(scalar)
        case "0"..."3":
            var value = e.value - 48
            for _ in 0..<2 {
                guard let d = peek(), ("0"..."7").contains(d) else { throw ExprError(column: column, "invalid octal escape") }
                value = value * 8 + (d.value - 48)
                index += 1
            }
            if bytes { literal.bytes.append(UInt8(value)) } else { literal.scalars.append(Unicode.Scalar(UInt8(value))) }
        default:
            throw ExprError(column: column, "invalid escape sequence '\\\(e)'")
        }
    }

    private mutating func hexDigits(_ count: Int, column: Int) throws(ExprError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let d = peek(), let v = d.hexValue else { throw ExprError(column: column, "invalid hex escape") }
            value = value << 4 | v
            index += 1
        }
        return value
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { ("0"..."9").contains(self) }
    var isHexDigit: Bool { hexValue != nil }
    var hexValue: UInt32? {
        switch self {
        case "0"..."9": return value - 48
        case "a"..."f": return value - 87
        case "A"..."F": return value - 55
        default: return nil
        }
    }
    var isIdentifierStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
    var isIdentifierPart: Bool { isIdentifierStart || isDigit }
}
