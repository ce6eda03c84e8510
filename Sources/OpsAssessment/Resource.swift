import OpsCore
import OpsDocument

/// One cloud resource in the canonical model: a CloudFormation type (`AWS::RDS::DBCluster`) with
/// CloudFormation-named properties, wherever it was read from.
public struct Resource: Sendable {
    public let type: String
    /// The logical id in a template, or the name/identifier in a live snapshot.
    public let id: String
    public let physicalId: String?
    /// The `Properties` mapping; nil when the resource declares none.
    public let properties: Node?
    /// Where the resource is declared (its logical id in a template).
    public let location: SourceLocation
    /// Where its `Properties` key is, for findings about a property that is missing.
    public let propertiesLocation: SourceLocation?
    /// The last line the resource's declaration spans, for matching it against changed lines.
    public let lastLine: Int
    /// Check ids suppressed inline (`Metadata: opsready: skip:`), with their reasons.
    public let suppressions: [String: String]

    public init(type: String, id: String, physicalId: String? = nil, properties: Node?, location: SourceLocation,
                propertiesLocation: SourceLocation? = nil, lastLine: Int? = nil, suppressions: [String: String] = [:]) {
        self.propertiesLocation = propertiesLocation
        self.lastLine = max(lastLine ?? location.line, location.line)
        self.type = type
        self.id = id
        self.physicalId = physicalId
        self.properties = properties
        self.location = location
        self.suppressions = suppressions
    }
}
