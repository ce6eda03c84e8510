import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// Loads a rubric directory: `rubric.yaml` (id, title, the area files in order) and one file per area.
public enum RubricLoader {
    public static func load(directory: String) throws(DocumentError) -> Rubric {
        let indexPath = directory + "/rubric.yaml"
        let index = try single(indexPath)
        var reader = try NodeReader(index, what: "rubric")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        let areaFiles = try reader.strings("areas")
        var verdictRules: [VerdictRule] = []
        for item in try reader.list("verdict") { verdictRules.append(try verdictRule(item)) }
        try reader.finish()
        guard !areaFiles.isEmpty else { throw DocumentError(at: index.location, "rubric lists no 'areas' files") }
        if verdictRules.isEmpty { verdictRules = defaultVerdictRules }
        var areas: [Area] = []
        for file in areaFiles { areas.append(try area(try single(directory + "/" + file))) }
        let rubric = Rubric(id: id, title: title, areas: areas, verdictRules: verdictRules)
        try rejectDuplicateIds(rubric)
        return rubric
    }

    private static func single(_ path: String) throws(DocumentError) -> Node {
        let documents = try DocumentLoader.load(path: path)
        guard documents.count == 1 else { throw DocumentError(file: path, message: "expected exactly one YAML document, found \(documents.count)") }
        return documents[0]
    }

    private static func area(_ node: Node) throws(DocumentError) -> Area {
        var reader = try NodeReader(node, what: "area")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        var questions: [Question] = []
        for q in try reader.list("questions") { questions.append(try question(q)) }
        try reader.finish()
        return Area(id: id, title: title, questions: questions)
    }

    private static func question(_ node: Node) throws(DocumentError) -> Question {
        var reader = try NodeReader(node, what: "question")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        var practices: [Practice] = []
        for p in try reader.list("practices") { practices.append(try practice(p)) }
        var rules: [RiskRule] = []
        let known = Set(practices.map(\.id))
        for item in try reader.list("risk_rules") { rules.append(try riskRule(item, question: id, known: known)) }
        try reader.finish()
        if rules.isEmpty { rules = defaultRiskRules(practices) }
        guard rules.last?.condition == .always else {
            throw DocumentError(at: node.location, "the last risk rule of \(id) must be 'default'")
        }
        return Question(id: id, title: title, practices: practices, riskRules: rules, location: node.location)
    }

    private static func practice(_ node: Node) throws(DocumentError) -> Practice {
        var reader = try NodeReader(node, what: "best practice")
        let practice = Practice(
            id: try reader.string("id"),
            title: try reader.localized("title"),
            description: try reader.optionalLocalized("description"),
            risk: try reader.enumeration("risk", PracticeRisk.self),
            evidence: try reader.optional("evidence").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "evidence", Practice.Evidence.self) } ?? .automated,
            seed: try reader.optionalString("seed"),
            location: node.location
        )
        try reader.finish()
        return practice
    }

    private static func riskRule(_ node: Node, question: String, known: Set<String>) throws(DocumentError) -> RiskRule {
        var reader = try NodeReader(node, what: "risk rule")
        let conditionNode = try reader.required("condition")
        let text = try NodeReader.string(conditionNode, key: "condition")
        let risk = try reader.enumeration("risk", QuestionRisk.self)
        try reader.finish()
        guard [.high, .medium, .none].contains(risk) else {
            throw DocumentError(at: node.location, "a risk rule gives HIGH, MEDIUM or NONE, not \(risk.rawValue)")
        }
        let condition: RiskCondition
        do {
            condition = try RiskCondition(parsing: text)
        } catch {
            throw DocumentError(at: conditionNode.location, "risk rule condition, column \(error.column): \(error.message)")
        }
        if let unknown = condition.practiceIds.first(where: { !known.contains($0) }) {
            throw DocumentError(at: conditionNode.location, "risk rule of \(question) names '\(unknown)', which is not one of its practices")
        }
        return RiskRule(condition: condition, risk: risk)
    }

    /// Without explicit rules: NONE when every high- and medium-risk practice is met, MEDIUM when every
    /// high-risk practice is, HIGH otherwise.
    static func defaultRiskRules(_ practices: [Practice]) -> [RiskRule] {
        func all(_ ids: [String]) -> RiskCondition? {
            ids.map(RiskCondition.practice).reduce(nil) { partial, next in partial.map { .and($0, next) } ?? next }
        }
        var rules: [RiskRule] = []
        if let none = all(practices.filter { $0.risk != .low }.map(\.id)) { rules.append(RiskRule(condition: none, risk: .none)) }
        if let medium = all(practices.filter { $0.risk == .high }.map(\.id)) { rules.append(RiskRule(condition: medium, risk: .medium)) }
        rules.append(RiskRule(condition: .always, risk: rules.isEmpty ? .none : .high))
        return rules
    }

    private static func verdictRule(_ node: Node) throws(DocumentError) -> VerdictRule {
        var reader = try NodeReader(node, what: "verdict rule")
        let verdict = try reader.enumeration("verdict", Verdict.self)
        let whenNode = try reader.required("when")
        let source = try NodeReader.string(whenNode, key: "when")
        try reader.finish()
        do {
            return VerdictRule(verdict: verdict, condition: try Program(source, environment: VerdictRule.environment))
        } catch {
            throw DocumentError(at: whenNode.location, "'when' expression, column \(error.column): \(error.message)")
        }
    }

    static let defaultVerdictRules: [VerdictRule] = [
        VerdictRule(verdict: .notReady, condition: try! Program("risks.HIGH > 0 || failing.critical > 0 || waivers.expired > 0", environment: VerdictRule.environment)),
        VerdictRule(verdict: .conditional, condition: try! Program("risks.MEDIUM > 0 || risks.UNANSWERED > 0 || waivers.active > 0 || suppressed > 0 || contradictions > 0", environment: VerdictRule.environment)),
        VerdictRule(verdict: .ready, condition: try! Program("true", environment: VerdictRule.environment)),
    ]

    private static func rejectDuplicateIds(_ rubric: Rubric) throws(DocumentError) {
        var seen: [String: SourceLocation] = [:]
        for question in rubric.questions {
            if let first = seen[question.id] { throw DocumentError(at: question.location, "duplicate question id '\(question.id)' (first at \(first))") }
            seen[question.id] = question.location
            for practice in question.practices {
                if let first = seen[practice.id] { throw DocumentError(at: practice.location, "duplicate practice id '\(practice.id)' (first at \(first))") }
                seen[practice.id] = practice.location
            }
        }
    }
}
