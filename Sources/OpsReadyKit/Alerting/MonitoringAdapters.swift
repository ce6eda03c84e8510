import Foundation
import OpsDocument

/// Prometheus alerting rule files: `groups[].rules[]` with `alert`, `expr`, `for`, `labels`, `annotations`.
/// Each alerting rule becomes a `Prometheus::AlertRule` resource (recording rules are skipped).
public enum PrometheusRulesAdapter {
    public static func recognizes(_ document: Node) -> Bool {
        guard let groups = document["groups"]?.items, !groups.isEmpty else { return false }
        return groups.allSatisfy { $0["rules"]?.items != nil }
    }

    public static func resources(in document: Node) -> [Resource] {
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

/// Alertmanager configuration: each node of the `route` tree becomes an `Alertmanager::Route` (with its
/// `Path`, and the timings it inherits), each receiver an `Alertmanager::Receiver` with its `Channels`.
public enum AlertmanagerAdapter {
    public static func recognizes(_ document: Node) -> Bool {
        document["route"]?.entries != nil && document["receivers"]?.items != nil
    }

    /// Config keys of a receiver and the channel each means.
    static let channelKeys: [String: String] = [
        "email_configs": "email", "slack_configs": "slack", "webhook_configs": "webhook", "pagerduty_configs": "pagerduty",
        "sns_configs": "sns", "opsgenie_configs": "opsgenie", "victorops_configs": "victorops", "telegram_configs": "telegram",
        "msteams_configs": "msteams", "pushover_configs": "pushover", "wechat_configs": "wechat", "discord_configs": "discord",
    ]

    /// Receivers whose notifications are resolved by default when `send_resolved` is not written.
    static let resolvedByDefault: Set<String> = ["webhook", "pagerduty", "opsgenie", "victorops", "sns", "msteams", "discord"]

    public static func resources(in document: Node) throws(DocumentError) -> [Resource] {
        var result: [Resource] = []
        for receiver in document["receivers"]?.items ?? [] {
            guard let name = receiver["name"]?.string else { continue }
            var channels: [Node] = []
            var resolves = true
            for entry in receiver.entries ?? [] {
                guard let key = entry.key.string, let channel = channelKeys[key] else { continue }
                channels.append(NodeRewriting.string(channel, at: entry.key.location))
                for config in entry.value.items ?? [] {
                    let explicit: Bool? = { if case .scalar(.bool(let b))? = config["send_resolved"]?.content { return b }; return nil }()
                    if !(explicit ?? resolvedByDefault.contains(channel)) { resolves = false }
                }
            }
            if channels.isEmpty { resolves = false }
            let properties = NodeBuilder.mapping([
                ("Name", NodeRewriting.string(name, at: receiver["name"]!.location)),
                ("Channels", Node(.sequence(channels), location: receiver.location)),
                ("SendResolved", Node(.scalar(.bool(resolves)), location: receiver.location)),
            ], at: receiver.location)
            result.append(Resource(type: "Alertmanager::Receiver", id: name, physicalId: name, properties: properties, location: receiver.location,
                                   propertiesLocation: receiver.location, lastLine: CloudFormationAdapter.lastLine(receiver)))
        }
        if let route = document["route"] { try collect(route, path: "route", inherited: Timings(), into: &result) }
        return result
    }

    /// Alertmanager's defaults, inherited down the route tree.
    struct Timings {
        var groupWait = 30, groupInterval = 300, repeatInterval = 14_400
        var receiver: String?
    }

    private static func collect(_ route: Node, path: String, inherited: Timings, into result: inout [Resource]) throws(DocumentError) {
        var timings = inherited
        if let v = try DurationText.seconds(route["group_wait"], key: "group_wait") { timings.groupWait = v }
        if let v = try DurationText.seconds(route["group_interval"], key: "group_interval") { timings.groupInterval = v }
        if let v = try DurationText.seconds(route["repeat_interval"], key: "repeat_interval") { timings.repeatInterval = v }
        if let r = route["receiver"]?.string { timings.receiver = r }
        var matchers: [Node] = []
        for (key, op) in [("match", "="), ("match_re", "=~")] {
            for entry in route[key]?.entries ?? [] {
                matchers.append(NodeRewriting.string("\(entry.key.keyText ?? "")\(op)\(entry.value.scalar?.description ?? "")", at: entry.key.location))
            }
        }
        for matcher in route["matchers"]?.items ?? [] {
            if let text = matcher.string { matchers.append(NodeRewriting.string(text.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: " ", with: ""), at: matcher.location)) }
        }
        let location = route.location
        var fields: [(String, Node)] = [
            ("Path", NodeRewriting.string(path, at: location)),
            ("Matchers", Node(.sequence(matchers), location: location)),
            ("GroupWait", NodeBuilder.int(timings.groupWait, at: route["group_wait"]?.location ?? location)),
            ("GroupInterval", NodeBuilder.int(timings.groupInterval, at: route["group_interval"]?.location ?? location)),
            ("RepeatInterval", NodeBuilder.int(timings.repeatInterval, at: route["repeat_interval"]?.location ?? location)),
        ]
        if let receiver = timings.receiver { fields.append(("Receiver", NodeRewriting.string(receiver, at: route["receiver"]?.location ?? location))) }
        if case .scalar(.bool(true))? = route["continue"]?.content { fields.append(("Continue", Node(.scalar(.bool(true)), location: location))) }
        result.append(Resource(type: "Alertmanager::Route", id: path, physicalId: nil, properties: NodeBuilder.mapping(fields, at: location),
                               location: location, propertiesLocation: location, lastLine: location.line))
        for (index, child) in (route["routes"]?.items ?? []).enumerated() {
            try collect(child, path: "\(path).routes[\(index)]", inherited: timings, into: &result)
        }
    }
}

/// The operator manual's own rule format (seed 001 "알림 규칙 설정"): `alert_rules[]` with `name`, `condition`
/// (`avg_response_time > 3000ms`), `duration`, `severity` and `actions` (`email`, `slack`, `sms`, `call`).
public enum AlertRulesAdapter {
    public static func recognizes(_ document: Node) -> Bool {
        document["alert_rules"]?.items?.first?["condition"] != nil
    }

