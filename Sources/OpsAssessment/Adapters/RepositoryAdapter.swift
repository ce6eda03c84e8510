import OpsDocument

/// The repository snapshot (`opsready_repository:`, made by `RepositoryScan` or written by hand in a check's examples)
/// as one `OpsReady::Repository` (`VersionControl`, `CodeOwners` rules, `UncoveredInputs`, `ChangeTemplates`, the main
/// line's `History`: `Changes`, `Reviewed`, `Reverts`, `MedianLines`, `ActiveWeeks`) and an
/// `OpsReady::Document` per document with front matter (`Type`, `Path`, and its own keys: `owner` → `Owner`,
/// `reviewed` → `Reviewed`, `incident` → `Incident`, `status` → `Status`, `action_items` → `ActionItems`, …), and an
/// `OpsReady::Incident` per entry of the hypercare incident log (`Id`, `Priority`, …), and an `OpsReady::Activity` per
/// activity of the hypercare activity log (`Id`, `Days`).
public enum RepositoryAdapter: InputAdapter {
    public static let inputName = "a repository snapshot (opsready_repository)"
    public static let producedTypes: Set<String>? = ["OpsReady::Repository", "OpsReady::Document", "OpsReady::Incident", "OpsReady::Activity"]

    public static func recognizes(_ document: Node) -> Bool {
        document.entries?.count == 1 && document["opsready_repository"]?.entries != nil
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        guard let repository = document["opsready_repository"] else { return [] }
        let at = repository.location
        let root = repository["root"]?.string ?? "."
        var fields: [(String, Node)] = [("VersionControl", repository["version_control"] ?? NodeRewriting.string("none", at: at))]
        if let owners = repository["codeowners"] {
            let rules = (owners["rules"]?.items ?? []).map { rule in
                NodeBuilder.mapping([("Pattern", rule["pattern"] ?? NodeRewriting.string("", at: rule.location)),
                                     ("Owners", rule["owners"] ?? Node(.sequence([]), location: rule.location))], at: rule.location)
            }
            fields.append(("CodeOwners", Node(.sequence(rules), location: owners.location)))
            fields.append(("UncoveredInputs", owners["uncovered"] ?? Node(.sequence([]), location: owners.location)))
        }
        fields.append(("ChangeTemplates", repository["change_templates"] ?? Node(.sequence([]), location: at)))
        if let history = repository["history"], let entries = history.entries {
            fields.append(("History", Node(.mapping(entries.map { Node.Entry(key: NodeRewriting.string(propertyName($0.key.keyText ?? ""), at: $0.key.location),
                                                                             value: $0.value) }), location: history.location)))
        }
        var resources = [Resource(type: "OpsReady::Repository", id: root, physicalId: nil, properties: NodeBuilder.mapping(fields, at: at), location: at,
                                  propertiesLocation: at, lastLine: CloudFormationAdapter.lastLine(repository))]
        resources += try (repository["documents"]?.items ?? []).map { item throws(DocumentError) in
            try record(item, type: "OpsReady::Document", idKey: "path", missing: "a repository document needs a path")
        }
        resources += try (repository["incidents"]?.items ?? []).map { item throws(DocumentError) in
            try record(item, type: "OpsReady::Incident", idKey: "id", missing: "an incident needs an id")
        }
        resources += try (repository["activities"]?.items ?? []).map { item throws(DocumentError) in
            try record(item, type: "OpsReady::Activity", idKey: "id", missing: "an activity needs an id")
        }
        return resources
    }

    /// A document or incident: its own keys as properties (in the properties' casing), named by `idKey`.
    static func record(_ item: Node, type: String, idKey: String, missing: String) throws(DocumentError) -> Resource {
        guard let entries = item.entries, let id = item[idKey]?.scalar?.description else { throw DocumentError(at: item.location, missing) }
        let properties = Node(.mapping(entries.map { entry in
            Node.Entry(key: NodeRewriting.string(propertyName(entry.key.keyText ?? ""), at: entry.key.location), value: entry.value)
        }), location: item.location)
        return Resource(type: type, id: id, physicalId: nil, properties: properties, location: item.location, propertiesLocation: item.location,
                        lastLine: CloudFormationAdapter.lastLine(item))
    }

    /// `action_items` (or `action-items`) → `ActionItems`: front matter keys in the properties' casing.
    static func propertyName(_ key: String) -> String {
        NodeRewriting.pascal(key.replacingOccurrences(of: "-", with: "_"))
    }
}
