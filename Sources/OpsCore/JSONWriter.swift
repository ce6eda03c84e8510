/// Writes JSON straight into bytes, the way `JSONValue` prints it (two-space indentation, or one line), without
/// building a tree first: large reports stream their findings through it.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// Per open container: whether nothing has been written into it yet.
    private var empty: [Bool] = []
    /// A key was just written: the next value belongs to it.
    private var afterKey = false

    /// `pretty`: indented with two spaces per level; otherwise on one line.
    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// A writer for a run of elements of an array open `depth` levels deep, `first` when the run starts the array:
    /// runs written apart (in parallel) and output in order, noted with `wroteElements()`, print as one writer would.
    public init(elementsAt depth: Int, first: Bool, capacity: Int = 1 << 16) {
        self.init(capacity: capacity)
        empty = Array(repeating: false, count: depth)
        empty[depth - 1] = first
    }

    /// Notes that elements of the array open here were written elsewhere: a run written by a writer made with
    /// `init(elementsAt:first:)` and handed to the output directly.
    public mutating func wroteElements() { empty[empty.count - 1] = false }

    /// How many containers are open.
    public var depth: Int { empty.count }

    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        empty.append(true)
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        empty.append(true)
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The key of the next member of the open object.
    public mutating func key(_ key: String) {
        separate()
        Self.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        prepareValue()
        Self.writeString(value, into: &bytes)
    }

    public mutating func int(_ value: Int) {
        prepareValue()
        Self.writeDecimal(value, into: &bytes)
    }

    /// A string already written as a literal by `literal(_:)`: text repeated across many values (a check's title on
    /// each of its findings) is escaped once.
    public mutating func string(literal: [UInt8]) {
        prepareValue()
        bytes.append(contentsOf: literal)
    }

    /// `s` as a JSON string literal, for `string(literal:)`.
    public static func literal(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        writeString(s, into: &out)
        return out
    }

    /// `value` as 16 lower-case hexadecimal digits in a string literal (a fingerprint).
    public mutating func hexString(_ value: UInt64) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        for shift in stride(from: 60, through: 0, by: -4) { bytes.append(Self.hex[Int((value >> UInt64(shift)) & 0xF)]) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whole numbers below 10^15 without a fraction; NaN and infinities as null (JSON has neither).
    public mutating func double(_ value: Double) {
        prepareValue()
        if value.isFinite {
            bytes.append(contentsOf: (value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)).utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    public mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A string member, or null when absent.
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// A string member already written as a literal by `literal(_:)`.
    public mutating func field(_ name: String, literal: [UInt8]) {
        key(name)
        string(literal: literal)
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
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Moves what is written so far into `sink`; writing goes on where it stopped.
    public mutating func drain(into sink: OutputSink) {
        sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The newline that ends a document.
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Before a value: the separator and newline inside an array, nothing after a key.
    private mutating func prepareValue() {
        if afterKey { afterKey = false; return }
        if !empty.isEmpty { separate() }
    }

    private mutating func separate() {
        if empty[empty.count - 1] { empty[empty.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        newline(depth: empty.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        if !wasEmpty { newline(depth: empty.count) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        let count = 1 + depth * 2
        if count <= Self.indentation.count {
            Self.indentation.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        } else {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
    }

    /// A newline and the indentation of the first 31 levels.
    private static let indentation = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 62)

    /// `value` in decimal, without building a string.
    static func writeDecimal(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
