import OpsCore
import OpsDocument

/// One cloud resource in the canonical model: a CloudFormation type (`AWS::RDS::DBCluster`) with
/// CloudFormation-named properties, wherever it was read from.
public struct Resource: Sendable {
    /// A check in a check file is evaluated against every resource of its types: the fields live in one shared box,
    /// copied only when a copy is changed, so that handing a resource on costs one reference count.
    private struct Fields: Sendable {
        let type: String
        let id: String
        let physicalId: String?
        var properties: Node?
        let location: SourceLocation
        let propertiesLocation: SourceLocation?
        let lastLine: Int
        let suppressions: [String: Suppression]
        let stack: String?
        var dependencies: [SourceSpan] = []
        var planChanged: Bool?
        var isPart = false
    }

    private var storage: CopyOnWrite<Fields>

    public var type: String { storage.fields.type }
    /// The logical id in a template, or the name/identifier in a live snapshot.
    public var id: String { storage.fields.id }
    public var physicalId: String? { storage.fields.physicalId }
    /// The `Properties` mapping; nil when the resource declares none.
    public var properties: Node? {
        get { storage.fields.properties }
        set { storage.fields.properties = newValue }
    }
    /// Where the resource is declared (its logical id in a template).
    public var location: SourceLocation { storage.fields.location }
    /// Where its `Properties` key is, for findings about a property that is missing.
    public var propertiesLocation: SourceLocation? { storage.fields.propertiesLocation }
    /// The last line the resource's declaration spans, for matching it against changed lines.
    public var lastLine: Int { storage.fields.lastLine }
    /// A check suppressed inline (`Metadata: opsready: skip:`): why, and where the id is written.
    public struct Suppression: Sendable {
        public let reason: String
        public let location: SourceLocation
    }

    /// Check ids suppressed inline, with their reasons.
    public var suppressions: [String: Suppression] { storage.fields.suppressions }
    /// The stack whose logical ids this resource's references name (the template or plan file it was declared in);
    /// nil for a live account's resources, which refer to each other by name across files.
    public var stack: String? { storage.fields.stack }
    /// What else the resource's deployed form depends on — the parameters, mappings, conditions, globals and other
    /// resources it references, transitively, and a nested stack's file — so that a change there touches it.
    public var dependencies: [SourceSpan] {
        get { storage.fields.dependencies }
        set { storage.fields.dependencies = newValue }
    }
    /// Whether the input itself says the resource changes (a Terraform plan's actions); nil when it does not say.
    public var planChanged: Bool? {
        get { storage.fields.planChanged }
        set { storage.fields.planChanged = newValue }
    }
    /// Part of a resource other files describe too (one S3 bucket's `get-bucket-*` outputs): the loader merges the
    /// parts with the same type and name into one resource.
    public var isPart: Bool {
        get { storage.fields.isPart }
        set { storage.fields.isPart = newValue }
    }

    public init(type: String, id: String, physicalId: String? = nil, properties: Node?, location: SourceLocation,
                propertiesLocation: SourceLocation? = nil, lastLine: Int? = nil, suppressions: [String: Suppression] = [:], stack: String? = nil) {
        storage = CopyOnWrite(Fields(type: type, id: id, physicalId: physicalId, properties: properties, location: location,
                                 propertiesLocation: propertiesLocation, lastLine: max(lastLine ?? location.line, location.line),
                                 suppressions: suppressions, stack: stack))
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
