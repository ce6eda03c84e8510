import Foundation
import OpsDocument
import OpsPromQL

/// One Alertmanager label matcher (`severity="critical"`, `service=~"api|web"`, `team!=db`), parsed as Alertmanager's
/// classic parser does: an optional `{…}` around comma-separated matchers, a label name, `=`, `!=`, `=~` or `!~`, and a
/// value that is quoted (with `\"`, `\\` and `\n` escapes) or bare. Regular expressions are anchored at both ends.
public struct AlertmanagerMatcher: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable { case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~" }

    public let label: String
    public let op: Operator
    public let value: String
    private let regex: NSRegularExpression?

    public init(label: String, op: Operator, value: String) throws(DocumentError) {
        self.label = label
        self.op = op
        self.value = value
        if op == .regex || op == .notRegex {
            guard let compiled = try? NSRegularExpression(pattern: "^(?:\(RE2Pattern.icu(value)))$") else {
                throw DocumentError(file: "", message: "invalid regular expression \"\(value)\"")
            }
            regex = compiled
        } else {
            regex = nil
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.label == b.label && a.op == b.op && a.value == b.value }

    /// Whether a label set passes; a missing label is the empty string.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[label] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .regex, .notRegex:
            let hit = regex.map { $0.firstMatch(in: actual, range: NSRange(actual.startIndex..., in: actual)) != nil } ?? false
            return op == .regex ? hit : !hit
        }
    }

    /// As Alertmanager prints it: `service=~"api|web"`.
    public var text: String {
        label + op.rawValue + "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static let labelName = try! NSRegularExpression(pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*$")

    /// Every matcher in one `matchers:` entry; the error names the entry's location.
    public static func parseList(_ text: String, at location: SourceLocation) throws(DocumentError) -> [AlertmanagerMatcher] {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("{") {
            guard body.hasSuffix("}") else { throw DocumentError(at: location, "matcher '\(text)' opens '{' and does not close it") }
            body = String(body.dropFirst().dropLast())
        }
        var result: [AlertmanagerMatcher] = []
        for part in split(body) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            result.append(try parse(part, at: location))
        }
        guard !result.isEmpty else { throw DocumentError(at: location, "matcher '\(text)' is empty") }
        return result
    }

    /// Splits on commas outside quotes.
    private static func split(_ text: String) -> [String] {
        var parts: [String] = [], current = ""
        var quoted = false, escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && quoted { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == "," && !quoted { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        return parts
    }

    private static func parse(_ raw: String, at location: SourceLocation) throws(DocumentError) -> AlertmanagerMatcher {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let opRange = text.firstIndex(where: { "=!".contains($0) }) else {
            throw DocumentError(at: location, "matcher '\(raw)' has no operator (=, !=, =~ or !~)")
        }
        let label = text[..<opRange].trimmingCharacters(in: .whitespaces)
        var rest = text[opRange...]
        let op: Operator
        if rest.hasPrefix("=~") { op = .regex } else if rest.hasPrefix("!~") { op = .notRegex } else if rest.hasPrefix("!=") { op = .notEqual }
        else if rest.hasPrefix("=") { op = .equal } else { throw DocumentError(at: location, "matcher '\(raw)' has no operator (=, !=, =~ or !~)") }
        rest = rest.dropFirst(op.rawValue.count)
        guard labelName.firstMatch(in: label, range: NSRange(label.startIndex..., in: label)) != nil else {
            throw DocumentError(at: location, "matcher '\(raw)': '\(label)' is not a label name")
        }
        var value = rest.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\"") {
            guard value.count >= 2, value.hasSuffix("\""), !value.hasSuffix("\\\"") || value.hasSuffix("\\\\\"") else {
                throw DocumentError(at: location, "matcher '\(raw)': the quoted value is not closed")
            }
            var unquoted = "", escaped = false
            for c in value.dropFirst().dropLast() {
                if escaped {
                    unquoted.append(c == "n" ? "\n" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    throw DocumentError(at: location, "matcher '\(raw)': an unescaped '\"' inside the value")
                } else {
                    unquoted.append(c)
                }
            }
            value = unquoted
        }
        do { return try AlertmanagerMatcher(label: label, op: op, value: value) } catch {
            throw DocumentError(at: location, "matcher '\(raw)': \(error.message)")
        }
    }
}
