import OpsCore
import OpsDocument

/// How one kind of source object becomes a CloudFormation-typed resource: the target type, where its name is,
/// and the rewrites its fields need. Every rewrite keeps the original nodes' `file:line:column`, so findings
/// point into the source file.
struct ResourceMapping: Sendable {
    /// Rewrites applied after keys are PascalCased, in order.
    enum Rewrite: Sendable {
        /// Rename a top-level key.
        case rename(String, String)
        /// Rename a key wherever it occurs (CloudFront's nested `ACMCertificateArn`).
        case renameDeep(String, String)
        /// `"enabled"`/`"disabled"` strings under a key become booleans.
        case enabledFlag(String)
        /// `{Quantity, Items}` wrappers (CloudFront) become their item list.
        case unwrapQuantityItems
        /// Single-element lists of mappings (Terraform blocks) become the mapping, except under these keys.
        case unwrapBlocks(except: Set<String>)
        /// A mapping of names to values (Terraform `dimensions`) becomes `[{Name, Value}]`.
        case nameValueList(String)
        /// Security-group permissions with range lists become one CloudFormation rule per range.
        case flattenIngress(from: String)
        /// Move top-level keys under a new parent (`DeploymentCircuitBreaker` under `DeploymentConfiguration`).
        case nest([String], under: String)
        /// Drop a mapping whose `Enabled` is false (CloudFront `Logging`), and its `Enabled` key otherwise.
        case dropDisabled(String)
        /// A key of a nested mapping brought to the top under a new name (`ReferencedGroupInfo.GroupId` as
        /// `SourceSecurityGroupId`).
        case lift(String, String, to: String)
    }

    let type: String
    /// Keys (after PascalCasing) whose value names the resource, first present wins.
    let nameKeys: [String]
    let rewrites: [Rewrite]

    init(_ type: String, name nameKeys: [String], _ rewrites: [Rewrite] = []) {
        self.type = type
        self.nameKeys = nameKeys
        self.rewrites = rewrites
    }

    /// The resource for one source object (its fields, already the object's own mapping).
    func resource(from object: Node, fallbackId: String, location: SourceLocation) -> Resource {
        var properties = NodeRewriting.pascalKeys(object)
        for rewrite in rewrites { properties = NodeRewriting.apply(rewrite, to: properties) }
        let name = nameKeys.lazy.compactMap { properties[$0]?.scalar?.description }.first
        return Resource(type: type, id: name ?? fallbackId, physicalId: name, properties: properties, location: location,
                        propertiesLocation: object.location, lastLine: CloudFormationAdapter.lastLine(object))
    }
}

/// Tree rewrites that keep each node's original location.
enum NodeRewriting {
    /// A tree parsed from text inside a string (JSON in a Config item, a base64 config), every node placed at the
    /// string's own location: what points into it points at that string.
    static func relocate(_ node: Node, to location: SourceLocation) -> Node {
        moving(node) { _ in location }
    }

    /// The tree with every node's location passed through `move` (content and tags as they are).
    static func moving(_ node: Node, _ move: (SourceLocation) -> SourceLocation) -> Node {
        let location = move(node.location)
        switch node.content {
        case .scalar: return Node(node.content, tag: node.tag, location: location)
        case .sequence(let items): return Node(.sequence(items.map { moving($0, move) }), tag: node.tag, location: location)
        case .mapping(let entries):
            return Node(.mapping(entries.map { Node.Entry(key: moving($0.key, move), value: moving($0.value, move)) }), tag: node.tag, location: location)
        }
    }

    /// `root` with the node `target` (by identity) replaced by `replacement`; `root` itself when `target` is not in it.
    static func replacing(_ target: Node, with replacement: Node, in root: Node) -> Node {
        if root === target { return replacement }
        switch root.content {
        case .scalar:
            return root
        case .sequence(let items):
            let mapped = items.map { replacing(target, with: replacement, in: $0) }
            return zip(mapped, items).allSatisfy({ $0 === $1 }) ? root : Node(.sequence(mapped), like: root)
        case .mapping(let entries):
            let mapped = entries.map { Node.Entry(key: $0.key, value: replacing(target, with: replacement, in: $0.value)) }
            return zip(mapped, entries).allSatisfy({ $0.value === $1.value }) ? root : Node(.mapping(mapped), like: root)
        }
    }

