import OpsCore
import OpsDocument

/// The `AWS::LanguageExtensions` transform, done here so checks see the resources it makes: `Fn::ForEach::Name:
/// [Identifier, Collection, {OutputKey: OutputValue}]` repeats its template once per item of the collection (a list, or
/// a `Ref` to a list parameter's value), with `${Identifier}` and `&{Identifier}` (the item without its
/// non-alphanumeric characters) replaced in keys and `Fn::Sub` strings and `Ref: Identifier` replaced by the item;
/// `Fn::Length` of a list is its length; `Fn::FindInMap` with literal keys is looked up in `Mappings`, falling back to
/// its `DefaultValue`; `Fn::ToJsonString` of literal values is their JSON. Every node made keeps the location of the
/// loop body it came from.
enum LanguageExtensions {
    static let prefix = "Fn::ForEach::"

    /// Whether a mapping entry is a loop or another extension this transform resolves (`TemplatePrescan` looks for them).
    static func isExtension(_ key: String, _ value: Node) -> Bool {
        // Every key that matters starts with `Fn::`; the first byte rules out nearly all others.
        key.utf8.first == UInt8(ascii: "F")
            && (key.hasPrefix(prefix) || key == "Fn::Length" || key == "Fn::ToJsonString" || (key == "Fn::FindInMap" && (value.items?.count ?? 0) == 4))
    }

