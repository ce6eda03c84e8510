extension StringProtocol {
    /// Where `literal` first occurs, compared as UTF-8 bytes: a valid literal's bytes match only on whole scalars.
    /// Foundation's `range(of:)` and the string-processing library's search cost thousands of instructions a call,
    /// for text a loader searches once per resource.
    @inlinable
    public func range(ofLiteral literal: String) -> Range<Index>? {
        var literal = literal
        let offset: Int? = literal.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { firstOffset(of: needle, in: $0) }
                ?? Array(utf8).withUnsafeBufferPointer { firstOffset(of: needle, in: $0) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: literal.utf8.count)
    }

    /// Whether `literal` occurs, compared as UTF-8 bytes.
    @inlinable
    public func contains(literal: String) -> Bool { range(ofLiteral: literal) != nil }
}

/// The byte offset of `needle`'s first occurrence in `text`.
@usableFromInline
func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let first = needle.first else { return 0 }
    guard needle.count <= text.count else { return nil }
    for start in 0...(text.count - needle.count) where text[start] == first && text[start..<(start + needle.count)].elementsEqual(needle) {
        return start
    }
    return nil
}
