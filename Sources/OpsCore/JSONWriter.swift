/// Writes JSON straight into bytes, the way `JSONValue` prints it (two-space indentation, or one line), without
/// building a tree first: large reports stream their findings through it.
public struct JSONWriter {
    private var out: WriteBuffer
    private let pretty: Bool
    /// How many containers are open.
    public private(set) var depth = 0
    /// Per open container, one bit each for the first 64: whether nothing has been written into it yet.
    private var emptyBits: UInt64 = 0
    /// The same for containers deeper than 64 levels.
    private var deeperEmpty: [Bool] = []
    /// A key was just written: the next value belongs to it.
    private var afterKey = false

    /// `pretty`: indented with two spaces per level; otherwise on one line.
    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        out = WriteBuffer(capacity: capacity)
    }

    /// A writer for a run of elements of an array open `depth` levels deep, `first` when the run starts the array:
    /// runs written apart (in parallel) and output in order, noted with `wroteElements()`, print as one writer would.
    public init(elementsAt depth: Int, first: Bool, capacity: Int = 1 << 16) {
        self.init(capacity: capacity)
        for _ in 0..<depth { push() }
        if !first { wroteElements() }
    }

    /// What is written so far.
    public var bytes: [UInt8] { out.array }

    /// How many bytes are written so far.
    public var count: Int { out.count }

    /// Notes that elements of the array open here were written elsewhere: a run written by a writer made with
    /// `init(elementsAt:first:)` and handed to the output directly.
    public mutating func wroteElements() { setTopEmpty(false) }

    public mutating func beginObject() {
        makeUnique()
        prepareValue()
        out.append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        makeUnique()
        prepareValue()
        out.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key escaped once, with what follows it, for members written many times (each finding's `check`).
    public struct Key: Sendable {
        let bytes: [UInt8]

        public init(_ name: String, pretty: Bool = true) {
            var bytes = JSONWriter.literal(name)
            bytes.append(UInt8(ascii: ":"))
            if pretty { bytes.append(UInt8(ascii: " ")) }
            self.bytes = bytes
        }
    }

    /// The key of the next member of the open object, prepared; it must have been made with this writer's `pretty`.
    public mutating func key(_ key: Key) {
        makeUnique()
        // The comma, the line break and the indentation with the key: one copy for what a finding writes most.
        let first = topEmpty
        if first { setTopEmpty(false) }
        key.bytes.withUnsafeBytes { out.appendMember(key: $0, comma: !first, indentedBy: pretty ? depth * 2 : nil) }
        afterKey = true
    }

    /// Object members written once and copied into many objects (what every finding of a check repeats), for objects
    /// open `depth` levels deep. Kept as they follow another member; first in an object, their comma is left out.
    public struct Members: Sendable {
        let bytes: [UInt8]
        let depth: Int
        let pretty: Bool

        /// The members `write` writes, each whole (a key and its value).
        public init(depth: Int, pretty: Bool = true, _ write: (inout JSONWriter) -> Void) {
            var writer = JSONWriter(pretty: pretty, capacity: 256)
            for _ in 0..<depth { writer.push() }
            writer.setTopEmpty(false)
            write(&writer)
            precondition(writer.depth == depth && !writer.afterKey, "JSONWriter.Members: a member left open")
            bytes = writer.bytes
            self.depth = depth
            self.pretty = pretty
        }
    }

    /// Members written once by `Members`, into the object open here (as deep as they were written for).
    public mutating func members(_ members: Members) {
        precondition(members.depth == depth && members.pretty == pretty && !afterKey, "JSONWriter.Members written at another depth")
        guard !members.bytes.isEmpty else { return }
        makeUnique()
        let first = topEmpty
        if first { setTopEmpty(false) }
        members.bytes.withUnsafeBytes { out.append(first ? UnsafeRawBufferPointer(rebasing: $0.dropFirst()) : $0) }
    }

    /// The key of the next member of the open object.
    public mutating func key(_ key: String) {
        makeUnique()
        separate()
        Self.writeString(key, into: out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        makeUnique()
        prepareValue()
        Self.writeString(value, into: out)
    }

    /// `first`, a space and `second` as one string value, without building that string first.
    public mutating func string(_ first: String, spaced second: String) {
        makeUnique()
        prepareValue()
        out.append(UInt8(ascii: "\""))
        Self.writeEscaped(first, into: out)
        out.append(UInt8(ascii: " "))
        Self.writeEscaped(second, into: out)
        out.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ value: Int) {
        makeUnique()
        prepareValue()
        Self.writeDecimal(value, into: out)
    }

    /// A string already written as a literal by `literal(_:)`: text repeated across many values (a check's title on
    /// each of its findings) is escaped once.
    public mutating func string(literal: [UInt8]) {
        makeUnique()
        prepareValue()
        out.append(literal)
    }

    /// `s` as a JSON string literal, for `string(literal:)`.
    public static func literal(_ s: String) -> [UInt8] {
        let out = WriteBuffer(capacity: s.utf8.count + 2)
        writeString(s, into: out)
        return out.array
    }

    /// `value` as 16 lower-case hexadecimal digits in a string literal (a fingerprint).
    public mutating func hexString(_ value: UInt64) {
        makeUnique()
        prepareValue()
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { text in
            text[0] = UInt8(ascii: "\"")
            for i in 0..<16 { text[1 + i] = Self.hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * i)) & 0xF) }
            text[17] = UInt8(ascii: "\"")
            out.append(UnsafeRawBufferPointer(rebasing: text[..<18]))
        }
    }

    /// Whole numbers below 10^15 without a fraction; NaN and infinities as null (JSON has neither).
    public mutating func double(_ value: Double) {
        makeUnique()
        prepareValue()
        if value.isFinite {
            if value.rounded() == value && abs(value) < 1e15 { Self.writeDecimal(Int(value), into: out) } else { append(String(value)) }
        } else {
            append("null")
        }
    }

    public mutating func bool(_ value: Bool) {
        makeUnique()
        prepareValue()
        append(value ? "true" : "false")
    }

    public mutating func null() {
        makeUnique()
        prepareValue()
        append("null")
    }

    /// A string member, or null when absent.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A member whose value is a small tree.
    public mutating func field(_ name: String, _ value: JSONValue) {
        key(name)
        value.write(into: &self)
    }

    /// The pretty document ending in a newline, as text.
    public consuming func finished() -> String {
        newline()
        return out.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Moves what is written so far into `sink`; writing goes on where it stopped.
    public mutating func drain(into sink: OutputSink) {
        output(to: sink)
        makeUnique()
        out.removeAll()
    }

    /// Writes what is written so far into `sink`, leaving this writer as it is.
    public func output(to sink: OutputSink) {
        out.withBytes { sink.write($0) }
    }

    /// The newline that ends a document.
    public mutating func newline() {
        makeUnique()
        out.append(UInt8(ascii: "\n"))
    }

    /// Makes the buffer this writer's own before it is changed (a copied writer writes into a copy). Every public
    /// method that writes calls it first; what it calls then writes into `out` directly.
    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&out) { out = out.copy() }
    }

    private mutating func append(_ text: StaticString) {
        out.append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        var text = text
        let out = out
        text.withUTF8 { out.append(UnsafeRawBufferPointer($0)) }
    }

    private mutating func push() {
        if depth < 64 { emptyBits |= 1 << UInt64(depth) } else { deeperEmpty.append(true) }
        depth += 1
    }

    /// Closes the innermost container; whether it was empty.
    private mutating func pop() -> Bool {
        depth -= 1
        if depth < 64 {
            let wasEmpty = emptyBits & (1 << UInt64(depth)) != 0
            emptyBits &= ~(1 << UInt64(depth))
            return wasEmpty
        }
        return deeperEmpty.removeLast()
    }

    @inline(__always)
    private var topEmpty: Bool {
        depth <= 64 ? emptyBits & (1 << UInt64(depth - 1)) != 0 : deeperEmpty[deeperEmpty.count - 1]
    }

    @inline(__always)
    private mutating func setTopEmpty(_ empty: Bool) {
        if depth <= 64 {
            if empty { emptyBits |= 1 << UInt64(depth - 1) } else { emptyBits &= ~(1 << UInt64(depth - 1)) }
        } else {
            deeperEmpty[deeperEmpty.count - 1] = empty
        }
    }

    /// Before a value: the separator and newline inside an array, nothing after a key.
    @inline(__always)
    private mutating func prepareValue() {
        if afterKey { afterKey = false; return }
        if depth > 0 { separate() }
    }

    @inline(__always)
    private mutating func separate() {
        if topEmpty { setTopEmpty(false) } else { out.append(UInt8(ascii: ",")) }
        newline(depth: depth)
    }

    private mutating func close(_ bracket: UInt8) {
        makeUnique()
        if !pop() { newline(depth: depth) }
        out.append(bracket)
    }

    @inline(__always)
    private mutating func newline(depth: Int) {
        if pretty { out.appendNewline(indentedBy: depth * 2) }
    }

    /// `value` in decimal, without building a string.
    static func writeDecimal(_ value: Int, into out: WriteBuffer) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { text in
            var magnitude = value.magnitude
            var first = 24
            repeat {
                first -= 1
                text[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                first -= 1
                text[first] = UInt8(ascii: "-")
            }
            out.append(UnsafeRawBufferPointer(rebasing: text[first...]))
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }

    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
    static func writeString(_ s: String, into out: WriteBuffer) {
        out.append(UInt8(ascii: "\""))
        writeEscaped(s, into: out)
        out.append(UInt8(ascii: "\""))
    }

    /// `s` escaped for a JSON string literal, without the quotes.
    private static func writeEscaped(_ s: String, into out: WriteBuffer) {
        var s = s
        s.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var start = 0
            var i = 0
            while i < utf8.count {
                // Eight bytes at a time while none needs escaping: nearly all text is copied without looking at each byte.
                while i + 8 <= utf8.count, !needsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                guard i < utf8.count else { break }
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { i += 1; continue }
                out.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start..<i]))
                i += 1
                start = i
                switch byte {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                default:
                    for c in "\\u00".utf8 { out.append(c) }
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0xF))
                }
            }
            out.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start...]))
        }
    }

    /// Whether any of eight bytes is a control character, a quote or a backslash (bytes of multi-byte UTF-8 never are).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }
}
