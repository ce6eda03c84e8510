import OpsDocument

/// A value of the condition language. Lists and maps loaded from documents stay backed by their
/// `Node`s, so a resource's properties are never copied to be evaluated.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list(ListValue)
    case map(MapValue)
    case type(CELType)
    case timestamp(Timestamp)
    case duration(Duration)

    public var celType: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        }
    }

    /// The value of a document node: scalars become primitives, collections stay node-backed.
    public init(_ node: Node) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .double(let d): self = .double(d)
            case .string(let s): self = .string(s)
            }
        case .sequence(let items): self = .list(ListValue(nodes: items))
        case .mapping: self = .map(MapValue(node: node))
        }
    }

    public init(_ values: [Value]) { self = .list(ListValue(values)) }
}

/// A list, either built by an expression or backed by a document sequence.
public struct ListValue: Sendable {
    enum Storage: Sendable {
        case values([Value])
        case nodes([Node])
    }

    let storage: Storage

    public init(_ values: [Value]) { storage = .values(values) }
    public init(nodes: [Node]) { storage = .nodes(nodes) }

    public var count: Int {
        switch storage {
        case .values(let v): return v.count
        case .nodes(let n): return n.count
        }
    }

    public subscript(index: Int) -> Value {
        switch storage {
        case .values(let v): return v[index]
        case .nodes(let n): return Value(n[index])
        }
    }

    /// The document node of an element, when the list is document-backed.
    func node(at index: Int) -> Node? {
        if case .nodes(let n) = storage { return n[index] }
        return nil
    }

    public var elements: [Value] {
        switch storage {
        case .values(let v): return v
        case .nodes(let n): return n.map(Value.init)
        }
    }
}

/// A map, either built by an expression or backed by a document mapping.
public struct MapValue: Sendable {
    enum Storage: Sendable {
        case entries([(key: Value, value: Value)])
        case node(Node)
    }

    let storage: Storage

    public init(_ entries: [(key: Value, value: Value)]) { storage = .entries(entries) }
    public init(node: Node) { storage = .node(node) }

    /// A map with string keys, in the given order.
    public init(fields: [(String, Value)]) {
        storage = .entries(fields.map { (key: Value.string($0.0), value: $0.1) })
    }

    public var count: Int {
        switch storage {
        case .entries(let e): return e.count
        case .node(let node): return node.entries?.count ?? 0
        }
    }

    public var keys: [Value] {
        switch storage {
        case .entries(let e): return e.map(\.key)
        case .node(let node): return (node.entries ?? []).map { Value($0.key) }
        }
    }

    public var entries: [(key: Value, value: Value)] {
        switch storage {
        case .entries(let e): return e
        case .node(let node): return (node.entries ?? []).map { (key: Value($0.key), value: Value($0.value)) }
        }
    }

    /// The backing document node, when there is one.
    public var node: Node? {
        if case .node(let node) = storage { return node }
        return nil
    }

    /// Looks a field up by name (string key).
    public func field(_ name: String) -> Value? {
        switch storage {
        case .entries(let entries):
            for entry in entries { if case .string(let k) = entry.key, k == name { return entry.value } }
            return nil
        case .node(let node):
            return node[name].map(Value.init)
        }
    }

    /// The document entry under a string key, when node-backed.
    func nodeEntry(_ name: String) -> Node.Entry? {
        if case .node(let node) = storage { return node.entry(name) }
        return nil
    }

    /// Looks a key up with CEL's key equality (`1`, `1u` and `1.0` find the same entry).
    public func lookup(_ key: Value) -> Value? {
        switch storage {
        case .entries(let entries):
            for entry in entries where Equality.keyEquals(entry.key, key) { return entry.value }
            return nil
        case .node(let node):
            guard let entries = node.entries else { return nil }
            for entry in entries where Equality.keyEquals(Value(entry.key), key) { return Value(entry.value) }
            return nil
        }
    }
}

/// Swift equality is identity of type and value (`1 == 1.0` is false here, unlike CEL's `==`); NaN equals NaN.
extension Value: Equatable {
    public static func == (a: Value, b: Value) -> Bool { ConformanceSuite.identical(a, b) }
}
