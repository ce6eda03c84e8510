import Foundation
import OpsCore
import OpsDocument

/// The AWS Well-Architected Tool's custom lens format (`schemaVersion` 2021-11-01): export a rubric so a team
/// can load it into the Tool, import a team's own lens as a rubric, and export an assessment's answers.
///
/// Mapping: areas are pillars, questions are questions, practices are choices (`OPS01-BP01` becomes
/// `OPS01_BP01`, since lens ids allow only letters, digits and `_`; import maps `X_BPnn` back to `X-BPnn`), a
/// `<question>_no` "None of these" choice is added, and risk rules become `riskRules`
/// (NONE/MEDIUM/HIGH as NO_RISK/MEDIUM_RISK/HIGH_RISK). A practice's own risk level is not part of the
/// format; import infers it from the rules: required for MEDIUM → high, required only for NONE → medium,
/// otherwise low.
///
/// As in the Tool, pillar and question ids are unique in a lens and choice ids only within their question (AWS's
/// published lenses number every question's choices `choice1`, `choice2`…). A rubric needs practice ids unique across
/// it, so in a lens that reuses choice ids every choice is imported as `<question>_<choice>`; exporting that rubric
/// writes those ids, and importing the export gives the same rubric again. The `_no` ("None of these") choice needs no
/// improvement plan.
public enum WellArchitectedLens {
    public static let schemaVersion = "2021-11-01"
    public static let maxBytes = 500 * 1024

    public struct LensError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func lensId(_ id: String) -> String { id.replacingOccurrences(of: "-", with: "_") }

    static func practiceId(_ lensId: String) -> String {
        guard let range = lensId.range(of: "_BP[0-9]+$", options: .regularExpression) else { return lensId }
        return lensId[..<range.lowerBound] + "-" + lensId[lensId.index(after: range.lowerBound)...]
    }

    static let risks: [(QuestionRisk, String)] = [(.none, "NO_RISK"), (.medium, "MEDIUM_RISK"), (.high, "HIGH_RISK")]

    // MARK: Export

    public static func export(_ rubric: Rubric, language: Language) throws -> String {
        for area in rubric.areas {
            for id in [area.id] + area.questions.flatMap({ [$0.id] + $0.practices.map(\.id) + [$0.id + "_no"] })
            where idPattern.firstMatch(in: lensId(id), range: NSRange(lensId(id).startIndex..., in: lensId(id))) == nil {
                throw LensError(description: "id '\(id)' cannot be a lens id (3 to 128 letters, digits or '_')")
            }
        }
        let pillars: [JSONValue] = rubric.areas.map { area in
            .object([
                ("id", .string(lensId(area.id))),
                ("name", .string(area.title.text(language))),
                ("questions", .array(area.questions.map { question(for: $0, language: language) })),
            ])
        }
        let lens = JSONValue.object([
            ("schemaVersion", .string(schemaVersion)),
            ("name", .string(rubric.title.text(language))),
            ("description", .string(language == .ko ? "opsready에서 내보낸 렌즈: \(rubric.id)" : "Exported from opsready: \(rubric.id)")),
            ("pillars", .array(pillars)),
        ]).rendered()
        try validate(lens, source: "exported lens")
        return lens
    }

    private static func question(for question: Question, language: Language) -> JSONValue {
        var choices: [JSONValue] = question.practices.map { practice in
            let description = practice.description?.text(language) ?? practice.title.text(language)
            let plan = (language == .ko ? "확립하십시오: " : "Establish: ") + practice.title.text(language) + ". " + description
            return .object([
                ("id", .string(lensId(practice.id))),
                ("title", .string(practice.title.text(language))),
                ("helpfulResource", .object([("displayText", .string(String(description.prefix(2048))))])),
                ("improvementPlan", .object([("displayText", .string(String(plan.prefix(2048))))])),
            ])
        }
        let none = language == .ko ? "해당 사항 없음" : "None of these"
        choices.append(.object([
            ("id", .string(lensId(question.id) + "_no")),
            ("title", .string(none)),
            ("helpfulResource", .object([("displayText", .string(none))])),
            ("improvementPlan", .object([("displayText", .string(language == .ko ? "위의 실천 항목부터 시작하십시오." : "Start with the practices above."))])),
        ]))
        let rules: [JSONValue] = question.riskRules.map { rule in
            .object([("condition", .string(rule.condition.render(lensId))),
                     ("risk", .string(risks.first { $0.0 == rule.risk }!.1))])
        }
        return .object([
            ("id", .string(lensId(question.id))),
            ("title", .string(question.title.text(language))),
            ("description", .string(question.title.text(language))),
            ("choices", .array(choices)),
            ("riskRules", .array(rules)),
        ])
    }

