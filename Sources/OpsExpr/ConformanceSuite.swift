import Foundation

/// Cases in the shared conformance format (`conformance/cel/cases.json`): an expression, typed bindings,
/// and either the expected typed value or an expected error.
public struct ConformanceCase: Sendable {
    public enum Expectation: Sendable {
        case value(Value)
        case error(String)
    }

    public let name: String
    public let expr: String
    public let bindings: [String: Value]
    public let expectation: Expectation

    /// `file/section/name`.
    public var qualifiedName: String { name }
}

/// The outcome of one case that did not give what was expected.
public struct ConformanceFailure: Sendable {
    public let testCase: ConformanceCase
    public let reason: String
}

public enum ConformanceSuite {
    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a JSON array of cases.
    public static func load(path: String) throws -> [ConformanceCase] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw FormatError(description: "\(path): expected a JSON array of case objects")
        }
        return try array.enumerated().map { (index, object) in
            let label = [object["file"], object["section"], object["name"]].compactMap { $0 as? String }.joined(separator: "/")
            guard let expr = object["expr"] as? String else { throw FormatError(description: "\(path): case \(index) (\(label)) has no string 'expr'") }
            var bindings: [String: Value] = [:]
            for (name, typed) in object["bindings"] as? [String: Any] ?? [:] {
                bindings[name] = try decode(typed, at: "\(label) binding \(name)")
            }
            let expectation: ConformanceCase.Expectation
            if let value = object["value"] {
                expectation = .value(try decode(value, at: label))
            } else if let error = object["error"] {
                expectation = .error(error as? String ?? "error")
            } else {
                throw FormatError(description: "\(path): case \(index) (\(label)) has neither 'value' nor 'error'")
            }
            return ConformanceCase(name: label.isEmpty ? "case \(index)" : label, expr: expr, bindings: bindings, expectation: expectation)
        }
    }

    /// Runs one case; nil when it passed.
    public static func run(_ testCase: ConformanceCase) -> ConformanceFailure? {
        let result: Result<Value, Error>
        do {
            let program = try Program(testCase.expr, environment: .lenient)
            result = .success(try program.evaluate(Activation(variables: testCase.bindings), limits: EvalLimits(maxSteps: 1_000_000)))
        } catch {
            result = .failure(error)
        }
        switch (testCase.expectation, result) {
        case (.value(let expected), .success(let actual)):
            return identical(expected, actual) ? nil : ConformanceFailure(testCase: testCase, reason: "expected \(render(expected)), got \(render(actual))")
        case (.value(let expected), .failure(let error)):
            return ConformanceFailure(testCase: testCase, reason: "expected \(render(expected)), got error: \(error)")
        case (.error, .failure):
            return nil
        case (.error(let expected), .success(let actual)):
            return ConformanceFailure(testCase: testCase, reason: "expected error '\(expected)', got \(render(actual))")
        }
    }

    /// Same type and same value, recursively; NaN matches NaN.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.double(x), .double(y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        case let (.list(x), .list(y)):
            return x.count == y.count && (0..<x.count).allSatisfy { identical(x[$0], y[$0]) }
        case let (.map(x), .map(y)):
            return x.count == y.count && x.entries.allSatisfy { entry in
                y.entries.contains { identical($0.key, entry.key) && identical($0.value, entry.value) }
            }
        default:
            return a.celType == b.celType && Equality.equals(a, b)
        }
    }

    static func decode(_ typed: Any, at label: String) throws -> Value {
        guard let object = typed as? [String: Any], object.count == 1, let (kind, raw) = object.first else {
            throw FormatError(description: "\(label): a typed value is a one-key object")
        }
        func bad() -> FormatError { FormatError(description: "\(label): invalid \(kind) value") }
        switch kind {
        case "int": guard let s = raw as? String, let i = Int64(s) else { throw bad() }; return .int(i)
        case "uint": guard let s = raw as? String, let u = UInt64(s) else { throw bad() }; return .uint(u)
        case "double":
            guard let s = raw as? String else { throw bad() }
            switch s {
            case "inf": return .double(.infinity)
            case "-inf": return .double(-.infinity)
            case "nan": return .double(.nan)
            default: guard let d = Double(s) else { throw bad() }; return .double(d)
            }
        case "string": guard let s = raw as? String else { throw bad() }; return .string(s)
        case "bytes_b64": guard let s = raw as? String, let d = Data(base64Encoded: s) else { throw bad() }; return .bytes([UInt8](d))
        case "bool": guard let b = raw as? Bool else { throw bad() }; return .bool(b)
        case "null": return .null
        case "list": guard let items = raw as? [Any] else { throw bad() }; return .list(ListValue(try items.map { try decode($0, at: label) }))
        case "map":
            guard let items = raw as? [[String: Any]] else { throw bad() }
            return .map(MapValue(try items.map { item in
                guard let k = item["key"], let v = item["value"] else { throw bad() }
                return (key: try decode(k, at: label), value: try decode(v, at: label))
            }))
        case "type": guard let s = raw as? String, let t = CELType.denotations[s] else { throw bad() }; return .type(t)
        default: throw FormatError(description: "\(label): unknown value kind '\(kind)'")
        }
    }

    /// A short CEL-like rendering of a value for messages.
    public static func render(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return Conversions.formatDouble(d) + (d.rounded() == d && d.isFinite && abs(d) < 1e21 ? ".0" : "")
        case .string(let s): return "\"\(s)\""
        case .bytes(let b): return "b\"\(String(decoding: b, as: UTF8.self))\""
        case .list(let l): return "[" + l.elements.map(render).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return "timestamp(\"\(t.text)\")"
        case .duration(let d): return "duration(\"\(d.text)\")"
        }
    }
}

extension Value {
    /// The value as a person reads it: strings bare, numbers and times as `string()` gives them.
    public var displayText: String {
        switch self {
        case .string(let s): return s
        case .null, .list, .map, .bytes: return ConformanceSuite.render(self)
        default: return (try? Conversions.toString(self)).flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? ConformanceSuite.render(self)
        }
    }
}
