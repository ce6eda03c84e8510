import OpsDocument

/// Where a document came from, for adapters that need more than the document: the file (to locate text parsed out of
/// a string) and the parameter values a parent stack passes a nested template.
public struct InputSource: Sendable {
    public var file: String
    public var parameterOverrides: [String: Node]
    /// Work out what each resource depends on (`Resource.dependencies`): only gating a change reads it.
    public var tracksDependencies: Bool

    public init(file: String = "", parameterOverrides: [String: Node] = [:], tracksDependencies: Bool = true) {
        self.file = file
        self.parameterOverrides = parameterOverrides
        self.tracksDependencies = tracksDependencies
    }
}

/// Reads one kind of input document into resources. A new input kind is a type conforming to this, added to
/// `InputAdapters.all`; the loader asks each in that order, and "not a recognised input" lists them.
public protocol InputAdapter: Sendable {
    /// What it reads, as the "not a recognised input" message names it: "a CloudFormation template".
    static var inputName: String { get }
    /// The resource types it can produce; nil for any CloudFormation resource type (a template declares whichever it
    /// uses). A check whose types no adapter produces could never run: `make test` refuses it.
    static var producedTypes: Set<String>? { get }
    /// Whether the document is this kind of input (cheap: the loader asks every adapter in turn).
    static func recognizes(_ document: Node) -> Bool
    static func resources(in document: Node, source: InputSource) throws(DocumentError) -> [Resource]
}

/// Every input adapter. A document is read by the one adapter that recognises it; one that several recognise is an
/// error naming them, never a silent guess.
public enum InputAdapters {
    public static let all: [any InputAdapter.Type] = [
        CloudFormationAdapter.self, TerraformPlanAdapter.self, AWSConfigAdapter.self, PrometheusRulesAdapter.self,
        AlertmanagerAdapter.self, AlertRulesAdapter.self, AWSCLIAdapter.self, S3BucketOutputAdapter.self,
        GitHubActionsAdapter.self, GitLabCIAdapter.self, BuildspecAdapter.self, DependabotAdapter.self, RenovateAdapter.self, RepositoryAdapter.self,
        AIModelRegistryAdapter.self,
    ]

    /// The adapter that reads `document`, if any; a document more than one recognises is an error at its start.
    public static func adapter(for document: Node) throws(DocumentError) -> (any InputAdapter.Type)? {
        let candidates = all.filter { $0.recognizes(document) }
        guard candidates.count <= 1 else {
            let names = candidates.map { $0.inputName }
            throw DocumentError(at: document.location, "ambiguous input: it has the shape of \(names.dropLast().joined(separator: ", ")) and \(names.last!); "
                                + "split it, or give each part its own file")
        }
        return candidates.first
    }

    /// Types no input adapter produces but the loader derives from them (alert facts).
    public static let derivedTypes: Set<String> = [AlertFacts.type, AlertFacts.jobType]

    /// "expected a CloudFormation template, …, or AWS CLI output".
    public static var expected: String {
        let names = all.map { $0.inputName }
        return "expected " + (names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined())
    }
}
