import OpsCore
import OpsExpr

/// The variables and functions a check's expressions can use.
///
/// - `resource`: the resource's properties; `self`: `{type, id, physical_id, properties}`
/// - `resources`: every resource as such a record; `params`: the check's thresholds
/// - `today`: the day being assessed as a timestamp (midnight UTC of `--as-of`), for expiry dates
/// - `ofType('AWS::SNS::Topic')`: the records of one type
/// - `ref(x)`: the record a `Ref`/`Fn::GetAtt` value (or a logical id string) points at, or null
/// - `referrers()` / `referrers('AWS::CloudWatch::Alarm')`: records whose properties refer to this resource
/// - `alerts()`: the `OpsReady::Alert` facts on this component (its dimensions, its target group, its Prometheus job)
/// - `iamStatements(doc)`, `actionMatches(pattern, action)`, `actionCovered(granted, allowed)`: IAM policies (`IAMPolicy`)
enum CheckEnvironment {
    static let variables: Set<String> = ["resource", "self", "resources", "params", "today"]

    /// What `applies_when` can read: the workload as a whole, no current resource.
    static let workloadEnvironment = Environment(variables: ["resources", "params", "today"], functions: functions(for: Snapshot(resources: [], files: [])),
                                                 strictFunctions: true)

    /// Names and arities for checking expressions: those of the functions bound to a snapshot, here an empty one.
    static let environment = Environment(variables: variables, functions: functions(for: Snapshot(resources: [], files: [])), strictFunctions: true)

    /// The functions bound to one snapshot; `self` in the activation says which resource is current.
    static func functions(for snapshot: Snapshot) -> [HostFunction] {
        IAMPolicy.functions + [
            HostFunction("ofType", arity: 1...1) { args, _ throws(EvalError) in
                guard case .string(let type) = args[0] else { throw EvalError("ofType() takes a resource type string") }
                return .list(ListValue((snapshot.indexByType[type] ?? []).map { snapshot.records[$0] }))
            },
            HostFunction("ref", arity: 1...1) { args, activation throws(EvalError) in
                let stack = current(activation).flatMap { snapshot.resources[$0].stack }
                guard let id = referencedId(args[0]), let index = snapshot.index(of: id, in: stack) else { return .null }
                return snapshot.records[index]
            },
            HostFunction("referrers", arity: 0...1) { args, activation throws(EvalError) in
                guard let index = current(activation) else { return .list(ListValue([])) }
                var type: String?
                if let first = args.first {
                    guard case .string(let t) = first else { throw EvalError("referrers() takes a resource type string") }
                    type = t
                }
                let found = snapshot.referrers[index].filter { type == nil || snapshot.resources[$0].type == type }
                return .list(ListValue(found.map { snapshot.records[$0] }))
            },
            HostFunction("alerts", arity: 0...0) { _, activation throws(EvalError) in
                guard let index = current(activation) else { return .list(ListValue([])) }
                return .list(ListValue((snapshot.alertsByTarget[index] ?? []).map { snapshot.records[$0] }))
            },
        ]
    }

    /// The activation's name for the index of the resource being checked (not a variable expressions can read).
    static let currentIndex = "@resource"

    static func current(_ activation: Activation) -> Int? {
        if case .int(let index)? = activation[currentIndex] { return Int(index) }
        return nil
    }

    /// The logical id in `{"Ref": id}`, `{"Fn::GetAtt": [id, attr]}`, `"id.attr"` forms, or a plain id string.
    static func referencedId(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .map(let map):
            if case .string(let id)? = map.field("Ref") { return id }
            switch map.field("Fn::GetAtt") {
            case .list(let list)? where list.count > 0:
                if case .string(let id) = list[0] { return id }
            case .string(let dotted)?:
                return dotted.split(separator: ".").first.map(String.init)
            default: break
            }
            return nil
        default: return nil
        }
    }
}
