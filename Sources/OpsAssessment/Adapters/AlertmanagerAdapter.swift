import Foundation
import OpsCore
import OpsDocument

/// Alertmanager configuration: each node of the `route` tree becomes an `Alertmanager::Route` (with its
/// `Path`, and the timings it inherits), each receiver an `Alertmanager::Receiver` with its `Channels`. The
/// configuration is read as a file, or from a Kubernetes `Secret` that holds it as `alertmanager.yaml` (the Prometheus
/// Operator's form): in `stringData`, located at its lines in the manifest; base64 in `data`, located at the key; or as
/// the operator's `AlertmanagerConfig` resource (``AlertmanagerConfigResource``).
public enum AlertmanagerAdapter: InputAdapter {
    public static let inputName = "an Alertmanager configuration"
    public static let producedTypes: Set<String>? = ["Alertmanager::Route", "Alertmanager::Receiver", "Alertmanager::InhibitRule"]

    public static func recognizes(_ document: Node) -> Bool {
        if document["kind"]?.string == "Secret" { return secretConfig(document) != nil }
        if AlertmanagerConfigResource.recognizes(document) { return true }
        return document["route"]?.entries != nil && document["receivers"]?.items != nil
    }

    /// A Secret's `alertmanager.yaml` (or `.yml`) entry: its text, where its first line is, and whether the text's lines
    /// are the manifest's (a block scalar in `stringData`) or not (base64 in `data`).
    static func secretConfig(_ secret: Node) -> (text: String, at: SourceLocation, lineForLine: Bool)? {
        for (section, encoded) in [("stringData", false), ("data", true)] {
            for entry in secret[section]?.entries ?? [] where ["alertmanager.yaml", "alertmanager.yml"].contains(entry.key.keyText ?? "") {
                guard let value = entry.value.string else { continue }
                if encoded {
                    guard let data = Data(base64Encoded: value, options: .ignoreUnknownCharacters) else { continue }
                    return (String(decoding: data, as: UTF8.self), entry.key.location, false)
                }
                return (value, entry.value.location, true)
            }
        }
        return nil
    }

    /// The configuration inside a Secret, its nodes placed in the manifest: line for line after a block scalar's
    /// indicator, else at the key.
    static func unwrap(_ secret: Node, file: String) throws(DocumentError) -> Node? {
        guard let (text, at, lineForLine) = secretConfig(secret) else { return nil }
        let parsed: Node?
        do { parsed = try DocumentLoader.parse(text, file: file).first } catch {
            throw DocumentError(at: at, "alertmanager.yaml in the Secret: \(error.message)")
        }
        guard let parsed else { return nil }
        guard lineForLine else { return NodeRewriting.relocate(parsed, to: at) }
        return NodeRewriting.moving(parsed) { SourceLocation(file: file, line: $0.line + at.line, column: $0.column) }
    }

    /// Config keys of a receiver and the channel each means.
    static let channelKeys: [String: String] = [
        "email_configs": "email", "slack_configs": "slack", "webhook_configs": "webhook", "pagerduty_configs": "pagerduty",
        "sns_configs": "sns", "opsgenie_configs": "opsgenie", "victorops_configs": "victorops", "telegram_configs": "telegram",
        "msteams_configs": "msteams", "pushover_configs": "pushover", "wechat_configs": "wechat", "discord_configs": "discord",
    ]

    /// Receivers whose notifications are resolved by default when `send_resolved` is not written.
    static let resolvedByDefault: Set<String> = ["webhook", "pagerduty", "opsgenie", "victorops", "sns", "msteams", "discord"]

