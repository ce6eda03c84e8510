import OpsDocument

extension StringProtocol {
    /// Where `literal` first occurs, compared as UTF-8 bytes: a valid literal's bytes match only on whole scalars.
    /// Foundation's `range(of:)` and the string-processing library's search cost thousands of instructions a call,
    /// for text a loader searches once per resource.
    @inlinable
    public func range(ofLiteral literal: String) -> Range<Index>? {
        var literal = literal
        let offset: Int? = literal.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { $0.firstOffset(of: needle) }
                ?? Array(utf8).withUnsafeBufferPointer { $0.firstOffset(of: needle) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: literal.utf8.count)
    }

    /// Whether `literal` occurs, compared as UTF-8 bytes.
    @inlinable
    public func contains(literal: String) -> Bool { range(ofLiteral: literal) != nil }
}
