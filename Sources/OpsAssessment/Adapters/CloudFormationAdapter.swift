import Foundation
import OpsCore
import OpsDocument

/// Reads CloudFormation templates (YAML or JSON): `Resources`, and `Parameters` whose `Default`
/// replaces each `Ref` to them, so that checks see the value that will be deployed. `Fn::ForEach` loops are expanded
/// (``LanguageExtensions``) and SAM resources read as what SAM makes (``ServerlessResources``); a Rain source is refused
/// at its first directive, as it is not a template until `rain pkg` makes it one.
public enum CloudFormationAdapter: InputAdapter {
    public static let inputName = "a CloudFormation template"
    public static let producedTypes: Set<String>? = nil

    /// Whether a document looks like a CloudFormation template.
    public static func recognizes(_ document: Node) -> Bool {
        if document["AWSTemplateFormatVersion"] != nil || document["Transform"] != nil { return true }
        guard let resources = document["Resources"]?.entries, !resources.isEmpty else { return false }
        // One resource that looks like one is enough: a resource without `Type` is then an error at its own line.
        return resources.contains { entry in
            (entry.key.string?.hasPrefix(LanguageExtensions.prefix) ?? false)
                || entry.value["Type"].map { ($0.tag?.hasPrefix("!Rain::") ?? false) || ($0.string?.contains("::") ?? false) } ?? false
        }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        let declared = document["Resources"]
        let prescan = TemplatePrescan.scan(document, extensionsIn: declared)
        if let (directive, location) = prescan.rain {
            throw DocumentError(at: location, "a Rain source (\(directive)), not a template: run `rain pkg` first and assess what it writes")
        }
        guard var resourcesNode = declared else {
            throw DocumentError(at: document.location, "template has no 'Resources' section")
        }
        let parameters = parameterValues(document["Parameters"], overrides: source.parameterOverrides)
        if prescan.usesExtensions {
            resourcesNode = try LanguageExtensions.expand(resourcesNode, parameters: parameters, mappings: document["Mappings"])
        }
        guard let entries = resourcesNode.entries else {
            throw DocumentError(at: resourcesNode.location, "'Resources' must be a mapping of logical ids to resources")
        }
        let dependencies = source.tracksDependencies ? TemplateDependencies.of(document, file: source.file, overrides: source.parameterOverrides) : [:]
        let globals = document["Globals"]
        // Each resource on every core, a few hundred at a time; the first error in the template's order is the one reported.
        let converted = ParallelSlots<Result<Resource, DocumentError>>.map(entries.count, grain: 256) { i in
            Result { () throws(DocumentError) in
                var resource = try resource(entries[i], parameters: parameters, globals: globals, stack: source.file)
                resource.dependencies = dependencies[resource.id] ?? []
                return resource
            }
        }
        var result: [Resource] = []
        result.reserveCapacity(entries.count)
        for resource in converted { result.append(try resource.get()) }
        return result
    }

    /// Each parameter's value: the override given for it, else its `Default`.
    private static func parameterValues(_ declared: Node?, overrides: [String: Node]) -> [String: Node] {
        var values: [String: Node] = [:]
        for entry in declared?.entries ?? [] {
            guard let name = entry.key.keyText else { continue }
            if let value = overrides[name] ?? entry.value["Default"] { values[name] = value }
        }
        return values
    }

    /// One entry of `Resources` as a resource: its type (a serverless one expanded) and its properties with the
    /// template's parameters substituted.
    private static func resource(_ entry: Node.Entry, parameters: [String: Node], globals: Node?, stack: String) throws(DocumentError) -> Resource {
        let id = entry.key.keyText ?? "?"
        guard case .mapping = entry.value.content else {
            throw DocumentError(at: entry.value.location, "resource '\(id)' must be a mapping")
        }
        guard let typeNode = entry.value["Type"] else { throw DocumentError(at: entry.key.location, "resource '\(id)' has no 'Type'") }
        guard var type = typeNode.string else { throw DocumentError(at: typeNode.location, "resource '\(id)': 'Type' must be a string") }
        var properties = entry.value["Properties"]
        if let (expanded, p) = ServerlessResources.expand(type: type, properties: properties, globals: globals, at: entry.value.location) {
            (type, properties) = (expanded, p)
        }
        if let p = properties, !parameters.isEmpty { properties = substitute(p, parameters) }
        return Resource(type: type, id: id, properties: properties, location: entry.key.location,
                        propertiesLocation: entry.value.entry("Properties")?.key.location, lastLine: lastLine(entry.value),
                        suppressions: try InlineSuppressions.read(entry.value["Metadata"]), stack: stack)
    }

