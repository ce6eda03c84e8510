import OpsCore
import OpsDocument

/// Reads AWS Config configuration items: a snapshot or history file (`configurationItems`), the output of
/// `select-resource-config` (`Results`, each a JSON string), or a single item. Items carry their
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
        document["configurationItems"] != nil || document["Results"]?.items?.first?.string != nil
            || (document["resourceType"] != nil && document["configuration"] != nil)
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        var items: [Node] = document["configurationItems"]?.items ?? []
        if document["resourceType"] != nil { items = [document] }
        for result in document["Results"]?.items ?? [] {
            // Each result is a JSON document inside a string; its findings point at that string's line.
            guard let text = result.string else { continue }
            let parsed = try DocumentLoader.parse(text, file: source.file, syntax: .json)
            items += parsed.map { relocate($0, to: result.location) }
        }
        return items.compactMap { item in
            guard let type = item["resourceType"]?.string, let configuration = item["configuration"], configuration.entries != nil else { return nil }
            let mapping = mappings[type] ?? ResourceMapping(type, name: [])
            let id = item["resourceName"]?.string ?? item["resourceId"]?.string ?? type
            let resource = mapping.resource(from: configuration, fallbackId: id, location: item.location)
            return Resource(type: type, id: id, physicalId: resource.physicalId ?? id, properties: resource.properties, location: item.location,
                            propertiesLocation: configuration.location, lastLine: resource.lastLine)
        }
    }

    /// A node tree parsed from a string, placed at the string's own location.
    private static func relocate(_ node: Node, to location: SourceLocation) -> Node {
        switch node.content {
        case .scalar: return Node(node.content, location: location)
        case .sequence(let items): return Node(.sequence(items.map { relocate($0, to: location) }), location: location)
        case .mapping(let entries):
            return Node(.mapping(entries.map { Node.Entry(key: relocate($0.key, to: location), value: relocate($0.value, to: location)) }), location: location)
        }
    }
}
