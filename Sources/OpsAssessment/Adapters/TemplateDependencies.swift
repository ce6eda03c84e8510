import OpsDocument

/// What each resource of a CloudFormation template depends on, for gating a change: the Parameters, Mappings,
/// Conditions and SAM `Globals` entries it references (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::FindInMap`, `Fn::If`,
/// `Condition:`), and the other resources it references, transitively. A Parameter's default that a parent stack
/// overrides is replaced by the parent's value, where the parent wrote it.
enum TemplateDependencies {
    /// A named entry of the template: a parameter or resource (one namespace for `Ref`), a mapping, a condition,
    /// a globals section.
    enum Name: Hashable {
        case ref(String), mapping(String), condition(String), globals(String)
    }

    /// SAM resource types and the `Globals` section that applies to them.
    static let globalsSections = [
        "AWS::Serverless::Function": "Function", "AWS::Serverless::Api": "Api", "AWS::Serverless::HttpApi": "HttpApi",
        "AWS::Serverless::SimpleTable": "SimpleTable", "AWS::Serverless::StateMachine": "StateMachine",
        "AWS::Serverless::LayerVersion": "LayerVersion",
    ]

    /// The spans each resource (by logical id) depends on, beyond its own declaration.
    static func of(_ document: Node, file: String, overrides: [String: Node]) -> [String: [SourceSpan]] {
        var spans: [Name: [SourceSpan]] = [:]
        var edges: [Name: Set<Name>] = [:]
        func span(_ key: Node, _ value: Node, in file: String) -> SourceSpan {
            SourceSpan(file: file, lines: key.location.line...max(key.location.line, CloudFormationAdapter.lastLine(value)))
        }
        for entry in document["Parameters"]?.entries ?? [] {
            guard let name = entry.key.keyText else { continue }
            var own = [span(entry.key, entry.value, in: file)]
            if let given = overrides[name] { own.append(span(given, given, in: given.location.file)) }
            spans[.ref(name)] = own
        }
        for (section, make) in [("Mappings", Name.mapping), ("Conditions", Name.condition), ("Globals", Name.globals)] as [(String, (String) -> Name)] {
            for entry in document[section]?.entries ?? [] {
                guard let name = entry.key.keyText else { continue }
                spans[make(name)] = [span(entry.key, entry.value, in: file)]
                var found = Set<Name>()
                references(entry.value, into: &found)
                edges[make(name)] = found
            }
        }
        var resourceIds: [String] = []
        for entry in document["Resources"]?.entries ?? [] {
            guard let id = entry.key.keyText else { continue }
            resourceIds.append(id)
            spans[.ref(id)] = [span(entry.key, entry.value, in: file)]
            var found = Set<Name>()
            references(entry.value, into: &found)
            if let type = entry.value["Type"]?.string, let section = globalsSections[type] { found.insert(.globals(section)) }
            found.remove(.ref(id))
            edges[.ref(id)] = found
        }
        var result: [String: [SourceSpan]] = [:]
        for id in resourceIds {
            var seen: Set<Name> = [.ref(id)]
            var queue = Array(edges[.ref(id)] ?? [])
            var reached: [SourceSpan] = []
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                reached += spans[next] ?? []
                queue += edges[next] ?? []
            }
            result[id] = reached
        }
        return result
    }

    /// The names a node refers to.
    static func references(_ node: Node, into found: inout Set<Name>) {
        switch node.content {
        case .scalar:
            return
        case .sequence(let items):
            for item in items { references(item, into: &found) }
        case .mapping(let entries):
            if entries.count == 1, let key = entries[0].key.string {
                let value = entries[0].value
                if let named = ReferenceScanner.logicalIds(key, value) {
                    for name in named where !name.hasPrefix("AWS::") { found.insert(.ref(name)) }
                    // `Fn::Sub`'s variables map may reference more.
                    if key != "Fn::Sub" { return }
                }
                switch key {
                case "Fn::FindInMap":
                    if let name = value.items?.first?.string { found.insert(.mapping(name)) }
                case "Fn::If":
                    if let name = value.items?.first?.string { found.insert(.condition(name)) }
                case "Condition":
                    if let name = value.string { found.insert(.condition(name)); return }
                default:
                    break
                }
            }
            for entry in entries {
                if entry.key.string == "Condition", let name = entry.value.string { found.insert(.condition(name)); continue }
                references(entry.value, into: &found)
            }
        }
    }
}
