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
            var kinds = Pipeline.Kinds()
            if let uses = job.value["uses"]?.string { kinds.add(PipelineStepKinds.kinds(ofAction: uses), at: job.value["uses"]!.location) }
            for step in job.value["steps"]?.items ?? [] {
                if let run = step["run"]?.string { kinds.add(PipelineStepKinds.kinds(ofScript: run), at: step["run"]!.location) }
                if let uses = step["uses"]?.string { kinds.add(PipelineStepKinds.kinds(ofAction: uses), at: step["uses"]!.location) }
            }
            let needs = job.value["needs"].map { $0.items ?? [$0] } ?? []
            return Pipeline.job(id: job.key.keyText ?? "", at: job.key.location, needs: needs, environment: Pipeline.environment(of: job.value),
                                kinds: kinds.nodes)
        }
        return [Pipeline.resource(platform: "github-actions", name: name, document: document, triggers: triggers, branches: branches, jobs: jobNodes)]
    }
}