    /// `logGroupName` → `LogGroupName`, `backup_retention_period` → `BackupRetentionPeriod`, `dBClusterIdentifier`
    /// → `DBClusterIdentifier`; keys inside string-keyed maps like tags are converted too, harmlessly.
    static func pascal(_ key: String) -> String {
        guard !key.isEmpty else { return key }
        if key.contains("_") {
            return key.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return key.prefix(1).uppercased() + key.dropFirst()
    }

    static func pascalKeys(_ node: Node) -> Node {
        switch node.content {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map(pascalKeys)), location: node.location)
        case .mapping(let entries):
            return Node(.mapping(entries.map { entry in
                let key = entry.key.string.map { Node(.scalar(.string(pascal($0))), location: entry.key.location) } ?? entry.key
                return Node.Entry(key: key, value: pascalKeys(entry.value))
            }), location: node.location)
        }
    }

    static func string(_ text: String, at location: SourceLocation) -> Node { Node(.scalar(.string(text)), location: location) }

    static func apply(_ rewrite: ResourceMapping.Rewrite, to node: Node) -> Node {
        switch rewrite {
        case .rename(let from, let to):
            guard let entries = node.entries else { return node }
            return Node(.mapping(entries.map { entry in
                entry.key.string == from ? Node.Entry(key: string(to, at: entry.key.location), value: entry.value) : entry
            }), location: node.location)
        case .renameDeep(let from, let to):
            return mapEntries(node) { entry in
                entry.key.string == from ? Node.Entry(key: string(to, at: entry.key.location), value: entry.value) : entry
            }
        case .enabledFlag(let key):
            return mapEntries(node) { entry in
                guard entry.key.string == key, let text = entry.value.string?.lowercased(), text == "enabled" || text == "disabled" else { return entry }
                return Node.Entry(key: entry.key, value: Node(.scalar(.bool(text == "enabled")), location: entry.value.location))
            }
        case .unwrapQuantityItems:
            return transform(node) { n in
                guard let entries = n.entries, entries.contains(where: { $0.key.string == "Quantity" }),
                      entries.allSatisfy({ $0.key.string == "Quantity" || $0.key.string == "Items" }) else { return n }
                return n["Items"] ?? Node(.sequence([]), location: n.location)
            }
        case .unwrapBlocks(let except):
            return mapEntries(node) { entry in
                guard !except.contains(entry.key.string ?? ""), let items = entry.value.items, items.count == 1, items[0].entries != nil else { return entry }
                return Node.Entry(key: entry.key, value: items[0])
            }
        case .nameValueList(let key):
            return mapEntries(node) { entry in
                guard entry.key.string == key, let pairs = entry.value.entries else { return entry }
                let list = pairs.map { pair in
                    Node(.mapping([Node.Entry(key: string("Name", at: pair.key.location), value: pair.key),
                                   Node.Entry(key: string("Value", at: pair.value.location), value: pair.value)]), location: pair.key.location)
                }
                return Node.Entry(key: entry.key, value: Node(.sequence(list), location: entry.value.location))
            }
        case .flattenIngress(let from):
            guard let entries = node.entries, let index = entries.firstIndex(where: { $0.key.string == from }), let permissions = entries[index].value.items else { return node }
            var rules: [Node] = []
            for permission in permissions { rules += ingressRules(permission) }
            var result = entries
            result[index] = Node.Entry(key: string("SecurityGroupIngress", at: entries[index].key.location),
                                       value: Node(.sequence(rules), location: entries[index].value.location))
            return Node(.mapping(result), location: node.location)
        case .nest(let keys, let parent):
            guard let entries = node.entries else { return node }
            let moved = entries.filter { keys.contains($0.key.string ?? "") }
            guard let first = moved.first else { return node }
            var kept = entries.filter { !keys.contains($0.key.string ?? "") }
            if let existing = kept.firstIndex(where: { $0.key.string == parent }), let inner = kept[existing].value.entries {
                kept[existing] = Node.Entry(key: kept[existing].key, value: Node(.mapping(inner + moved), location: kept[existing].value.location))
            } else {
                kept.append(Node.Entry(key: string(parent, at: first.key.location), value: Node(.mapping(moved), location: first.key.location)))
            }
            return Node(.mapping(kept), location: node.location)
        case .lift(let parent, let key, let target):
            guard let entries = node.entries, let inner = node[parent]?.entry(key) else { return node }
            return Node(.mapping(entries.filter { $0.key.string != parent } + [Node.Entry(key: string(target, at: inner.key.location), value: inner.value)]),
                        location: node.location)
        case .dropDisabled(let key):
            return mapEntries(node) { entry in
                guard entry.key.string == key, let inner = entry.value.entries else { return entry }
                if case .scalar(.bool(false))? = entry.value["Enabled"]?.content { return nil }
                return Node.Entry(key: entry.key, value: Node(.mapping(inner.filter { $0.key.string != "Enabled" }), location: entry.value.location))
            }
        }
    }

    /// One CloudFormation ingress rule per CIDR of a permission (CLI `IpRanges: [{CidrIp}]`, Config `Ipv4Ranges`,
    /// Terraform `CidrBlocks: ["…"]`), or one rule for a security-group source.
    static func ingressRules(_ permission: Node) -> [Node] {
        guard let entries = permission.entries else { return [permission] }
        let scalarKeys: [String: String] = ["IpProtocol": "IpProtocol", "Protocol": "IpProtocol", "FromPort": "FromPort", "ToPort": "ToPort",
                                            "Description": "Description"]
        let base = entries.compactMap { e -> Node.Entry? in
            guard let key = e.key.string, let target = scalarKeys[key], e.value.scalar != nil else { return nil }
            return Node.Entry(key: string(target, at: e.key.location), value: e.value)
        }
        var rules: [Node] = []
        func rule(_ key: String, _ value: Node) {
            rules.append(Node(.mapping(base + [Node.Entry(key: string(key, at: value.location), value: value)]), location: value.location))
        }
        for entry in entries {
            switch entry.key.string {
            case "IpRanges", "Ipv4Ranges", "CidrBlocks":
                for item in entry.value.items ?? [] { if let cidr = item["CidrIp"] ?? (item.scalar != nil ? item : nil) { rule("CidrIp", cidr) } }
            case "Ipv6Ranges", "Ipv6CidrBlocks":
                for item in entry.value.items ?? [] { if let cidr = item["CidrIpv6"] ?? (item.scalar != nil ? item : nil) { rule("CidrIpv6", cidr) } }
            case "UserIdGroupPairs", "SecurityGroups":
                for item in entry.value.items ?? [] { if let group = item["GroupId"] ?? (item.scalar != nil ? item : nil) { rule("SourceSecurityGroupId", group) } }
            case "PrefixListIds":
                for item in entry.value.items ?? [] { if let list = item["PrefixListId"] ?? (item.scalar != nil ? item : nil) { rule("SourcePrefixListId", list) } }
            default: break
            }
        }
        return rules.isEmpty ? [Node(.mapping(base), location: permission.location)] : rules
    }

    /// Rewrites the entries of every mapping in the tree (nil drops the entry).
    static func mapEntries(_ node: Node, _ f: (Node.Entry) -> Node.Entry?) -> Node {
        switch node.content {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map { mapEntries($0, f) }), location: node.location)
        case .mapping(let entries):
            return Node(.mapping(entries.compactMap { entry in
                f(Node.Entry(key: entry.key, value: mapEntries(entry.value, f)))
            }), location: node.location)
        }
    }

    /// Rewrites every node bottom-up.
    static func transform(_ node: Node, _ f: (Node) -> Node) -> Node {
        switch node.content {
        case .scalar: return f(node)
        case .sequence(let items): return f(Node(.sequence(items.map { transform($0, f) }), location: node.location))
        case .mapping(let entries):
            return f(Node(.mapping(entries.map { Node.Entry(key: $0.key, value: transform($0.value, f)) }), location: node.location))
        }
    }
}