    /// `node` with every loop expanded and every `Fn::Length` of a list counted; `parameters` give list values,
    /// `mappings` the template's `Mappings`.
    static func expand(_ node: Node, parameters: [String: Node], mappings: Node? = nil) throws(DocumentError) -> Node {
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            var out: [Node] = []
            for item in items { out.append(try expand(item, parameters: parameters, mappings: mappings)) }
            return Node(.sequence(out), like: node)
        case .mapping(let entries):
            if entries.count == 1, entries[0].key.string == "Fn::Length" {
                let list = try collection(entries[0].value, parameters: parameters, what: "Fn::Length")
                return Node(.scalar(.int(Int64(list.count))), location: node.location)
            }
            if entries.count == 1, entries[0].key.string == "Fn::FindInMap", let found = findInMap(entries[0].value, mappings: mappings) {
                return try expand(found, parameters: parameters, mappings: mappings)
            }
            if entries.count == 1, entries[0].key.string == "Fn::ToJsonString", let json = jsonText(try expand(entries[0].value, parameters: parameters, mappings: mappings)) {
                return Node(.scalar(.string(json)), location: node.location)
            }
            var out: [Node.Entry] = []
            var seen: [String: SourceLocation] = [:]
            for entry in entries {
                let produced: [Node.Entry]
                if let key = entry.key.string, key.hasPrefix(prefix) {
                    produced = try loop(entry, parameters: parameters, mappings: mappings)
                } else {
                    produced = [Node.Entry(key: entry.key, value: try expand(entry.value, parameters: parameters, mappings: mappings))]
                }
                for e in produced {
                    if let name = e.key.string, let first = seen[name] {
                        throw DocumentError(at: e.key.location, "'\(name)' is made twice (first at \(first.line):\(first.column))")
                    }
                    if let name = e.key.string { seen[name] = e.key.location }
                    out.append(e)
                }
            }
            return Node(.mapping(out), like: node)
        }
    }

    private static func loop(_ entry: Node.Entry, parameters: [String: Node], mappings: Node?) throws(DocumentError) -> [Node.Entry] {
        let name = entry.key.string ?? ""
        guard let parts = entry.value.items, parts.count == 3, let identifier = parts[0].string, let template = parts[2].entries else {
            throw DocumentError(at: entry.value.location, "\(name) takes [Identifier, Collection, {OutputKey: OutputValue}]")
        }
        var result: [Node.Entry] = []
        for item in try collection(parts[1], parameters: parameters, what: name) {
            var body: [Node.Entry] = []
            for e in template {
                body.append(Node.Entry(key: replaced(e.key, identifier, item), value: replaced(e.value, identifier, item)))
            }
            // A loop inside the template is expanded with this item in place.
            if let expanded = try expand(Node(.mapping(body), location: entry.value.location), parameters: parameters, mappings: mappings).entries {
                result += expanded
            }
        }
        return result
    }

    /// `[Map, TopKey, SecondKey, {DefaultValue: v}]` (or without the default) with literal keys: the mapped value, else
    /// the default; nil when a key is not literal (left for CloudFormation).
    static func findInMap(_ node: Node, mappings: Node?) -> Node? {
        guard let parts = node.items, parts.count >= 3, let map = parts[0].string, let top = parts[1].scalar?.description,
              let second = parts[2].scalar?.description, parts[1].scalar != .null, parts[2].scalar != .null else { return nil }
        if let value = mappings?[map]?[top]?[second] { return value }
        return parts.count == 4 ? parts[3]["DefaultValue"] : nil
    }

    /// JSON text of a tree of literal values; nil when it still holds an intrinsic function.
    static func jsonText(_ node: Node) -> String? {
        switch node.content {
        case .scalar(let s):
            switch s {
            case .null: return "null"
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .double(let d): return d.isFinite ? String(d) : nil
            case .string(let t): return JSONValue.string(t).renderedOnOneLine()
            }
        case .sequence(let items):
            var parts: [String] = []
            for item in items { guard let p = jsonText(item) else { return nil }; parts.append(p) }
            return "[" + parts.joined(separator: ",") + "]"
        case .mapping(let entries):
            var parts: [String] = []
            for e in entries {
                guard let key = e.key.string, key != "Ref", !key.hasPrefix("Fn::"), let v = jsonText(e.value) else { return nil }
                parts.append(JSONValue.string(key).renderedOnOneLine() + ":" + v)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    /// The items of a loop's collection: a list of scalars, or a `Ref` to a list (or comma-delimited) parameter.
    static func collection(_ node: Node, parameters: [String: Node], what: String) throws(DocumentError) -> [String] {
        var list = node
        if let name = node["Ref"]?.string {
            guard let value = parameters[name] else {
                throw DocumentError(at: node.location, "\(what): parameter '\(name)' has no value to loop over (give it a Default or --param)")
            }
            list = value
        }
        if let text = list.string { return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let items = list.items else { throw DocumentError(at: node.location, "\(what): the collection must be a list, or a Ref to a list parameter") }
        var result: [String] = []
        for item in items {
            guard let scalar = item.scalar, scalar != .null else { throw DocumentError(at: item.location, "\(what): the collection's items must be strings") }
            result.append(scalar.description)
        }
        return result
    }

    /// `node` with the loop's identifier replaced by `item`.
    static func replaced(_ node: Node, _ identifier: String, _ item: String) -> Node {
        switch node.content {
        case .scalar(.string(let text)) where node.tag == nil:
            return Node(.scalar(.string(substitute(text, identifier, item))), location: node.location)
        case .scalar:
            return node
        case .sequence(let items):
            return Node(.sequence(items.map { replaced($0, identifier, item) }), like: node)
        case .mapping(let entries):
            if entries.count == 1, entries[0].key.string == "Ref", entries[0].value.string == identifier {
                return Node(.scalar(.string(item)), location: node.location)
            }
            if entries.count == 1, entries[0].key.string == "Fn::Sub" {
                return Node(.mapping([Node.Entry(key: entries[0].key, value: replaced(entries[0].value, identifier, item))]), like: node)
            }
            return Node(.mapping(entries.map { e in
                Node.Entry(key: e.key.string.map { k in Node(.scalar(.string(substitute(k, identifier, item))), location: e.key.location) } ?? e.key,
                           value: replaced(e.value, identifier, item))
            }), like: node)
        }
    }

    static func substitute(_ text: String, _ identifier: String, _ item: String) -> String {
        guard text.contains("{") else { return text }
        return text.replacingOccurrences(of: "${\(identifier)}", with: item)
            .replacingOccurrences(of: "&{\(identifier)}", with: item.filter { $0.isLetter || $0.isNumber })
    }
}
