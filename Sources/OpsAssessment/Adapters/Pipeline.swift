import OpsDocument

/// The shape every pipeline adapter gives (GitHub Actions, GitLab CI/CD, CodeBuild): `OpsReady::Pipeline` with
/// `Platform`, `Name`, `Triggers`, `PushBranches` and `Jobs` (`Id`, `Needs`, `Environment`, `Kinds`).
enum Pipeline {
    static let type = "OpsReady::Pipeline"

    /// A job's kinds in the order the table lists them, each once, located at the first step that gave it.
    struct Kinds {
        private(set) var nodes: [Node] = []
        private var seen: Set<PipelineStepKinds.Kind> = []

        mutating func add(_ found: Set<PipelineStepKinds.Kind>, at location: SourceLocation) {
            for kind in PipelineStepKinds.Kind.allCases where found.contains(kind) && !seen.contains(kind) {
                seen.insert(kind)
                nodes.append(NodeRewriting.string(kind.rawValue, at: location))
            }
        }
    }

    /// The environment a job deploys to: `environment: NAME` or `environment: {name: NAME}` (both platforms' forms).
    static func environment(of job: Node) -> Node? {
        job["environment"].flatMap { $0.string != nil ? $0 : $0["name"] }
    }

    static func job(id: String, at location: SourceLocation, needs: [Node], environment: Node?, kinds: [Node]) -> Node {
        var fields: [(String, Node)] = [("Id", NodeRewriting.string(id, at: location)), ("Needs", Node(.sequence(needs), location: location)),
                                        ("Kinds", Node(.sequence(kinds), location: location))]
        if let environment { fields.append(("Environment", environment)) }
        return NodeBuilder.mapping(fields, at: location)
    }

    static func resource(platform: String, name: String, document: Node, triggers: [Node], branches: [Node], jobs: [Node]) -> Resource {
        let at = document.location
        let properties = NodeBuilder.mapping([
            ("Platform", NodeRewriting.string(platform, at: at)), ("Name", NodeRewriting.string(name, at: at)),
            ("Triggers", Node(.sequence(triggers), location: at)), ("PushBranches", Node(.sequence(branches), location: at)),
            ("Jobs", Node(.sequence(jobs), location: at)),
        ], at: at)
        return Resource(type: type, id: name, physicalId: nil, properties: properties, location: at, propertiesLocation: at,
                        lastLine: CloudFormationAdapter.lastLine(document))
    }
}
