import OpsCore
import OpsDocument

/// A node as one line of JSON with its keys sorted: the same text however the document was formatted, indented or
/// ordered, so two nodes are the same configuration exactly when their texts are equal.
enum CanonicalNode {
    static func json(_ node: Node, dropping dropped: (String) -> Bool = { _ in false }) -> JSONValue {
        switch node.content {
        case .scalar(.null): return .null
        case .scalar(.bool(let b)): return .bool(b)
        case .scalar(.int(let i)): return .int(Int(i))
        case .scalar(.double(let d)): return d.isFinite ? .double(d) : .string(String(d))
        case .scalar(.string(let s)): return .string(s)
        case .sequence(let items): return .array(items.map { json($0) })
        case .mapping(let entries):
            let fields = entries.compactMap { entry -> (String, JSONValue)? in
                let key = entry.key.keyText ?? ""
                return dropped(key) ? nil : (key, json(entry.value))
            }
            return .object(fields.sorted { $0.0 < $1.0 })
        }
    }

    static func text(_ node: Node) -> String { json(node).renderedOnOneLine() }

    /// What a finding is about, whatever the resource is called and wherever it is declared: its check, the resource
    /// type, the property path and the resource's configuration without its name (top-level properties ending in
    /// `Name` or `Identifier`). A renamed or moved resource keeps it; a changed one does not.
    static func identity(check: String, resourceType: String, path: String?, body: String) -> String {
        FNV.hex([check, resourceType, path ?? "", body])
    }

    /// A resource's configuration for `identity`: canonical, without its names.
    static func body(_ properties: Node?) -> String {
        properties.map { json($0, dropping: { $0.hasSuffix("Name") || $0.hasSuffix("Identifier") }).renderedOnOneLine() } ?? ""
    }
}

/// FNV-1a, 64 bits, over parts separated by a unit separator: short stable ids for fingerprints.
struct FNV {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds one part and the separator after it.
    mutating func add<Bytes: Sequence<UInt8>>(_ part: Bytes) {
        for byte in part { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x1F) &* 0x100_0000_01b3
    }

    mutating func add(_ part: String) {
        var part = part
        part.withUTF8 { add($0) }
    }

    static func hex(_ parts: [String]) -> String {
        var fnv = FNV()
        for part in parts { fnv.add(part) }
        return hex(fnv.hash)
    }

    /// 16 lower-case hexadecimal digits.
    static func hex(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