    public static func resources(in given: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        var document = given
        if given["kind"]?.string == "Secret" { document = try unwrap(given, file: source.file.isEmpty ? given.location.file : source.file) ?? given }
        if AlertmanagerConfigResource.recognizes(given) { document = try AlertmanagerConfigResource.configuration(given) }
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
                // The Slack channels it posts to, where the config names them (each at its line).
                ("SlackChannels", Node(.sequence((receiver["slack_configs"]?.items ?? []).compactMap { $0["channel"] }), location: receiver.location)),
            ], at: receiver.location)
            result.append(Resource(type: "Alertmanager::Receiver", id: name, physicalId: name, properties: properties, location: receiver.location,
                                   propertiesLocation: receiver.location, lastLine: CloudFormationAdapter.lastLine(receiver)))
        }
        if let route = document["route"] {
            guard try matchers(of: route).isEmpty else { throw DocumentError(at: route.location, "the root route must match every alert: it cannot have matchers") }
            try checkTimeIntervals(document)
            try collect(route, path: "route", inherited: Timings(), into: &result)
        }
        return result + (try inhibitRules(document))
    }

    /// Alertmanager's defaults, inherited down the route tree.
    struct Timings {
        var groupWait = 30, groupInterval = 300, repeatInterval = 14_400
        var receiver: String?
        var groupBy: [String]?
    }

    /// A route's matchers from `match`, `match_re` and `matchers` (an inhibit rule's from `source_match`,
    /// `source_match_re`, `source_matchers` and the same for `target`), each with its line.
    static func matchers(of node: Node, prefix: String = "") throws(DocumentError) -> [(AlertmanagerMatcher, SourceLocation)] {
        var result: [(AlertmanagerMatcher, SourceLocation)] = []
        for (key, op) in [(prefix + "match", AlertmanagerMatcher.Operator.equal), (prefix + "match_re", .regex)] {
            for entry in node[key]?.entries ?? [] {
                let value = entry.value.scalar?.description ?? ""
                do { result.append((try AlertmanagerMatcher(label: entry.key.keyText ?? "", op: op, value: value), entry.key.location)) } catch {
                    throw DocumentError(at: entry.value.location, "\(key) '\(entry.key.keyText ?? "")': \(error.message)")
                }
            }
        }
        for item in node[prefix + "matchers"]?.items ?? [] {
            guard let text = item.string else { throw DocumentError(at: item.location, "a matcher is a string like severity=\"critical\"") }
            result += try AlertmanagerMatcher.parseList(text, at: item.location).map { ($0, item.location) }
        }
        return result
    }

    static func matcherNodes(_ matchers: [(AlertmanagerMatcher, SourceLocation)], at location: SourceLocation) -> Node {
        Node(.sequence(matchers.map { m, at in
            NodeBuilder.mapping([("Label", NodeRewriting.string(m.label, at: at)), ("Operator", NodeRewriting.string(m.op.rawValue, at: at)),
                                 ("Value", NodeRewriting.string(m.value, at: at)), ("Text", NodeRewriting.string(m.text, at: at))], at: at)
        }), location: location)
    }

    private static func collect(_ route: Node, path: String, inherited: Timings, into result: inout [Resource]) throws(DocumentError) {
        var timings = inherited
        if let v = try DurationText.seconds(route["group_wait"], key: "group_wait") { timings.groupWait = v }
        if let v = try DurationText.seconds(route["group_interval"], key: "group_interval") { timings.groupInterval = v }
        if let v = try DurationText.seconds(route["repeat_interval"], key: "repeat_interval") { timings.repeatInterval = v }
        if let r = route["receiver"]?.string { timings.receiver = r }
        if let g = route["group_by"]?.items { timings.groupBy = g.compactMap(\.string) }
        let location = route.location
        let own = try matchers(of: route)
        var fields: [(String, Node)] = [
            ("Path", NodeRewriting.string(path, at: location)),
            ("Matchers", matcherNodes(own, at: location)),
            ("GroupWait", NodeBuilder.int(timings.groupWait, at: route["group_wait"]?.location ?? location)),
            ("GroupInterval", NodeBuilder.int(timings.groupInterval, at: route["group_interval"]?.location ?? location)),
            ("RepeatInterval", NodeBuilder.int(timings.repeatInterval, at: route["repeat_interval"]?.location ?? location)),
        ]
        if let receiver = timings.receiver { fields.append(("Receiver", NodeRewriting.string(receiver, at: route["receiver"]?.location ?? location))) }
        if let groupBy = timings.groupBy {
            fields.append(("GroupBy", Node(.sequence(groupBy.map { NodeRewriting.string($0, at: route["group_by"]?.location ?? location) }), location: location)))
        }
        for (key, field) in [("mute_time_intervals", "MuteTimeIntervals"), ("active_time_intervals", "ActiveTimeIntervals")] {
            if let names = route[key]?.items { fields.append((field, Node(.sequence(names), location: route[key]!.location))) }
        }
        if case .scalar(.bool(true))? = route["continue"]?.content { fields.append(("Continue", Node(.scalar(.bool(true)), location: location))) }
        let children = route["routes"]?.items ?? []
        // A child after a sibling that matches everything and does not continue is never reached (amlint's check).
        var catchAll: Int?
        result.append(Resource(type: "Alertmanager::Route", id: path, physicalId: nil, properties: NodeBuilder.mapping(fields, at: location),
                               location: location, propertiesLocation: location, lastLine: location.line))
        for (index, child) in children.enumerated() {
            let before = result.count
            try collect(child, path: "\(path).routes[\(index)]", inherited: timings, into: &result)
            if let catchAll {
                result[before] = unreachable(result[before], "route \(path).routes[\(catchAll)] above it matches every alert and does not continue")
            }
            if catchAll == nil, try Self.matchers(of: child).isEmpty, child["continue"]?.scalar != .bool(true) { catchAll = index }
        }
    }

    private static func unreachable(_ route: Resource, _ reason: String) -> Resource {
        var copy = route
        guard let properties = route.properties, let entries = properties.entries else { return route }
        copy.properties = Node(.mapping(entries + [Node.Entry(key: NodeRewriting.string("Unreachable", at: route.location),
                                                              value: NodeRewriting.string(reason, at: route.location))]), location: properties.location)
        return copy
    }

    /// Each inhibit rule as an `Alertmanager::InhibitRule`: its source and target matchers and the labels in `equal`.
    static func inhibitRules(_ document: Node) throws(DocumentError) -> [Resource] {
        var result: [Resource] = []
        for (index, rule) in (document["inhibit_rules"]?.items ?? []).enumerated() {
            var fields: [(String, Node)] = []
            for side in ["source", "target"] {
                let matchers = try matchers(of: rule, prefix: side + "_")
                fields.append((side == "source" ? "SourceMatchers" : "TargetMatchers", matcherNodes(matchers, at: rule.location)))
            }
            fields.append(("Equal", Node(.sequence(rule["equal"]?.items ?? []), location: rule["equal"]?.location ?? rule.location)))
            result.append(Resource(type: "Alertmanager::InhibitRule", id: "inhibit_rules[\(index)]", physicalId: nil,
                                   properties: NodeBuilder.mapping(fields, at: rule.location), location: rule.location,
                                   propertiesLocation: rule.location, lastLine: CloudFormationAdapter.lastLine(rule)))
        }
        return result
    }

    /// Time intervals a route names must be defined (`time_intervals`, or the older `mute_time_intervals`), as
    /// Alertmanager refuses the configuration otherwise.
    static func checkTimeIntervals(_ document: Node) throws(DocumentError) {
        var defined = Set<String>()
        for key in ["time_intervals", "mute_time_intervals"] {
            for item in document[key]?.items ?? [] { if let name = item["name"]?.string { defined.insert(name) } }
        }
        func visit(_ route: Node) throws(DocumentError) {
            for key in ["mute_time_intervals", "active_time_intervals"] {
                for name in route[key]?.items ?? [] where !defined.contains(name.string ?? "") {
                    throw DocumentError(at: name.location, "\(key) names '\(name.string ?? "")', which no time interval defines")
                }
            }
            for child in route["routes"]?.items ?? [] { try visit(child) }
        }
        if let route = document["route"] { try visit(route) }
    }
}
