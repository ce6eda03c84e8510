import OpsCore
import OpsDocument
import OpsExpr

/// Everything known about a workload's configuration: its resources and the files they came from.
public struct Snapshot: Sendable {
    public private(set) var resources: [Resource]
    /// The input files that contributed resources, in load order.
    public let files: [String]
    private(set) var indexById: [String: Int]
    /// Logical ids per stack: a template's `Ref` names a resource of the same template, never one of another file.
    private(set) var indexByStack: [String?: [String: Int]]
    private(set) var indexByType: [String: [Int]]
    /// For each resource, the resources whose properties refer to it (`Ref`, `Fn::GetAtt`, `Fn::Sub`).
    private(set) var referrers: [[Int]]
    /// Each resource as the record expressions see: `{type, id, physical_id, properties}`.
    private(set) var records: [Value]
    /// Resources by physical name, for live snapshots that refer to each other by name.
    private(set) var indexByName: [String: Int]
    /// For each component, the alert facts scoped to it (`alerts()` in checks).
    private(set) var alertsByTarget: [Int: [Int]] = [:]

    public init(resources: [Resource], files: [String]) {
        self.resources = resources
        self.files = files
        var byId: [String: Int] = [:]
        var byStack: [String?: [String: Int]] = [:]
        var byType: [String: [Int]] = [:]
        // Live snapshots refer to each other by name (an alarm's ServiceName dimension, a scaling target's
        // `service/cluster/name`), templates by logical id.
        var byName: [String: Int] = [:]
        byId.reserveCapacity(resources.count)
        byName.reserveCapacity(resources.count)
        // Last to first, so that where an id or a name is written twice the first one stays, with one lookup each.
        for (i, r) in resources.enumerated().reversed() {
            byId[r.id] = i
            if let name = r.physicalId { byName[name] = i }
        }
        // Resources of one stack (a single template, or one account's export) are indexed in it exactly as by id.
        if let first = resources.first, resources.allSatisfy({ $0.stack == first.stack }) {
            byStack[first.stack] = byId
        } else {
            for (i, r) in resources.enumerated().reversed() { byStack[r.stack, default: [:]][r.id] = i }
        }
        for (i, r) in resources.enumerated() { byType[r.type, default: []].append(i) }
        indexById = byId
        indexByStack = byStack
        indexByType = byType
        // Each resource's references are found on every core (a walk of its whole property tree), then joined in order.
        let (ids, names) = (byStack, byName)
        let found = ParallelSlots<(targets: [Int], record: Value)>.map(resources.count, grain: 256) { i in
            let r = resources[i]
            var targets = Set<Int>()
            if let properties = r.properties {
                ReferenceScanner.collect(properties, ids: ids[r.stack] ?? [:], names: names, from: i, into: &targets)
            }
            return (targets.sorted(), Self.record(r))
        }
        var refs = Array(repeating: [Int](), count: resources.count)
        for (i, resource) in found.enumerated() {
            for t in resource.targets where t != i { refs[t].append(i) }
        }
        referrers = refs
        records = found.map(\.record)
        indexByName = byName
    }

    /// The resources a property tree (of the resource at `index`) refers to, by logical id in its stack or by name.
    func references(in node: Node, from index: Int) -> Set<Int> {
        var targets = Set<Int>()
        ReferenceScanner.collect(node, ids: indexByStack[resources[index].stack] ?? [:], names: indexByName, from: index, into: &targets)
        return targets
    }

    /// Adds resources that refer to nothing and that nothing refers to (derived facts), without recomputing what the
    /// snapshot already knows. In place: a copy would copy every index of a large snapshot once more.
    /// `alertTargets[i]`, when given, are the components `derived[i]` is an alert on.
    public mutating func add(_ derived: [Resource], alertTargets: [[Int]] = []) {
        let first = resources.count
        resources += derived
        for (offset, r) in derived.enumerated() {
            let index = first + offset
            if indexById[r.id] == nil { indexById[r.id] = index }
            if indexByStack[r.stack]?[r.id] == nil { indexByStack[r.stack, default: [:]][r.id] = index }
            indexByType[r.type, default: []].append(index)
        }
        referrers += Array(repeating: [], count: derived.count)
        records += derived.map(Self.record)
        for (offset, targets) in alertTargets.enumerated() {
            for t in targets { alertsByTarget[t, default: []].append(first + offset) }
        }
    }

