/// A resolved scalar value.
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    /// The scalar as text, the way a key or message shows it.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        }
    }
}

/// One node of a loaded YAML or JSON document. Immutable; every node knows where it was written.
public final class Node: Sendable {
    /// A key/value pair of a mapping, in document order.
    public struct Entry: Sendable {
        public let key: Node
        public let value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Entry])
    }

    /// The file and tag a node was written with. A document's untagged nodes share one, and its nodes with the same tag
    /// another, so that a node carries one reference and its line and column (56 bytes where a file name and a tag
    /// inline took 80: a large template has millions of nodes).
    final class Origin: Sendable {
        let file: String
        let tag: String?
        /// The document's untagged origin, for a tagged one.
        let untagged: Origin?

        init(file: String, tag: String? = nil, untagged: Origin? = nil) {
            self.file = file
            self.tag = tag
            self.untagged = untagged
        }
    }

    public let content: Content
    private let origin: Origin
    private let line: UInt32
    private let column: UInt32

    /// The explicit tag as written (`!Ref`, `tag:yaml.org,2002:str`), or nil.
    public var tag: String? { origin.tag }
    public var location: SourceLocation { SourceLocation(file: origin.file, line: Int(line), column: Int(column)) }

    public convenience init(_ content: Content, tag: String? = nil, location: SourceLocation) {
        self.init(content, origin: Origin(file: location.file, tag: tag), line: location.line, column: location.column)
    }

    /// A node written where `other` is, with its tag: a rewritten tree keeps its places at no cost per node.
    public convenience init(_ content: Content, like other: Node) {
        self.init(content, origin: other.origin, line: other.line, column: other.column)
    }

    /// A node written where `other` is, without a tag.
    public convenience init(_ content: Content, untaggedLike other: Node) {
        self.init(content, origin: other.origin.untagged ?? (other.origin.tag == nil ? other.origin : Origin(file: other.origin.file)),
                  line: other.line, column: other.column)
    }

    convenience init(_ content: Content, origin: Origin, line: Int, column: Int) {
        self.init(content, origin: origin, line: UInt32(clamping: line), column: UInt32(clamping: column))
    }

    init(_ content: Content, origin: Origin, line: UInt32, column: UInt32) {
        self.content = content
        self.origin = origin
        self.line = line
        self.column = column
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var string: String? {
        if case .scalar(.string(let s)) = content { return s }
        return nil
    }

    public var items: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The text of a scalar key (`"7"` for an int key); nil for a collection.
    public var keyText: String? { scalar?.description }

    /// The value under a mapping key, or nil when absent or not a mapping.
    public subscript(key: String) -> Node? { entry(key)?.value }

    /// The entry (key node and value) under a mapping key.
    public func entry(_ key: String) -> Entry? {
        guard case .mapping(let entries) = content else { return nil }
        // Through the buffer, so that looking at each key does not count a reference to it and its value: checks
        // on every core read the same nodes, and those counts were most of a lookup.
        return entries.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i].key.isKey(key) { return buffer[i] }
            return nil
        }
    }

    /// Whether this node, as a mapping key, reads as `text`: a string key is compared as it is (no text is built for
    /// it, as `keyText` would: lookups run for every property a check reads).
    private func isKey(_ text: String) -> Bool {
        switch content {
        // Lengths first: most keys of a mapping differ in length from the one looked for, and comparing two long
        // strings that do not share storage takes the slow path of `==`.
        case .scalar(.string(let s)): return s.utf8.count == text.utf8.count && s == text
        case .scalar(let scalar): return scalar.description == text
        default: return false
        }
    }
}
