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
    public var properties: Node?
    /// Where the resource is declared (its logical id in a template).
    public let location: SourceLocation
    /// Where its `Properties` key is, for findings about a property that is missing.
    public let propertiesLocation: SourceLocation?
    /// The last line the resource's declaration spans, for matching it against changed lines.
    public let lastLine: Int
    /// A check suppressed inline (`Metadata: opsready: skip:`): why, and where the id is written.
    public struct Suppression: Sendable {
        public let reason: String
        public let location: SourceLocation
    }

    /// Check ids suppressed inline, with their reasons.
    public let suppressions: [String: Suppression]
    /// The stack whose logical ids this resource's references name (the template or plan file it was declared in);
    /// nil for a live account's resources, which refer to each other by name across files.
    public let stack: String?
    /// What else the resource's deployed form depends on — the parameters, mappings, conditions, globals and other
    /// resources it references, transitively, and a nested stack's file — so that a change there touches it.
    public var dependencies: [SourceSpan] = []
    /// Whether the input itself says the resource changes (a Terraform plan's actions); nil when it does not say.
    public var planChanged: Bool?
    /// Part of a resource other files describe too (one S3 bucket's `get-bucket-*` outputs): the loader merges the
    /// parts with the same type and name into one resource.
    public var isPart = false

    public init(type: String, id: String, physicalId: String? = nil, properties: Node?, location: SourceLocation,
                propertiesLocation: SourceLocation? = nil, lastLine: Int? = nil, suppressions: [String: Suppression] = [:], stack: String? = nil) {
        self.stack = stack
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

/// Lines of a file something depends on; nil lines mean the whole file.
public struct SourceSpan: Sendable, Hashable {
    public let file: String
    public let lines: ClosedRange<Int>?

    public init(file: String, lines: ClosedRange<Int>?) {
        self.file = file
        self.lines = lines
    }
}
