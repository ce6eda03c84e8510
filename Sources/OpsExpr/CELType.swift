/// The runtime type of a value, as `type(x)` returns it.
public enum CELType: String, Sendable, Equatable {
    case null = "null_type", bool, int, uint, double, string, bytes, list, map, type
    case timestamp = "google.protobuf.Timestamp"
    case duration = "google.protobuf.Duration"

    public var name: String { rawValue }

    /// Type names usable as identifiers (`type(x) == int`).
    static let denotations: [String: CELType] = [
        "null_type": .null, "bool": .bool, "int": .int, "uint": .uint, "double": .double,
        "string": .string, "bytes": .bytes, "list": .list, "map": .map, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]
}
