import Foundation
import OpsCore
import OpsDocument

/// Prometheus alerting rule files: `groups[].rules[]` with `alert`, `expr`, `for`, `labels`, `annotations` — as a
/// rule file, or as the Prometheus Operator's `PrometheusRule` resource (`apiVersion: monitoring.coreos.com/v1`,
/// `kind: PrometheusRule`, the groups under `spec`), the form most Kubernetes teams keep their rules in. Each
/// alerting rule becomes a `Prometheus::AlertRule` resource, each recording rule a `Prometheus::RecordingRule`.
public enum PrometheusRulesAdapter: InputAdapter {
    public static let inputName = "Prometheus rules"
    public static let producedTypes: Set<String>? = ["Prometheus::AlertRule", "Prometheus::RecordingRule"]

    public static func recognizes(_ document: Node) -> Bool {
        guard let groups = groups(of: document)?.items, !groups.isEmpty else { return false }
        return groups.allSatisfy { $0["rules"]?.items != nil }
    }

    /// `groups`, or a `PrometheusRule`'s `spec.groups`.
    public static func groups(of document: Node) -> Node? {
        if document["kind"]?.string == "PrometheusRule", document["apiVersion"]?.string?.hasPrefix("monitoring.coreos.com/") == true {
            return document["spec"]?["groups"]
        }
        return document["groups"]
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        var result: [Resource] = []
        for group in groups(of: document)?.items ?? [] {
            for rule in group["rules"]?.items ?? [] {
                if let record = rule["record"]?.string {
                    // Alerts on a recorded series are read through the recording rule's own expression.
                    result.append(Resource(type: "Prometheus::RecordingRule", id: record, physicalId: record, properties: rule, location: rule.location,
                                           propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule)))
                    continue
                }
                guard let name = rule["alert"]?.string else { continue }
                result.append(Resource(type: "Prometheus::AlertRule", id: name, physicalId: name, properties: rule, location: rule.location,
                                       propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule)))
            }
        }
        return result
    }
}
