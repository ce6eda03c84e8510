import OpsDocument
import OpsExpr

/// Reads a mapping node field by field for our own data files (rubrics, checks, manifests), with errors
/// that name `file:line:column`, and rejects keys it was not asked about.
public struct NodeReader {
    public let node: Node
    public let what: String
    private var used: Set<String> = []

    public init(_ node: Node, what: String) throws(DocumentError) {
        guard case .mapping = node.content else { throw DocumentError(at: node.location, "\(what) must be a mapping") }
        self.node = node
        self.what = what
    }

    public var location: SourceLocation { node.location }

    public mutating func optional(_ key: String) -> Node? {
        used.insert(key)
        if let value = node[key], value.scalar != .null { return value }
        return nil
    }

    public mutating func required(_ key: String) throws(DocumentError) -> Node {
        guard let value = optional(key) else { throw DocumentError(at: node.location, "\(what) is missing '\(key)'") }
        return value
    }

    public mutating func string(_ key: String) throws(DocumentError) -> String {
        try Self.string(try required(key), key: key)
    }

    public mutating func optionalString(_ key: String) throws(DocumentError) -> String? {
        try optional(key, Self.string)
    }

    public mutating func strings(_ key: String) throws(DocumentError) -> [String] {
        guard let value = optional(key) else { return [] }
        if case .scalar(.string(let single)) = value.content { return [single] }
        guard let items = value.items else { throw DocumentError(at: value.location, "'\(key)' must be a list of strings") }
        var result: [String] = []
        for item in items { result.append(try Self.string(item, key: key)) }
        return result
    }

    public mutating func localized(_ key: String) throws(DocumentError) -> LocalizedText {
        try Self.localized(try required(key), key: key)
    }

    public mutating func optionalLocalized(_ key: String) throws(DocumentError) -> LocalizedText? {
        try optional(key, Self.localized)
    }

    /// The value under `key` read with `read`, or nil when absent.
    private mutating func optional<T>(_ key: String, _ read: (Node, String) throws(DocumentError) -> T) throws(DocumentError) -> T? {
        guard let value = optional(key) else { return nil }
        return try read(value, key)
    }

    public mutating func list(_ key: String) throws(DocumentError) -> [Node] {
        guard let value = optional(key) else { return [] }
        guard let items = value.items else { throw DocumentError(at: value.location, "'\(key)' must be a list") }
        return items
    }

    public mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(DocumentError) -> E where E.RawValue == String {
        let value = try required(key)
        return try Self.enumeration(value, key: key, type)
    }

    public static func enumeration<E: RawRepresentable & CaseIterable>(_ value: Node, key: String, _ type: E.Type) throws(DocumentError) -> E where E.RawValue == String {
        // YAML 1.1 reads an unquoted yes/no as a boolean; an enumeration with yes/no cases takes it back.
        if case .scalar(.bool(let b)) = value.content, let answer = E(rawValue: b ? "yes" : "no") { return answer }
        let text = try string(value, key: key)
        guard let result = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw DocumentError(at: value.location, "'\(key)' is '\(text)'; expected one of: \(allowed)")
        }
        return result
    }

    /// Throws on the first key that was never read.
    public func finish() throws(DocumentError) {
        for entry in node.entries ?? [] {
            let key = entry.key.keyText ?? "?"
            if !used.contains(key) {
                let known = used.sorted().joined(separator: ", ")
                throw DocumentError(at: entry.key.location, "unknown field '\(key)' in \(what) (known fields: \(known))")
            }
        }
    }

    public static func string(_ value: Node, key: String) throws(DocumentError) -> String {
        switch value.content {
        case .scalar(.string(let s)): return s
        case .scalar(.int(let i)): return String(i)
        case .scalar(.double(let d)): return String(d)
        default: throw DocumentError(at: value.location, "'\(key)' must be a string")
        }
    }

    /// A duration written as people write targets (`30m`, `4h`).
    public static func duration(_ value: Node, key: String) throws(DocumentError) -> Duration {
        let text = try string(value, key: key)
        guard let duration = try? Duration(parsing: text) else {
            throw DocumentError(at: value.location, "'\(key)' is '\(text)'; expected a duration like 30m or 4h")
        }
        return duration
    }

    public static func localized(_ value: Node, key: String) throws(DocumentError) -> LocalizedText {
        if case .scalar(.string(let s)) = value.content { return LocalizedText(s) }
        var reader = try NodeReader(value, what: "'\(key)'")
        let text = LocalizedText(ko: try reader.string("ko"), en: try reader.string("en"))
        try reader.finish()
        return text
    }
}
