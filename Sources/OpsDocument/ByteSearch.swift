extension UnsafeBufferPointer where Element == UInt8 {
    /// Where `needle` first occurs at or after byte `from`, compared byte by byte: in valid UTF-8 a valid needle matches
    /// only on whole scalars, so this is also the first occurrence of the text. The condition language's string
    /// functions and literal search share it.
    @inlinable
    public func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard count - from >= needle.count else { return nil }
        guard let first = needle.first else { return from }
        for start in from...(count - needle.count) where self[start] == first && self[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
