/// A JSON document built in memory and printed with two-space indentation, keys in the order given.
/// Reports use it instead of `JSONEncoder`, which is several times slower on large reports and sorts or
/// scrambles keys.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// `.string` for a value, `.null` for nil.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// The document, indented and ending in a newline.
    public func rendered() -> String {
        var writer = JSONWriter()
        write(into: &writer)
        return writer.finished()
    }

    /// The document on one line, without a newline: for JSON Lines.
    public func renderedOnOneLine() -> String {
        var writer = JSONWriter(pretty: false, capacity: 256)
        write(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Writes this value where `writer` stands.
    public func write(into writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let b): writer.bool(b)
        case .int(let i): writer.int(i)
        case .double(let d): writer.double(d)
        case .string(let s): writer.string(s)
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(into: &writer) }
            writer.endArray()
        case .object(let fields):
            writer.beginObject()
            for (key, value) in fields {
                writer.key(key)
                value.write(into: &writer)
            }
            writer.endObject()
        }
    }
}
