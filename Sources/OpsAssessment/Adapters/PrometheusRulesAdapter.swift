import Foundation
import OpsCore
import OpsDocument

/// Prometheus alerting rule files: `groups[].rules[]` with `alert`, `expr`, `for`, `labels`, `annotations`.
/// Each alerting rule becomes a `Prometheus::AlertRule` resource (recording rules are skipped).
public enum PrometheusRulesAdapter: InputAdapter {
    public static let inputName = "Prometheus rules"
    public static let producedTypes: Set<String>? = ["Prometheus::AlertRule"]

    public static func recognizes(_ document: Node) -> Bool {
        guard let groups = document["groups"]?.items, !groups.isEmpty else { return false }
        return groups.allSatisfy { $0["rules"]?.items != nil }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        var result: [Resource] = []
        for group in document["groups"]?.items ?? [] {
            for rule in group["rules"]?.items ?? [] {
                guard let name = rule["alert"]?.string else { continue }
                result.append(Resource(type: "Prometheus::AlertRule", id: name, physicalId: name, properties: rule, location: rule.location,
                                       propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule)))
            }
        }
        return result
    }
}
