import Foundation
import OpsDocument

/// A GitLab CI/CD configuration (`.gitlab-ci.yml`) as one `OpsReady::Pipeline`: each job (a top-level key whose value
/// has a `script`) with what its commands do, its environment, and what it waits for — its `needs`, or else every job
/// of the stages before its own (GitLab's default order). A pipeline runs on push; it runs for merge requests when a
/// rule names `merge_request_event` or an `only:` lists `merge_requests`.
public enum GitLabCIAdapter: InputAdapter {
    public static let inputName = "a GitLab CI/CD configuration"
    public static let producedTypes: Set<String>? = [Pipeline.type]

    /// Top-level keys that configure the pipeline rather than name a job.
    static let keywords: Set<String> = ["stages", "variables", "default", "include", "workflow", "image", "services", "cache", "before_script",
                                        "after_script", "spec", "pages"]

    static func jobs(_ document: Node) -> [Node.Entry] {
        (document.entries ?? []).filter { entry in
            guard let key = entry.key.string, !key.hasPrefix("."), !keywords.contains(key) else { return false }
            return entry.value["script"] != nil || entry.value["trigger"] != nil
        }
    }

    public static func recognizes(_ document: Node) -> Bool {
        guard let entries = document.entries, !jobs(document).isEmpty, document["jobs"] == nil, document["Resources"] == nil else { return false }
        // Every other top-level key is a keyword or a hidden template (`.base:`), as in a GitLab file and nothing else.
        return entries.allSatisfy { entry in
            guard let key = entry.key.string else { return false }
            return key.hasPrefix(".") || keywords.contains(key) || entry.value["script"] != nil || entry.value["trigger"] != nil
                || entry.value["extends"] != nil
        }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        let jobs = jobs(document)
        let stages = document["stages"]?.items?.compactMap(\.string) ?? ["build", "test", "deploy"]
        func stage(_ job: Node) -> Int { stages.firstIndex(of: job["stage"]?.string ?? "test") ?? 0 }
        var triggers = [NodeRewriting.string("push", at: document.location)]
        if let rule = mergeRequestRule(document, jobs: jobs) { triggers.append(NodeRewriting.string("merge_request_event", at: rule.location)) }
        let jobNodes = jobs.map { job -> Node in
            var kinds = Pipeline.Kinds()
            let scripts = ["before_script", "script", "after_script"].flatMap { key -> [Node] in
                guard let value = job.value[key] else { return [] }
                return value.items ?? [value]
            }
            for line in scripts { kinds.add(PipelineStepKinds.kinds(ofScript: line.string ?? ""), at: line.location) }
            let needs: [Node]
            if let explicit = job.value["needs"] {
                needs = (explicit.items ?? [explicit]).map { $0.string != nil ? $0 : ($0["job"] ?? $0) }
            } else {
                needs = jobs.filter { stage($0.value) < stage(job.value) }.map { NodeRewriting.string($0.key.string ?? "", at: job.key.location) }
            }
            return Pipeline.job(id: job.key.string ?? "", at: job.key.location, needs: needs, environment: Pipeline.environment(of: job.value),
                                kinds: kinds.nodes)
        }
        let file = source.file.isEmpty ? document.location.file : source.file
        return [Pipeline.resource(platform: "gitlab-ci", name: (file as NSString).lastPathComponent, document: document, triggers: triggers, branches: [],
                                  jobs: jobNodes)]
    }

    /// The rule or `only:` entry that makes the pipeline run for merge requests: an `if:` of `workflow:rules` or of a
    /// job's `rules` comparing `$CI_PIPELINE_SOURCE` with `merge_request_event`, or `merge_requests` in a job's `only`.
    static func mergeRequestRule(_ document: Node, jobs: [Node.Entry]) -> Node? {
        let rules = (document["workflow"]?["rules"]?.items ?? []) + jobs.flatMap { $0.value["rules"]?.items ?? [] }
        if let rule = rules.first(where: { rule in
            guard let condition = rule["if"]?.string else { return false }
            return condition.contains("$CI_PIPELINE_SOURCE") && condition.contains("merge_request_event")
        }) { return rule["if"] }
        for job in jobs {
            let only = job.value["only"].flatMap { $0.items ?? $0["refs"]?.items } ?? []
            if let entry = only.first(where: { $0.string == "merge_requests" }) { return entry }
        }
        return nil
    }
}
