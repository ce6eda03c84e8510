import OpsCore
import OpsDocument

/// What changed between two saved JSON reports (milestones): verdict, score, question risks, and failing
/// findings that are new or fixed, matched by fingerprint (check, file, resource, property path).
public struct AssessmentDiff: Sendable {
    public struct Side: Sendable {
        public let verdict: Verdict
        public let score: Double?
        public let risks: [(id: String, risk: QuestionRisk)]
        /// Failing findings by fingerprint: check, resource, message.
        public let failing: [String: (check: String, resource: String, message: String)]

        /// The side of an assessment made here (`--compare-to REVISION`).
        public init(_ assessment: Assessment) {
            self.init(verdict: assessment.verdict, score: assessment.score, risks: assessment.questions.map { ($0.question.id, $0.risk) }, failing: [:])
        }

        public init(verdict: Verdict, score: Double?, risks: [(id: String, risk: QuestionRisk)],
                    failing: [String: (check: String, resource: String, message: String)]) {
            self.verdict = verdict
            self.score = score
            self.risks = risks
            self.failing = failing
        }
    }

    public struct RiskChange: Sendable {
        public let question: String
        public let before: QuestionRisk
        public let after: QuestionRisk

        /// The risk rose (none → medium, medium → high, an answered question now unanswered).
        public var worsened: Bool { after > before }
    }

    public let before: Side
    public let after: Side

    public var riskChanges: [RiskChange] { Self.riskChanges(from: before.risks, to: after.risks) }

    /// The questions whose risk differs, in the order of `after`.
    public static func riskChanges(from before: [(id: String, risk: QuestionRisk)], to after: [(id: String, risk: QuestionRisk)]) -> [RiskChange] {
        let old = Dictionary(before.map { ($0.id, $0.risk) }, uniquingKeysWith: { a, _ in a })
        return after.compactMap { q in
            let was = old[q.id] ?? .unanswered
            return was == q.risk ? nil : RiskChange(question: q.id, before: was, after: q.risk)
        }
    }

    public var newFindings: [(check: String, resource: String, message: String)] {
        after.failing.filter { before.failing[$0.key] == nil }.sorted { $0.key < $1.key }.map(\.value)
    }

    public var fixedFindings: [(check: String, resource: String, message: String)] {
        before.failing.filter { after.failing[$0.key] == nil }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The verdict got worse or a failing finding appeared.
    public var regressed: Bool { after.verdict > before.verdict || !newFindings.isEmpty }

    public static func load(before: String, after: String) throws(DocumentError) -> AssessmentDiff {
        AssessmentDiff(before: try side(before), after: try side(after))
    }

    /// Reads one JSON report.
    public static func side(_ path: String) throws(DocumentError) -> Side {
        let documents = try DocumentLoader.load(path: path, syntax: .json)
        guard let root = documents.first, root["report_version"]?.scalar == .int(1) else {
            throw DocumentError(file: path, line: 1, column: 1, message: "not an opsready JSON report (report_version 1)")
        }
        let verdictNode = root["verdict"]
        guard let verdictText = verdictNode?.string else { throw DocumentError(at: root.location, "report has no 'verdict'") }
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw DocumentError(at: verdictNode?.location ?? root.location, "unknown verdict '\(verdictText)' (known: \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var score: Double?
        switch root["score"]?["overall"]?.scalar {
        case .double(let d)?: score = d
        case .int(let i)?: score = Double(i)
        default: score = nil
        }
        var risks: [(id: String, risk: QuestionRisk)] = []
        for q in root["questions"]?.items ?? [] {
            guard let id = q["id"]?.string, let riskNode = q["risk"], let text = riskNode.string else { continue }
            guard let risk = QuestionRisk(rawValue: text) else {
                throw DocumentError(at: riskNode.location, "unknown risk '\(text)' (known: \(QuestionRisk.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            risks.append((id, risk))
        }
        var failing: [String: (check: String, resource: String, message: String)] = [:]
        for f in root["findings"]?.items ?? [] where f["status"]?.string == "fail" {
            guard let fingerprint = f["fingerprint"]?.string, let check = f["check"]?.string else { continue }
            failing[fingerprint] = (check, f["resource"]?["id"]?.string ?? "(workload)", f["message"]?.string ?? "")
        }
        return Side(verdict: verdict, score: score, risks: risks, failing: failing)
    }

    public func renderText() -> String {
        func score(_ s: Double?) -> String { s.map { String(format: "%.1f", $0) } ?? "—" }
        var out = ["Verdict: \(before.verdict.rawValue) → \(after.verdict.rawValue)"]
        var scoreLine = "Score: \(score(before.score)) → \(score(after.score))"
        if let a = before.score, let b = after.score { scoreLine += String(format: " (%+.1f)", b - a) }
        out.append(scoreLine)
        let changes = riskChanges
        out.append(changes.isEmpty ? "Question risks: unchanged" : "Question risks:")
        for c in changes { out.append("  \(c.question): \(c.before.rawValue) → \(c.after.rawValue)") }
        let new = newFindings, fixed = fixedFindings
        out.append("New failing findings: \(new.count)")
        for f in new { out.append("  + \(f.check) \(f.resource): \(f.message)") }
        out.append("Fixed findings: \(fixed.count)")
        for f in fixed { out.append("  - \(f.check) \(f.resource): \(f.message)") }
        return out.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }
}
