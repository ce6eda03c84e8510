/// A lexical token of the condition language.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case int(String)            // decimal or 0x digits, sign not included
        case uint(String)
        case double(String)
        case string(String)
        case bytes([UInt8])
        case identifier(String)
        case quotedIdentifier(String) // `a.b` in backquotes: a field name only
        case symbol(String)
        case end
    }

    let kind: Kind
    /// 1-based column (in characters) where the token starts.
    let column: Int
}
