import Foundation
import OpsDocument

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
            var kinds = Pipeline.Kinds()
            for command in phase.value["commands"]?.items ?? [] { kinds.add(PipelineStepKinds.kinds(ofScript: command.string ?? ""), at: command.location) }
            return Pipeline.job(id: phase.key.keyText ?? "", at: phase.key.location, needs: [], environment: nil, kinds: kinds.nodes)
        }
        return [Pipeline.resource(platform: "codebuild", name: ((file as NSString).lastPathComponent as NSString).deletingPathExtension, document: document,
                                  triggers: [], branches: [], jobs: jobs)]
    }
}
