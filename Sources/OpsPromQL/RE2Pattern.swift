/// Prometheus matches labels with Go's RE2; ICU, behind `NSRegularExpression`, reads a few things differently.
public enum RE2Pattern {
    /// The pattern as ICU reads it the RE2 way: a `{` that starts no repetition (`{n}`, `{n,}`, `{n,m}`) is a literal.
    public static func icu(_ pattern: String) -> String {
        let chars = Array(pattern)
        var result = ""
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                result.append(c)
                result.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "[" { inClass = true } else if c == "]" { inClass = false }
            if c == "{", !inClass, !startsRepetition(chars, at: i) { result += "\\{" } else if c == "}", !inClass, !closesRepetition(chars, at: i) { result += "\\}" } else { result.append(c) }
            i += 1
        }
        return result
    }

    private static func startsRepetition(_ chars: [Character], at start: Int) -> Bool {
        var i = start + 1
        var digits = 0
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; digits += 1 }
        guard digits > 0, i < chars.count else { return false }
        if chars[i] == "}" { return true }
        guard chars[i] == "," else { return false }
        i += 1
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        return i < chars.count && chars[i] == "}"
    }

    private static func closesRepetition(_ chars: [Character], at end: Int) -> Bool {
        var i = end - 1
        while i >= 0, chars[i].isASCII, chars[i].isNumber || chars[i] == "," { i -= 1 }
        return i >= 0 && i < end - 1 && chars[i] == "{" && startsRepetition(chars, at: i)
    }
}