    public func resource(id: String) -> Resource? {
        indexById[id].map { resources[$0] }
    }

    /// The resource a logical id names within one stack (nil: a live account's resources).
    public func index(of id: String, in stack: String?) -> Int? { indexByStack[stack]?[id] }

    /// The resource a finding names: by id in the file it points into, else the first with that id.
    public func resource(id: String, file: String?) -> Resource? {
        index(id: id, file: file).map { resources[$0] }
    }

    public func index(id: String, file: String?) -> Int? {
        if let file, let index = indexByStack[file]?[id] { return index }
        return indexById[id]
    }

    public func resources(ofType type: String) -> [Resource] {
        (indexByType[type] ?? []).map { resources[$0] }
    }

    public static func record(_ r: Resource) -> Value {
        var fields: [(String, Value)] = [("type", .string(r.type)), ("id", .string(r.id))]
        fields.append(("physical_id", r.physicalId.map(Value.string) ?? .null))
        fields.append(("properties", r.properties.map(Value.init) ?? .map(MapValue(fields: []))))
        return .map(MapValue(fields: fields))
    }
}

/// Finds the resources a property tree refers to: by logical id (`Ref`, `Fn::GetAtt`, `Fn::Sub`) and by
/// physical name (a string equal to another resource's name, or ending in it after `/` or `:`).
enum ReferenceScanner {
    static func collect(_ node: Node, ids: [String: Int], names: [String: Int], from source: Int, into targets: inout Set<Int>) {
        switch node.content {
        case .scalar(.string(let text)):
            guard !names.isEmpty else { return }
            // The whole string, else its last `/`- or `:`-separated part; a resource's own name does not count.
            if let t = names[text], t != source { targets.insert(t); return }
            if let last = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last, last.count < text.count,
               let t = names[String(last)], t != source {
                targets.insert(t)
            }
        case .scalar:
            return
        case .sequence(let items):
            for item in items { collect(item, ids: ids, names: names, from: source, into: &targets) }
        case .mapping(let entries):
            if entries.count == 1, let key = entries[0].key.string, let named = logicalIds(key, entries[0].value) {
                for id in named { if let t = ids[id] { targets.insert(t) } }
                // `Fn::Sub`'s template and variables are read on for physical names; `Ref` and `Fn::GetAtt` hold none.
                if key != "Fn::Sub" { return }
            }
            for entry in entries { collect(entry.value, ids: ids, names: names, from: source, into: &targets) }
        }
    }

    /// The logical ids an intrinsic function names, when `key` is one that names them: `Ref`, `Fn::GetAtt` (list or
    /// `Id.Attr` form), `Fn::Sub` (its `${Name}`s, less those its variables map binds); nil for any other key.
    /// Pseudo parameters (`AWS::Region`) are included; they name no resource.
    static func logicalIds(_ key: String, _ value: Node) -> [String]? {
        switch key {
        case "Ref":
            return value.string.map { [$0] } ?? []
        case "Fn::GetAtt":
            return (value.items?.first?.string ?? value.string?.split(separator: ".").first.map(String.init)).map { [$0] } ?? []
        case "Fn::Sub":
            let template = value.string ?? value.items?.first?.string ?? ""
            let bound = Set(value.items?.dropFirst().first?.entries?.compactMap(\.key.keyText) ?? [])
            return subReferences(template).filter { !bound.contains($0) }
        default:
            return nil
        }
    }

    /// The names in `${Name}` and `${Name.Attr}` of an `Fn::Sub` template.
    static func subReferences(_ template: String) -> [String] {
        SubPlaceholders.scan(template).placeholders.compactMap { placeholder in
            let name = placeholder.name.split(separator: ".").first.map(String.init) ?? ""
            return name.hasPrefix("!") ? nil : name
        }
    }
}
