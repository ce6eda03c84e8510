import OpsCore
import OpsDocument
import OpsExpr

/// A workload's check parameters (`params:` in the manifest, `--param` on the command line) against what the checks
/// declare: each must be a parameter some loaded check has (or, as `CHECK-ID.name`, that check has), of the type of
/// its default, or it is an input error at the value — never a failure at evaluation time
/// (`no such overload: _>=_(int, string)`).
public enum CheckParams {
    /// Checks the overrides; `locations` say where each value is written (absent: the command line's `--param`).
    public static func validate(_ overrides: [String: Value], locations: [String: SourceLocation], checks: [Check]) throws(DocumentError) {
        var declared: [String: (check: Check, value: Value)] = [:]
        for check in checks { for (name, value) in check.params where declared[name] == nil { declared[name] = (check, value) } }
        let byId = Dictionary(checks.map { ($0.id, $0) }) { a, _ in a }
        for name in overrides.keys.sorted() {
            let location = locations[name] ?? SourceLocation(file: "--param", line: 1, column: 1)
            // `CHECK-ID.name` is that check's parameter; a bare name, the first loaded check's that has it.
            let value: Value, which: String
            if let dot = name.lastIndex(of: "."), let check = byId[String(name[..<dot])] {
                let parameter = String(name[name.index(after: dot)...])
                guard let declared = check.params[parameter] else {
                    throw DocumentError(at: location, "check \(check.id) has no parameter '\(parameter)' (it has: \(check.params.keys.sorted().joined(separator: ", ")))")
                }
                (value, which) = (declared, "")
            } else {
                guard let (check, declared) = declared[name] else {
                    throw DocumentError(at: location, "unknown check parameter '\(name)' (known: \(declared.keys.sorted().joined(separator: ", ")))")
                }
                (value, which) = (declared, "check \(check.id), ")
            }
            let given = overrides[name]!
            guard accepts(value, given) else {
                throw DocumentError(at: location, "\(name) must be \(kind(of: value)) (\(which)default \(value.displayText)), not \(kind(of: given)) \(given.displayText)")
            }
        }
    }

    /// Whether a value may replace a default: the same kind, and an integer where a number is expected.
    static func accepts(_ declared: Value, _ given: Value) -> Bool {
        switch (declared, given) {
        case (.int, .int), (.int, .uint), (.uint, .int), (.uint, .uint): return true
        case (.double, .double), (.double, .int), (.double, .uint): return true
        case (.string, .string), (.bool, .bool), (.list, .list), (.map, .map): return true
        default: return false
        }
    }

    static func kind(of value: Value) -> String {
        switch value {
        case .int, .uint: return "an integer"
        case .double: return "a number"
        case .string: return "a string"
        case .bool: return "true or false"
        case .list: return "a list"
        case .map: return "a mapping"
        case .null: return "null"
        default: return value.celType.name
        }
    }
}
