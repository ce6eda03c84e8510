import Foundation
import OpsDocument

/// A GitHub Actions workflow (`.github/workflows/*.yml`) as one `OpsReady::Pipeline`: its triggers, the branches a
/// push runs on, and each job with what it needs, the environment it deploys to and what its steps do
/// (`PipelineStepKinds`: test, lint, scan, readiness, deploy), each located at its own line.
public enum GitHubActionsAdapter: InputAdapter {
    public static let inputName = "a GitHub Actions workflow"
    public static let producedTypes: Set<String>? = [Pipeline.type]

    /// `on:` reads as the boolean true in YAML 1.1; a quoted "on" is a string.
    static func triggerEntry(_ document: Node) -> Node.Entry? {
        document.entries?.first { entry in entry.key.string == "on" || entry.key.scalar == .bool(true) }
    }

    public static func recognizes(_ document: Node) -> Bool {
        guard triggerEntry(document) != nil, let jobs = document["jobs"]?.entries, !jobs.isEmpty else { return false }
        return jobs.allSatisfy { $0.value["runs-on"] != nil || $0.value["steps"] != nil || $0.value["uses"] != nil }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        guard let trigger = triggerEntry(document), let jobs = document["jobs"]?.entries else { return [] }
        var triggers: [Node] = []
        var branches: [Node] = []
        switch trigger.value.content {
        case .scalar: triggers = [trigger.value]
        case .sequence(let items): triggers = items
        case .mapping(let entries):
            triggers = entries.map { NodeRewriting.string($0.key.keyText ?? "", at: $0.key.location) }
            branches = trigger.value["push"]?["branches"]?.items ?? []
        }
        let file = source.file.isEmpty ? document.location.file : source.file
        let name = document["name"]?.string ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let jobNodes = jobs.map { job -> Node in
            var kinds: [Node] = []
            var seen: Set<PipelineStepKinds.Kind> = []
            func add(_ found: Set<PipelineStepKinds.Kind>, at location: SourceLocation) {
                for kind in PipelineStepKinds.Kind.allCases where found.contains(kind) && !seen.contains(kind) {
                    seen.insert(kind)
                    kinds.append(NodeRewriting.string(kind.rawValue, at: location))
                }
            }
            if let uses = job.value["uses"]?.string { add(PipelineStepKinds.kinds(ofAction: uses), at: job.value["uses"]!.location) }
            for step in job.value["steps"]?.items ?? [] {
                if let run = step["run"]?.string { add(PipelineStepKinds.kinds(ofScript: run), at: step["run"]!.location) }
                if let uses = step["uses"]?.string { add(PipelineStepKinds.kinds(ofAction: uses), at: step["uses"]!.location) }
            }
            let environment = job.value["environment"].flatMap { $0.string != nil ? $0 : $0["name"] }
            let needs = job.value["needs"].map { $0.items ?? [$0] } ?? []
            return Pipeline.job(id: job.key.keyText ?? "", at: job.key.location, needs: needs, environment: environment, kinds: kinds)
        }
        return [Pipeline.resource(platform: "github-actions", name: name, document: document, triggers: triggers, branches: branches, jobs: jobNodes)]
    }
}

/// An AWS CodeBuild buildspec (`version: 0.2`, `phases:`) as one `OpsReady::Pipeline` with one job per phase; what
/// triggers it (CodePipeline, a webhook) is not in the file.
public enum BuildspecAdapter: InputAdapter {
    public static let inputName = "an AWS CodeBuild buildspec"
    public static let producedTypes: Set<String>? = [Pipeline.type]

    public static func recognizes(_ document: Node) -> Bool {
        guard let version = document["version"]?.scalar?.description, version.hasPrefix("0."), let phases = document["phases"]?.entries else { return false }
        return !phases.isEmpty && phases.allSatisfy { $0.value["commands"] != nil }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        let file = source.file.isEmpty ? document.location.file : source.file
        let jobs = (document["phases"]?.entries ?? []).map { phase -> Node in
            var kinds: [Node] = []
            var seen: Set<PipelineStepKinds.Kind> = []
            for command in phase.value["commands"]?.items ?? [] {
                for kind in PipelineStepKinds.Kind.allCases where PipelineStepKinds.kinds(ofScript: command.string ?? "").contains(kind) && !seen.contains(kind) {
                    seen.insert(kind)
                    kinds.append(NodeRewriting.string(kind.rawValue, at: command.location))
                }
            }
            return Pipeline.job(id: phase.key.keyText ?? "", at: phase.key.location, needs: [], environment: nil, kinds: kinds)
        }
        return [Pipeline.resource(platform: "codebuild", name: ((file as NSString).lastPathComponent as NSString).deletingPathExtension, document: document,
                                  triggers: [], branches: [], jobs: jobs)]
    }
}

/// The shape both pipeline adapters give: `OpsReady::Pipeline` with `Platform`, `Name`, `Triggers`, `PushBranches` and
/// `Jobs` (`Id`, `Needs`, `Environment`, `Kinds`).
enum Pipeline {
    static let type = "OpsReady::Pipeline"

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
