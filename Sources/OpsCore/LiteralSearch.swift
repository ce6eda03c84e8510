extension StringProtocol {
    /// Where `literal` first occurs, compared as UTF-8 bytes: a valid literal's bytes match only on whole scalars.
    /// Foundation's `range(of:)` and the string-processing library's search cost thousands of instructions a call,
    /// for text a loader searches once per resource.
    public func range(ofLiteral literal: String) -> Range<Index>? {
        let text = utf8
        let needle = Array(literal.utf8)
        guard let first = needle.first else { return startIndex..<startIndex }
        var start = text.startIndex
        while let at = text[start...].firstIndex(of: first) {
            var i = at, j = 0
            while j < needle.count, i != text.endIndex, text[i] == needle[j] {
                text.formIndex(after: &i)
                j += 1
            }
            if j == needle.count { return at..<i }
            start = text.index(after: at)
        }
        return nil
    }

    /// Whether `literal` occurs, compared as UTF-8 bytes.
    public func contains(literal: String) -> Bool { range(ofLiteral: literal) != nil }
}
