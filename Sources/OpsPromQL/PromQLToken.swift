/// One token of a PromQL expression, with the UTF-8 offset where it starts.
struct PromQLToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        /// A metric name with a colon (recording-rule style), never a keyword or function.
        case metricIdentifier(String)
        case number(Double)
        /// `5m`, `1h30m`, `250ms`: seconds.
        case duration(Double)
        case string(String)
        case op(String)
        case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket, comma, colon, at
        case end
    }

    let kind: Kind
    let offset: Int
    /// The text the token was read from, for messages.
    let text: String
}