    public static func resources(in document: Node) -> [Resource] {
        (document["alert_rules"]?.items ?? []).enumerated().map { index, rule in
            let name = rule["name"]?.string ?? "alert_rules[\(index)]"
            return Resource(type: "OpsReady::AlertRule", id: name, physicalId: name, properties: rule, location: rule.location,
                            propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule))
        }
    }
}

/// Small node constructors for derived resources.
enum NodeBuilder {
    static func mapping(_ fields: [(String, Node)], at location: SourceLocation) -> Node {
        Node(.mapping(fields.map { Node.Entry(key: NodeRewriting.string($0.0, at: $0.1.location), value: $0.1) }), location: location)
    }

    static func int(_ value: Int, at location: SourceLocation) -> Node { Node(.scalar(.int(Int64(value))), location: location) }

    static func double(_ value: Double, at location: SourceLocation) -> Node { Node(.scalar(.double(value)), location: location) }
}

/// Durations as monitoring configs write them: `5m`, `1h30m`, `30s`, `500ms`, `1d`.
/// Durations as Prometheus and Alertmanager write them: `5m`, `1h30m`, `90s`, `250ms`, or bare seconds.
enum DurationText {
    /// Ten years in seconds: no alert or routing timing is longer; anything beyond is a typo or hostile.
    static let longest = 315_360_000

    /// Seconds in `text`; nil when it is no duration.
    static func seconds(_ text: String) -> Int? {
        guard let total = parse(text), total.isFinite, total <= Double(longest) else { return nil }
        return Int(total.rounded())
    }

    /// Seconds in the duration at `node`; nil without one. Text that is no duration, or one longer than ten years, is
    /// an input error: read as 0 s it would make any alert look immediate.
    static func seconds(_ node: Node?, key: String) throws(DocumentError) -> Int? {
        guard let node, let text = node.string ?? node.scalar.map(\.description) else { return nil }
        guard let total = parse(text) else { throw DocumentError(at: node.location, "'\(key)' must be a duration like 5m, 1h30m or 90s") }
        guard total.isFinite, total <= Double(longest) else { throw DocumentError(at: node.location, "'\(key)' is longer than ten years") }
        return Int(total.rounded())
    }

    private static func parse(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var sawUnit = false
        var chars = Array(text.trimmingCharacters(in: .whitespaces))
        if chars.isEmpty { return nil }
        if chars.allSatisfy({ $0.isASCII && $0.isNumber }) { return Double(String(chars)) }
        while !chars.isEmpty {
            let c = chars.removeFirst()
            if (c.isASCII && c.isNumber) || c == "." { number.append(c); continue }
            var unit = String(c)
            if c == "m", chars.first == "s" { unit = "ms"; chars.removeFirst() }
            guard let value = Double(number) else { return nil }
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86_400
            case "w": total += value * 604_800
            case "y": total += value * 31_536_000
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return total
    }
}
