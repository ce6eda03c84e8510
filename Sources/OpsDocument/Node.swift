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

    public let content: Content
    /// The explicit tag as written (`!Ref`, `tag:yaml.org,2002:str`), or nil.
    public let tag: String?
    public let location: SourceLocation

    public init(_ content: Content, tag: String? = nil, location: SourceLocation) {
        self.content = content
        self.tag = tag
        self.location = location
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
        for entry in entries where entry.key.isKey(key) { return entry }
        return nil
    }

    /// Whether this node, as a mapping key, reads as `text`: a string key is compared as it is (no text is built for
    /// it, as `keyText` would: lookups run for every property a check reads).
    private func isKey(_ text: String) -> Bool {
        switch content {
        case .scalar(.string(let s)): return s == text
        case .scalar(let scalar): return scalar.description == text
        default: return false
        }
    }
}
