/// Bounds that keep hostile or accidental inputs from exhausting memory or time.
public struct LoadLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes a document may hold once aliases are expanded ("billion laughs" guard).
    public var maxExpandedNodes: Int

    public init(maxBytes: Int = 50 * 1024 * 1024, maxDepth: Int = 200, maxExpandedNodes: Int = 5_000_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = LoadLimits()
}

/// How plain scalars are resolved.
public enum DocumentSyntax: Sendable {
    case yaml
    case json

    /// JSON for `.json` files, YAML otherwise.
    public static func forPath(_ path: String) -> DocumentSyntax {
        path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}
