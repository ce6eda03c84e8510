import OpsCore
import OpsDocument

/// Reads AWS Config configuration items wherever Config writes them: a snapshot or `get-resource-config-history`
/// output (`configurationItems`, whose `configuration` may be a JSON string), `select-resource-config` (`Results`,
/// each a JSON string), a JSON array of items (as the RDK and exports write), a single item, an item wrapped as
/// `configurationItem`, a change notification delivered through SNS (`Type: Notification` with the item in
/// `Message`, a JSON string), or a Config rule's event (`invokingEvent`, a JSON string). Items carry their
/// CloudFormation type; their `configuration` is PascalCased and renamed where Config differs.
public enum AWSConfigAdapter: InputAdapter {
    public static let inputName = "AWS Config items"
    public static let producedTypes: Set<String>? = nil

    static let mappings: [String: ResourceMapping] = [
        "AWS::RDS::DBCluster": ResourceMapping("AWS::RDS::DBCluster", name: ["DBClusterIdentifier"], [
            .rename("EnabledCloudwatchLogsExports", "EnableCloudwatchLogsExports"),
        ]),
        "AWS::RDS::DBInstance": ResourceMapping("AWS::RDS::DBInstance", name: ["DBInstanceIdentifier"], [
            .rename("PerformanceInsightsEnabled", "EnablePerformanceInsights"),
        ]),
        "AWS::CloudWatch::Alarm": ResourceMapping("AWS::CloudWatch::Alarm", name: ["AlarmName"], [.rename("OkActions", "OKActions")]),
        "AWS::ECS::Cluster": ResourceMapping("AWS::ECS::Cluster", name: ["ClusterName"], [.rename("Settings", "ClusterSettings")]),
        "AWS::ElastiCache::ReplicationGroup": ResourceMapping("AWS::ElastiCache::ReplicationGroup", name: ["ReplicationGroupId"], [
            .enabledFlag("AutomaticFailover"), .rename("AutomaticFailover", "AutomaticFailoverEnabled"),
            .enabledFlag("MultiAZ"), .rename("MultiAZ", "MultiAZEnabled"), .rename("Description", "ReplicationGroupDescription"),
        ]),
        "AWS::CloudTrail::Trail": ResourceMapping("AWS::CloudTrail::Trail", name: ["TrailName", "Name"], [
            .rename("LogFileValidationEnabled", "EnableLogFileValidation"), .rename("Name", "TrailName"),
        ]),
        "AWS::EC2::SecurityGroup": ResourceMapping("AWS::EC2::SecurityGroup", name: ["GroupId", "GroupName"], [
            .flattenIngress(from: "IpPermissions"), .rename("Description", "GroupDescription"),
        ]),
        "AWS::CloudFront::Distribution": ResourceMapping("AWS::CloudFront::Distribution", name: ["Id"], [
            .unwrapQuantityItems, .renameDeep("ACMCertificateArn", "AcmCertificateArn"), .renameDeep("SSLSupportMethod", "SslSupportMethod"),
            .dropDisabled("Logging"),
        ]),
    ]

    public static func recognizes(_ document: Node) -> Bool {
        if let items = document.items {
            guard let first = items.first else { return false }
            return isItem(first) || (first.string.map { $0.contains("\"resourceType\"") && $0.contains("\"configuration") } ?? false)
        }
        return document["configurationItems"] != nil || document["Results"]?.items?.first?.string != nil || isItem(document)
            || document["configurationItem"].map(isItem) == true
            || (document["Type"]?.string == "Notification" && (document["Message"]?.string?.contains("configurationItem") ?? false))
            || (document["invokingEvent"]?.string?.contains("configurationItem") ?? false)
    }

    static func isItem(_ node: Node) -> Bool { node["resourceType"] != nil && node["configuration"] != nil }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        var result: [Resource] = []
        for item in try items(in: document, file: source.file) {
            guard let type = item["resourceType"]?.string, var configuration = item["configuration"] else { continue }
            // `get-resource-config-history` gives the configuration as a JSON string.
            if let text = configuration.string, let parsed = try parseEmbedded(text, at: configuration.location).first {
                configuration = NodeRewriting.relocate(parsed, to: configuration.location)
            }
            guard configuration.entries != nil else { continue }
            let mapping = mappings[type] ?? ResourceMapping(type, name: [])
            let id = item["resourceName"]?.string ?? item["resourceId"]?.string ?? type
            let resource = mapping.resource(from: configuration, fallbackId: id, location: item.location)
            result.append(Resource(type: type, id: id, physicalId: resource.physicalId ?? id, properties: resource.properties, location: item.location,
                                   propertiesLocation: configuration.location, lastLine: resource.lastLine))
        }
        return result
    }

    /// JSON written inside a string; an error in it is reported at the string, where the user can find it (the
    /// parser's own line and column count inside the string).
    static func parseEmbedded(_ text: String, at location: SourceLocation) throws(DocumentError) -> [Node] {
        do { return try DocumentLoader.parse(text, file: location.file, syntax: .json) } catch {
            let place = [error.line.map { "line \($0)" }, error.column.map { "column \($0)" }].compactMap { $0 }.joined(separator: " ")
            throw DocumentError(at: location, "the JSON in this string" + (place.isEmpty ? "" : ", " + place) + ": " + error.message)
        }
    }

    /// The configuration items a document holds, in any of the shapes above. Text inside a string is parsed, and
    /// what it holds points at that string's line.
    static func items(in node: Node, file: String) throws(DocumentError) -> [Node] {
        func inner(_ string: Node) throws(DocumentError) -> [Node] {
            guard let text = string.string else { return [] }
            var found: [Node] = []
            for parsed in try parseEmbedded(text, at: string.location) {
                found += try items(in: NodeRewriting.relocate(parsed, to: string.location), file: file)
            }
            return found
        }
        if let list = node.items {
            var found: [Node] = []
            for element in list { found += element.string != nil ? try inner(element) : try items(in: element, file: file) }
            return found
        }
        if isItem(node) { return [node] }
        if let list = node["configurationItems"] { return try items(in: list, file: file) }
        if let results = node["Results"] { return try items(in: results, file: file) }
        if let wrapped = node["configurationItem"] { return try items(in: wrapped, file: file) }
        if node["Type"]?.string == "Notification", let message = node["Message"] {
            return message.string != nil ? try inner(message) : try items(in: message, file: file)
        }
        if let event = node["invokingEvent"] { return event.string != nil ? try inner(event) : try items(in: event, file: file) }
        return []
    }
}
