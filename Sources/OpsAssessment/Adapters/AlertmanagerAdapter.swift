import Foundation
import OpsCore
import OpsDocument

/// Alertmanager configuration: each node of the `route` tree becomes an `Alertmanager::Route` (with its
/// `Path`, and the timings it inherits), each receiver an `Alertmanager::Receiver` with its `Channels`. The
/// configuration is read as a file, or from a Kubernetes `Secret` that holds it as `alertmanager.yaml` (the Prometheus
/// Operator's form): in `stringData`, located at its lines in the manifest; base64 in `data`, located at the key.
public enum AlertmanagerAdapter: InputAdapter {
    public static let inputName = "an Alertmanager configuration"
    public static let producedTypes: Set<String>? = ["Alertmanager::Route", "Alertmanager::Receiver"]

    public static func recognizes(_ document: Node) -> Bool {
        if document["kind"]?.string == "Secret" { return secretConfig(document) != nil }
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
