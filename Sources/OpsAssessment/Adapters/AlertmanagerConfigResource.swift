import OpsCore
import OpsDocument

/// The Prometheus Operator's `AlertmanagerConfig` resource (`apiVersion: monitoring.coreos.com/v1alpha1` or `v1beta1`,
/// `kind: AlertmanagerConfig`): its `spec` in camelCase (`groupBy`, `repeatInterval`, `webhookConfigs`,
/// `sendResolved`), matchers as `{name, value, matchType}` (or `regex: true`), inhibit rules with
/// `sourceMatch`/`targetMatch`. Read as the Alertmanager configuration it stands for, every node at its own line.
///
/// The operator nests the resource's route under the global one with a `namespace` matcher; only this resource is at
/// hand, so its route is read as the root (its receiver takes what its matchers do not), without that matcher.
enum AlertmanagerConfigResource {
    static func recognizes(_ document: Node) -> Bool {
        document["kind"]?.string == "AlertmanagerConfig" && document["apiVersion"]?.string?.hasPrefix("monitoring.coreos.com/") == true
            && document["spec"]?.entries != nil
    }

    /// The configuration in Alertmanager's own shape.
    static func configuration(_ document: Node) throws(DocumentError) -> Node {
        guard let spec = document["spec"] else { return document }
        var fields: [(String, Node)] = []
        if let route = spec["route"] {
            let converted = try self.route(route)
            // Alertmanager's root cannot have matchers: they move to a child that holds the rest of the tree.
            if let matchers = converted["matchers"] {
                let rest = (converted.entries ?? []).filter { $0.key.string != "matchers" }
                let child = Node(.mapping(rest + [Node.Entry(key: NodeRewriting.string("matchers", at: matchers.location), value: matchers)]), location: converted.location)
                var root = rest.filter { ["receiver", "group_by", "group_wait", "group_interval", "repeat_interval"].contains($0.key.string ?? "") }
                root.append(Node.Entry(key: NodeRewriting.string("routes", at: route.location), value: Node(.sequence([child]), location: route.location)))
                fields.append(("route", Node(.mapping(root), location: route.location)))
            } else {
                fields.append(("route", converted))
            }
        }
        fields.append(("receivers", Node(.sequence((spec["receivers"]?.items ?? []).map(snakeCased)), location: spec["receivers"]?.location ?? spec.location)))
        if let rules = spec["inhibitRules"]?.items {
            fields.append(("inhibit_rules", Node(.sequence(try rules.map { r throws(DocumentError) in try inhibitRule(r) }), location: spec["inhibitRules"]!.location)))
        }
        if let intervals = spec["muteTimeIntervals"] { fields.append(("mute_time_intervals", snakeCased(intervals))) }
        return NodeBuilder.mapping(fields, at: spec.location)
    }

    static let routeKeys: [String: String] = [
        "receiver": "receiver", "groupBy": "group_by", "groupWait": "group_wait", "groupInterval": "group_interval",
        "repeatInterval": "repeat_interval", "continue": "continue", "muteTimeIntervals": "mute_time_intervals",
        "activeTimeIntervals": "active_time_intervals",
    ]

    static func route(_ node: Node) throws(DocumentError) -> Node {
        var entries: [Node.Entry] = []
        for entry in node.entries ?? [] {
            let key = entry.key.string ?? ""
            if let classic = routeKeys[key] {
                entries.append(Node.Entry(key: NodeRewriting.string(classic, at: entry.key.location), value: entry.value))
            } else if key == "matchers" {
                entries.append(Node.Entry(key: NodeRewriting.string("matchers", at: entry.key.location), value: try matchers(entry.value)))
            } else if key == "routes" {
                let children = try (entry.value.items ?? []).map { c throws(DocumentError) in try route(c) }
                entries.append(Node.Entry(key: NodeRewriting.string("routes", at: entry.key.location), value: Node(.sequence(children), location: entry.value.location)))
            }
        }
        return Node(.mapping(entries), location: node.location)
    }

    /// `[{name, value, matchType}]` (or `regex: true`) as matcher strings, each at its item's line.
    static func matchers(_ node: Node) throws(DocumentError) -> Node {
        var items: [Node] = []
        for m in node.items ?? [] {
            guard let name = m["name"]?.string else { throw DocumentError(at: m.location, "a matcher needs a 'name'") }
            let value = m["value"]?.scalar?.description ?? ""
            var op = m["matchType"]?.string ?? "="
            if case .scalar(.bool(true))? = m["regex"]?.content { op = "=~" }
            guard AlertmanagerMatcher.Operator(rawValue: op) != nil else {
                throw DocumentError(at: m["matchType"]?.location ?? m.location, "matchType '\(op)' is not =, !=, =~ or !~")
            }
            let quoted = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            items.append(NodeRewriting.string("\(name)\(op)\"\(quoted)\"", at: m.location))
        }
        return Node(.sequence(items), location: node.location)
    }

    static func inhibitRule(_ node: Node) throws(DocumentError) -> Node {
        var fields: [(String, Node)] = []
        if let s = node["sourceMatch"] { fields.append(("source_matchers", try matchers(s))) }
        if let t = node["targetMatch"] { fields.append(("target_matchers", try matchers(t))) }
        if let e = node["equal"] { fields.append(("equal", e)) }
        return NodeBuilder.mapping(fields, at: node.location)
    }

    /// Keys in camelCase as Alertmanager's snake_case (`webhookConfigs` → `webhook_configs`, `sendResolved` →
    /// `send_resolved`), all the way down.
    static func snakeCased(_ node: Node) -> Node {
        switch node.content {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map(snakeCased)), like: node)
        case .mapping(let entries):
            return Node(.mapping(entries.map { e in
                let key = e.key.string.map { k in
                    k.reduce(into: "") { out, c in if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }
                }
                return Node.Entry(key: key.map { NodeRewriting.string($0, at: e.key.location) } ?? e.key, value: snakeCased(e.value))
            }), like: node)
        }
    }
}
