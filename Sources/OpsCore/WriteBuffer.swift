/// Growable bytes for writers that append many small pieces (a report's every key, comma and indentation): an append
/// is a capacity check and a copy, without the uniqueness and bounds checks an array makes each time. Value semantics
/// are the writer's to keep (`JSONWriter` copies the buffer before changing a shared one).
public final class WriteBuffer: @unchecked Sendable {
    @exclusivity(unchecked) private var start: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// A buffer holding the same bytes.
    public func copy() -> WriteBuffer {
        let copy = WriteBuffer(capacity: capacity)
        copy.start.update(from: start, count: count)
        copy.count = count
        return copy
    }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    @inline(__always)
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        UnsafeMutableRawPointer(start + count).copyMemory(from: base, byteCount: bytes.count)
        count += bytes.count
    }

    public func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    /// A newline and `spaces` spaces: indentation.
    @inline(__always)
    public func appendNewline(indentedBy spaces: Int) {
        if count + 1 + spaces > capacity { grow(to: count + 1 + spaces) }
        start[count] = UInt8(ascii: "\n")
        (start + count + 1).update(repeating: UInt8(ascii: " "), count: spaces)
        count += 1 + spaces
    }

    /// An object member's key, prepared: a comma when it is not the first, then (`indentedBy` given) a newline and
    /// that many spaces, then the key's bytes — with one capacity check.
    @inline(__always)
    public func appendMember(key: UnsafeRawBufferPointer, comma: Bool, indentedBy spaces: Int?) {
        let needed = (comma ? 1 : 0) + (spaces.map { $0 + 1 } ?? 0) + key.count
        if count + needed > capacity { grow(to: count + needed) }
        var at = start + count
        if comma {
            at.pointee = UInt8(ascii: ",")
            at += 1
        }
        if let spaces {
            at.pointee = UInt8(ascii: "\n")
            (at + 1).update(repeating: UInt8(ascii: " "), count: spaces)
            at += 1 + spaces
        }
        if let base = key.baseAddress { UnsafeMutableRawPointer(at).copyMemory(from: base, byteCount: key.count) }
        count += needed
    }

    /// Forgets the bytes, keeping the memory.
    public func removeAll() { count = 0 }

    /// The bytes, read in place.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    public var array: [UInt8] { withBytes { Array($0) } }

    private func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: start, count: count)
        start.deallocate()
        start = bigger
        capacity = size
    }
}
