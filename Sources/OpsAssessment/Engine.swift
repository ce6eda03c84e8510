import Dispatch
import OpsCore
import OpsDocument
import OpsExpr

/// Runs checks over a snapshot. Pure and synchronous: the same rubric, checks and snapshot give the same
/// findings in the same order; the work is spread over all cores.
public struct Engine: Sendable {
    public let rubrics: [Rubric]
    public let checks: [Check]

    public init(rubrics: [Rubric], checks: [Check]) {
        self.rubrics = rubrics
        self.checks = checks
    }

    /// Workload overrides for check parameters: by parameter name, or `CHECK-ID.name` for one check's.
    public typealias ParamOverrides = [String: Value]

    /// Evaluates every check on the resources of its types. `today` is what expressions see as `today`
    /// (the engine reads no clock); failing findings' messages are rendered in `language` only, when given.
    public func evaluate(_ snapshot: Snapshot, params overrides: ParamOverrides = [:], today: CalendarDate? = nil,
                         language: Language? = nil) -> [Finding] {
        let functions = CheckEnvironment.functions(for: snapshot)
        let allRecords = Value.list(ListValue(snapshot.records))
        let activations = checks.map { activation(for: $0, snapshot: snapshot, functions: functions, records: allRecords, overrides: overrides, today: today) }
        let applies = checks.indices.map { c in Self.applies(checks[c], activation: activations[c]) }
        let unitBases = activations.map(ResourceActivation.init)
        let messages = checks.indices.map { c in checks[c].message.renderingParameters(activations[c]) }
        // One unit of work per (check, resource) pair, in output order.
        var units: [(check: Int, resource: Int)] = []
        for (c, check) in checks.enumerated() where applies[c] {
            var indices: [Int] = []
            for type in check.resourceTypes { indices += snapshot.indexByType[type] ?? [] }
            if check.resourceTypes.count > 1 { indices.sort() }
            for r in indices { units.append((c, r)) }
        }
        let work = units
        let results = ParallelSlots<Finding>(count: work.count)
        let chunk = 256
        let chunks = (work.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { n in
            // One activation per check in the chunk, its resource variables rebound in place for each resource.
            var current = work[n * chunk].check
            var (check, message, activation) = (checks[current], messages[current], unitBases[current])
            for i in (n * chunk)..<min(work.count, (n + 1) * chunk) {
                let unit = work[i]
                if unit.check != current {
                    current = unit.check
                    (check, message, activation) = (checks[current], messages[current], unitBases[current])
                }
                results.set(i, evaluate(check, snapshot.resources[unit.resource], index: unit.resource, record: snapshot.records[unit.resource],
                                        activation: &activation, message: message, language: language))
            }
        }
        var findings: [Finding] = []
        findings.reserveCapacity(units.count)
        var next = 0
        for (c, check) in checks.enumerated() {
            guard applies[c] else {
                findings.append(Finding(check: check.id, status: .skipped, severity: check.severity, practices: check.practices, resource: nil,
                                        location: nil, path: nil, message: check.title,
                                        note: "does not apply to these inputs (applies_when: \(check.appliesWhen?.source ?? ""))"))
                continue
            }
            // An existence check fails on its own only when nothing of its types (passing `where`) exists;
            // resources that exist but fail the assertion already have their findings.
            var found = false
            while next < units.count, units[next].check == c {
                if let finding = results.take(next) {
                    findings.append(finding)
                    found = true
                }
                next += 1
            }
            if check.requiresExistence && !found {
                findings.append(missing(check, snapshot: snapshot, activation: activations[c], language: language))
            }
        }
        return findings
    }

    /// Whether a check applies to the workload: its `applies_when` holds (or it has none). A condition that cannot be
    /// evaluated counts as applying: not looking is never the safe side.
    static func applies(_ check: Check, activation: Activation) -> Bool {
        guard let condition = check.appliesWhen else { return true }
        return (try? condition.evaluate(activation)) != .bool(false)
    }

    /// One check on one resource; nil when the resource is filtered out. `message`: the check's message, or the same
    /// with its parameters rendered (`MessageTemplate.renderingParameters`).
    func evaluate(_ check: Check, _ resource: Resource, index: Int, record: Value, activation: inout ResourceActivation,
                  message template: borrowing MessageTemplate, language: Language? = nil) -> Finding? {
        activation.bind(resource, record: record, index: index)
        // The bound activation is read where it is: a copy would count a reference to each of its arrays.
        return evaluate(check, resource, activation: activation.activation, message: template, language: language)
    }

    private func evaluate(_ check: Check, _ resource: Resource, activation: borrowing Activation, message template: borrowing MessageTemplate,
                          language: Language?) -> Finding? {
        func finding(_ status: Finding.Status, _ location: SourceLocation?, path: String?, message: LocalizedText, note: String? = nil) -> Finding {
            Finding(check: check.id, status: status, severity: check.severity, practices: check.practices,
                    resource: Finding.ResourceRef(type: resource.type, id: resource.id),
                    location: location, path: path, message: message, note: note)
        }
        if let filter = check.filter {
            do {
                let value = try filter.evaluate(activation)
                guard case .bool(let keep) = value else {
                    return finding(.error, resource.location, path: nil, message: LocalizedText("'where' gave \(value.celType.name), not bool"))
                }
                if !keep { return nil }
            } catch {
                return finding(.error, resource.location, path: nil, message: LocalizedText("'where' failed: \(error.message)"))
            }
        }
        guard let assertion = check.assertion else {
            return finding(.pass, resource.location, path: nil, message: check.title)
        }
        let outcome: Value
        do {
            outcome = try assertion.evaluate(activation)
        } catch {
            return finding(.error, resource.location, path: nil, message: LocalizedText("'assert' failed: \(error.message)"))
        }
        guard case .bool(let passed) = outcome else {
            return finding(.error, resource.location, path: nil, message: LocalizedText("'assert' gave \(outcome.celType.name), not bool"))
        }
        if passed { return finding(.pass, resource.location, path: nil, message: check.title) }
        let (location, path, evidence) = check.blamesResource ? (resource.location, nil, nil) : blame(assertion, activation: activation, resource: resource)
        let message = Self.message(template, activation: activation, language: language)
        if let suppression = resource.suppressions[check.id] {
            return finding(.suppressed, location, path: path, message: message, note: suppression.reason)
        }
        var failed = finding(.fail, location, path: path, message: message)
        failed.evidence = evidence
        return failed
    }

    /// The property a failed assertion last read inside this resource, with its value; the resource itself when none.
    func blame(_ assertion: Program, activation: Activation, resource: Resource) -> (SourceLocation, String?, Node?) {
        guard let properties = resource.properties else { return (resource.location, nil, nil) }
        let reads = assertion.evaluateTracing(activation).reads
        for node in reads.reversed() {
            if node === properties { return (resource.propertiesLocation ?? resource.location, "Properties", nil) }
            if let (path, key, value) = PropertyPath.find(node, in: properties) {
                return (key.location, "Properties" + path, value)
            }
        }
        return (resource.location, nil, nil)
    }

    /// Whether `check` holds on `resource` (at `index` in `snapshot`): for asking how a changed value would fare.
    /// Nil when the check filters the resource out or cannot be evaluated.
    public func holds(_ check: Check, on resource: Resource, index: Int, in snapshot: Snapshot, params overrides: ParamOverrides = [:],
                      today: CalendarDate? = nil) -> Bool? {
        var activation = ResourceActivation(activation(for: check, snapshot: snapshot, functions: CheckEnvironment.functions(for: snapshot),
                                                       records: .list(ListValue(snapshot.records)), overrides: overrides, today: today))
        switch evaluate(check, resource, index: index, record: Snapshot.record(resource), activation: &activation, message: check.message)?.status {
        case .pass?: return true
        case .fail?, .suppressed?: return false
        default: return nil
        }
    }

    /// What a check's expressions see besides the resource: every record, `today`, its params with the workload's overrides.
    func activation(for check: Check, snapshot: Snapshot, functions: [HostFunction], records: Value, overrides: ParamOverrides,
                    today: CalendarDate?) -> Activation {
        let todayValue: Value = today.flatMap { try? Timestamp(parsing: "\($0)T00:00:00Z") }.map(Value.timestamp) ?? .null
        var params = check.params
        // A name sets that parameter of every check; `CHECK.name` (a seed choice, or the workload's own) sets one check's.
        for (name, value) in overrides where params[name] != nil { params[name] = value }
        for name in check.params.keys { if let value = overrides[check.id + "." + name] { params[name] = value } }
        return Activation(variables: ["resources": records, "today": todayValue,
                                      "params": .map(MapValue(params.sorted { $0.key < $1.key }.map { (key: Value.string($0.key), value: $0.value) }))],
                          functions: functions)
    }

    /// A failing finding's message, in `language` alone when given (it is then the text in both).
    static func message(_ template: MessageTemplate, activation: Activation, language: Language?) -> LocalizedText {
        if let language { return LocalizedText(template.render(language, activation: activation)) }
        return LocalizedText(ko: template.render(.ko, activation: activation), en: template.render(.en, activation: activation))
    }

    /// The finding of an existence check that found nothing.
    func missing(_ check: Check, snapshot: Snapshot, activation: Activation, language: Language?) -> Finding {
        let location = snapshot.files.first.map { SourceLocation(file: $0, line: 1, column: 1) }
        let message = Self.message(check.message, activation: activation, language: language)
        return Finding(check: check.id, status: .fail, severity: check.severity, practices: check.practices, resource: nil,
                       location: location, path: nil, message: message, note: nil)
    }
}

/// Finds where a node sits in a property tree: a key, or a mapping value (blamed on its key).
/// Returns the path, as `.A.B[2].C`, and the key node to point at.
enum PropertyPath {
    /// The path, the key to point at, and the value at the path.
    static func find(_ target: Node, in root: Node) -> (String, Node, Node)? {
        switch root.content {
        case .scalar: return nil
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                if item === target, let first = item.entries?.first { return ("[\(i)]", first.key, item) }
                if let (rest, key, value) = find(target, in: item) { return ("[\(i)]" + rest, key, value) }
            }
            return nil
        case .mapping(let entries):
            for entry in entries {
                let name = entry.key.keyText ?? "?"
                if entry.key === target || entry.value === target { return ("." + name, entry.key, entry.value) }
                if let (rest, key, value) = find(target, in: entry.value) { return ("." + name + rest, key, value) }
            }
            return nil
        }
    }
}