    /// The lens limits the Tool enforces: size, id shape, text lengths.
    static func validate(_ text: String, source: String) throws {
        guard text.utf8.count <= maxBytes else { throw LensError(description: "\(source): lens is \(text.utf8.count) bytes, over the 500 KB limit") }
    }

    static let idPattern = try! NSRegularExpression(pattern: "^[A-Za-z0-9_]{3,128}$")

    static func checkId(_ id: String, at location: SourceLocation) throws(DocumentError) {
        guard idPattern.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil else {
            throw DocumentError(at: location, "lens id '\(id)' must be 3 to 128 letters, digits or '_'")
        }
    }

    static func checkLength(_ text: String, max: Int, what: String, at location: SourceLocation) throws(DocumentError) {
        guard text.count <= max else { throw DocumentError(at: location, "\(what) is \(text.count) characters; the lens format allows \(max)") }
    }

    // MARK: Import

    /// Reads a lens JSON file as a rubric (both languages get the lens's text).
    public static func importLens(path: String) throws(DocumentError) -> Rubric {
        let bytes = try DocumentLoader.readFile(path: path, limits: LoadLimits(maxBytes: maxBytes))
        let documents = try DocumentLoader.parse(bytes, file: path, syntax: .json)
        guard let root = documents.first, documents.count == 1 else { throw DocumentError(file: path, message: "expected one JSON object") }
        guard let version = root["schemaVersion"] else { throw DocumentError(at: root.location, "not a lens: no 'schemaVersion'") }
        guard version.string == schemaVersion else {
            throw DocumentError(at: version.location, "lens schemaVersion '\(version.scalar?.description ?? "?")' is not \(schemaVersion)")
        }
        let name = try text(root, "name", max: 128)
        var areas: [Area] = []
        guard let pillars = root["pillars"]?.items, !pillars.isEmpty else { throw DocumentError(at: root.location, "lens has no 'pillars'") }
        var seen: [String: SourceLocation] = [:]
        func unique(_ id: String, _ location: SourceLocation) throws(DocumentError) {
            try checkId(id, at: location)
            if let first = seen[id] { throw DocumentError(at: location, "duplicate lens id '\(id)' (first at \(first.line):\(first.column))") }
            seen[id] = location
        }
        // A lens that numbers choices per question gets them qualified by their question.
        var questionsOfChoice: [String: Int] = [:]
        for pillar in pillars {
            for q in pillar["questions"]?.items ?? [] {
                for id in Set((q["choices"]?.items ?? []).compactMap { $0["id"]?.string }) { questionsOfChoice[id, default: 0] += 1 }
            }
        }
        let numberedPerQuestion = questionsOfChoice.values.contains { $0 > 1 }
        for pillar in pillars {
            let pillarId = try text(pillar, "id", max: 128)
            try unique(pillarId, pillar["id"]!.location)
            var questions: [Question] = []
            for q in pillar["questions"]?.items ?? [] {
                let qid = try text(q, "id", max: 128)
                try unique(qid, q["id"]!.location)
                let title = try text(q, "title", max: 128)
                var choiceNodes: [(id: String, node: Node)] = []
                var inQuestion: [String: SourceLocation] = [:]
                for c in q["choices"]?.items ?? [] {
                    let cid = try text(c, "id", max: 128)
                    try checkId(cid, at: c["id"]!.location)
                    if let first = inQuestion[cid] {
                        throw DocumentError(at: c["id"]!.location, "duplicate choice id '\(cid)' in question \(qid) (first at \(first.line):\(first.column))")
                    }
                    inQuestion[cid] = c["id"]!.location
                    if cid.hasSuffix("_no") { continue }
                    guard c["improvementPlan"]?["displayText"] != nil else {
                        throw DocumentError(at: c.location, "choice \(cid) has no improvementPlan.displayText (required by the lens format)")
                    }
                    let qualified = numberedPerQuestion ? qid + "_" + cid : cid
                    if qualified != cid { try checkId(qualified, at: c["id"]!.location) }
                    choiceNodes.append((qualified, c))
                }
                guard !choiceNodes.isEmpty else { throw DocumentError(at: q.location, "question \(qid) has no choices") }
                // Risk rules name the question's own choice ids.
                let lensToPractice = Dictionary(uniqueKeysWithValues: zip(
                    (q["choices"]?.items ?? []).compactMap { $0["id"]?.string }.filter { !$0.hasSuffix("_no") }, choiceNodes.map { practiceId($0.id) }))
                let choiceIds = Set(choiceNodes.map { practiceId($0.id) })
                let toPractice = { (cid: String) in lensToPractice[cid] ?? practiceId(cid) }
                var rules: [RiskRule] = []
                for r in q["riskRules"]?.items ?? [] {
                    let conditionText = try text(r, "condition", max: 2048)
                    let riskText = try text(r, "risk", max: 32)
                    guard let risk = risks.first(where: { $0.1 == riskText })?.0 else {
                        throw DocumentError(at: r["risk"]!.location, "risk '\(riskText)' must be NO_RISK, MEDIUM_RISK or HIGH_RISK")
                    }
                    let condition: RiskCondition
                    do { condition = try RiskCondition(parsing: conditionText) } catch {
                        throw DocumentError(at: r["condition"]!.location, "risk rule condition, column \(error.column): \(error.message)")
                    }
                    let mapped = map(condition, toPractice)
                    if let unknown = mapped.practiceIds.first(where: { !choiceIds.contains($0) }) {
                        throw DocumentError(at: r["condition"]!.location, "risk rule names '\(lensId(unknown))', which is not a choice of \(qid)")
                    }
                    rules.append(RiskRule(condition: mapped, risk: risk))
                }
                if rules.last?.condition != .always { rules.append(RiskRule(condition: .always, risk: .high)) }
                let required = { (risk: QuestionRisk) in Set(rules.filter { $0.risk == risk }.flatMap(\.condition.practiceIds)) }
                let forMedium = required(.medium), forNone = required(.none)
                var practices: [Practice] = []
                for (cid, c) in choiceNodes {
                    let pid = practiceId(cid)
                    let ctitle = try text(c, "title", max: 128)
                    let help = c["helpfulResource"]?["displayText"]?.string ?? c["description"]?.string
                    let risk: PracticeRisk = forMedium.contains(pid) ? .high : (forNone.contains(pid) ? .medium : .low)
                    practices.append(Practice(id: pid, title: LocalizedText(ctitle), description: help.map(LocalizedText.init),
                                              risk: risk, evidence: .attestation, seed: nil, location: c.location))
                }
                questions.append(Question(id: practiceId(qid), title: LocalizedText(title), practices: practices, riskRules: rules, location: q.location))
            }
            areas.append(Area(id: pillarId, title: LocalizedText(try text(pillar, "name", max: 128)), questions: questions))
        }
        let id = name.lowercased().replacingOccurrences(of: "[^a-z0-9]+", with: "-", options: .regularExpression)
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return Rubric(id: id.isEmpty ? "imported-lens" : id, title: LocalizedText(name), areas: areas, verdictRules: RubricLoader.defaultVerdictRules)
    }

    private static func map(_ condition: RiskCondition, _ f: (String) -> String) -> RiskCondition {
        switch condition {
        case .always: return .always
        case .practice(let p): return .practice(f(p))
        case .not(let c): return .not(map(c, f))
        case .and(let a, let b): return .and(map(a, f), map(b, f))
        case .or(let a, let b): return .or(map(a, f), map(b, f))
        }
    }

    private static func text(_ node: Node, _ key: String, max: Int) throws(DocumentError) -> String {
        guard let value = node[key] else { throw DocumentError(at: node.location, "missing '\(key)'") }
        guard let s = value.string else { throw DocumentError(at: value.location, "'\(key)' must be a string") }
        try checkLength(s, max: max, what: "'\(key)'", at: value.location)
        return s
    }
}
