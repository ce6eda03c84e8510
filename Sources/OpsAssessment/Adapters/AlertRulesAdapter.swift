import Foundation
import OpsCore
import OpsDocument

/// The operator manual's own rule format (seed 001 "알림 규칙 설정"): `alert_rules[]` with `name`, `condition`
/// (`avg_response_time > 3000ms`), `duration`, `severity` and `actions` (`email`, `slack`, `sms`, `call`).
public enum AlertRulesAdapter: InputAdapter {
    public static let inputName = "alert_rules (the operator manual's format)"
    public static let producedTypes: Set<String>? = ["OpsReady::AlertRule"]

    public static func recognizes(_ document: Node) -> Bool {
        document["alert_rules"]?.items?.first?["condition"] != nil
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        (document["alert_rules"]?.items ?? []).enumerated().map { index, rule in
            let name = rule["name"]?.string ?? "alert_rules[\(index)]"
            return Resource(type: "OpsReady::AlertRule", id: name, physicalId: name, properties: rule, location: rule.location,
                            propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule))
        }
    }
}
