import OpsDocument

/// Dependabot's configuration (`.github/dependabot.yml`, `version: 2`, `updates:`): one `OpsReady::DependencyUpdates` per
/// entry, with its ecosystem, directory and schedule interval.
public enum DependabotAdapter: InputAdapter {
    public static let inputName = "a Dependabot configuration"
    public static let producedTypes: Set<String>? = ["OpsReady::DependencyUpdates"]

    public static func recognizes(_ document: Node) -> Bool {
        guard document["version"]?.scalar?.description == "2", let updates = document["updates"]?.items, !updates.isEmpty else { return false }
        return updates.allSatisfy { $0["package-ecosystem"] != nil }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        (document["updates"]?.items ?? []).map { entry in
            let ecosystem = entry["package-ecosystem"]?.string ?? ""
            let directory = entry["directory"]?.string ?? (entry["directories"]?.items?.compactMap(\.string).joined(separator: ",") ?? "/")
            var fields: [(String, Node)] = [("Tool", NodeRewriting.string("dependabot", at: entry.location)), ("Ecosystem", entry["package-ecosystem"]!),
                                            ("Directory", NodeRewriting.string(directory, at: entry.location))]
            if let interval = entry["schedule"]?["interval"] { fields.append(("Interval", interval)) }
            return Resource(type: "OpsReady::DependencyUpdates", id: "\(ecosystem) \(directory)", physicalId: nil, properties: NodeBuilder.mapping(fields, at: entry.location),
                            location: entry.location, propertiesLocation: entry.location, lastLine: CloudFormationAdapter.lastLine(entry))
        }
    }
}