    /// `template` with each `${Name}` replaced by a scalar parameter value; nil when any is something else.
    static func substituted(_ template: String, _ parameters: [String: Node]) -> String? {
        let (placeholders, unclosed) = SubPlaceholders.scan(template)
        if unclosed { return nil }
        var result = ""
        var rest = template.startIndex
        for placeholder in placeholders {
            guard let value = parameters[String(placeholder.name)]?.scalar, value != .null else { return nil }
            result += template[rest..<placeholder.range.lowerBound]
            result += value.description
            rest = placeholder.range.upperBound
        }
        return result + template[rest...]
    }

    /// The last line a node's subtree reaches.
    static func lastLine(_ node: Node) -> Int {
        switch node.content {
        case .scalar: return node.location.line
        case .sequence(let items): return items.last.map(lastLine) ?? node.location.line
        case .mapping(let entries): return entries.last.map { lastLine($0.value) } ?? node.location.line
        }
    }

    /// Replaces `{"Ref": Parameter}` with the parameter's value, and `{"Fn::Sub": "…${Parameter}…"}` with the
    /// string when every `${…}` in it is a parameter, placed where they were written.
    static func substitute(_ node: Node, _ parameters: [String: Node]) -> Node {
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            let mapped = changed(items) { item in
                let n = substitute(item, parameters)
                return n === item ? nil : n
            }
            return mapped.map { Node(.sequence($0), like: node) } ?? node
        case .mapping(let entries):
            if entries.count == 1, entries[0].key.string == "Ref", let name = entries[0].value.string, let value = parameters[name] {
                return Node(value.content, location: node.location)
            }
            if entries.count == 1, entries[0].key.string == "Fn::Sub", let template = entries[0].value.string,
               let text = substituted(template, parameters) {
                return Node(.scalar(.string(text)), location: node.location)
            }
            let mapped = changed(entries) { entry in
                let v = substitute(entry.value, parameters)
                return v === entry.value ? nil : Node.Entry(key: entry.key, value: v)
            }
            return mapped.map { Node(.mapping($0), like: node) } ?? node
        }
    }

    /// `elements` with each one `change` gives (nil: unchanged) in its place, or nil when it changes none. Nothing is
    /// copied before the first change: most property trees refer to no parameter.
    private static func changed<Element>(_ elements: [Element], _ change: (Element) -> Element?) -> [Element]? {
        for i in elements.indices {
            guard let first = change(elements[i]) else { continue }
            var mapped = Array(elements[..<i])
            mapped.reserveCapacity(elements.count)
            mapped.append(first)
            for element in elements[(i + 1)...] { mapped.append(change(element) ?? element) }
            return mapped
        }
        return nil
    }
}

/// `Metadata: { opsready: { skip: [{ id: CHECK, reason: "…" }] } }` on a resource.
enum InlineSuppressions {
    static func read(_ metadata: Node?) throws(DocumentError) -> [String: Resource.Suppression] {
        guard let skip = metadata?["opsready"]?["skip"] else { return [:] }
        guard let items = skip.items else { throw DocumentError(at: skip.location, "'opsready.skip' must be a list of {id, reason}") }
        var result: [String: Resource.Suppression] = [:]
        for item in items {
            var reader = try NodeReader(item, what: "inline suppression")
            let idNode = reader.optional("id")
            let id = try reader.string("id")
            let reason = try reader.string("reason")
            try reader.finish()
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw DocumentError(at: item.location, "suppression of \(id) needs a reason") }
            result[id] = Resource.Suppression(reason: reason, location: idNode?.location ?? item.location)
        }
        return result
    }
}
