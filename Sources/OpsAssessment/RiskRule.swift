import Foundation
import OpsCore
import OpsDocument

/// A Well-Architected risk rule: when `condition` holds over the question's chosen (met) practices, the
/// question has `risk`. Rules are tried in order; the first that holds wins; `default` always holds.
public struct RiskRule: Sendable {
    public let condition: RiskCondition
    public let risk: QuestionRisk
}

/// A boolean condition over practice ids with `&&`, `||`, `!` and parentheses, or `default`: the form the
/// WA Tool uses in custom lenses (there with choice ids).
public indirect enum RiskCondition: Sendable, Equatable, CustomStringConvertible {
    case always
    case practice(String)
    case not(RiskCondition)
    case and(RiskCondition, RiskCondition)
    case or(RiskCondition, RiskCondition)

    public func holds(_ chosen: Set<String>) -> Bool {
        switch self {
        case .always: return true
        case .practice(let id): return chosen.contains(id)
        case .not(let c): return !c.holds(chosen)
        case .and(let a, let b): return a.holds(chosen) && b.holds(chosen)
        case .or(let a, let b): return a.holds(chosen) || b.holds(chosen)
        }
    }

    /// Every practice id the condition names.
    public var practiceIds: [String] {
        switch self {
        case .always: return []
        case .practice(let id): return [id]
        case .not(let c): return c.practiceIds
        case .and(let a, let b), .or(let a, let b): return a.practiceIds + b.practiceIds
        }
    }

    public var description: String { render { $0 } }

    /// The condition as text, with ids mapped (the lens format wants `OPS01_BP01`).
    public func render(_ id: (String) -> String) -> String {
        switch self {
        case .always: return "default"
        case .practice(let p): return id(p)
        case .not(let c): return "!" + c.renderOperand(id)
        case .and(let a, let b): return a.renderOperand(id, inside: "&&") + " && " + b.renderOperand(id, inside: "&&")
        case .or(let a, let b): return a.renderOperand(id, inside: "||") + " || " + b.renderOperand(id, inside: "||")
        }
    }

    private func renderOperand(_ id: (String) -> String, inside op: String? = nil) -> String {
        switch self {
        case .and where op == "&&", .or where op == "||", .practice, .always, .not: return render(id)
        default: return "(" + render(id) + ")"
        }
    }

    /// Parses `A && (B || !C)` or `default`; ids are letters, digits, `-` and `_`.
    public init(parsing text: String) throws(ConditionError) {
        if text.trimmingCharacters(in: .whitespaces) == "default" { self = .always; return }
        var parser = ConditionParser(Array(text.unicodeScalars))
        let condition = try parser.or()
        parser.skipSpace()
        guard parser.atEnd else { throw ConditionError(column: parser.index + 1, message: "unexpected '\(parser.peek!)'") }
        self = condition
    }

    public struct ConditionError: Error, Sendable {
        public let column: Int
        public let message: String
    }
}

private struct ConditionParser {
    let chars: [Unicode.Scalar]
    var index = 0

    init(_ chars: [Unicode.Scalar]) { self.chars = chars }

    var atEnd: Bool { index >= chars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : chars[index] }

    mutating func skipSpace() { while let c = peek, c == " " || c == "\t" { index += 1 } }

    mutating func take(_ op: String) -> Bool {
        skipSpace()
        let scalars = Array(op.unicodeScalars)
        guard index + scalars.count <= chars.count, Array(chars[index..<(index + scalars.count)]) == scalars else { return false }
        index += scalars.count
        return true
    }

    mutating func or() throws(RiskCondition.ConditionError) -> RiskCondition {
        var left = try and()
        while take("||") { left = .or(left, try and()) }
        return left
    }

    mutating func and() throws(RiskCondition.ConditionError) -> RiskCondition {
        var left = try unary()
        while take("&&") { left = .and(left, try unary()) }
        return left
    }

    mutating func unary() throws(RiskCondition.ConditionError) -> RiskCondition {
        if take("!") { return .not(try unary()) }
        if take("(") {
            let inner = try or()
            guard take(")") else { throw .init(column: index + 1, message: "expected ')'") }
            return inner
        }
        skipSpace()
        let start = index
        while let c = peek, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" { index += 1 }
        guard index > start else { throw .init(column: index + 1, message: atEnd ? "unexpected end of condition" : "expected a practice id") }
        return .practice(String(String.UnicodeScalarView(chars[start..<index])))
    }
}
