import OpsAssessment
import OpsCore

/// Answers for the Well-Architected Tool: per question in the shape of its UpdateAnswer call, with an evidence
/// note per choice (`opsready rubric export` writes the lens these answer).
public struct WellArchitectedAnswersReporter: Reporter {
    public static let format = "wa-answers"
    public static let fileExtension = "wa-answers.json"
    public static let summary = "Answers for the Well-Architected Tool, per question, with evidence notes."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    /// Answers per question in the shape of the Tool's UpdateAnswer call, with an evidence note per choice.
    public func render(_ a: Assessment) -> String {
        // Where each practice's automated evidence is: its failing findings first, then the others.
        var evidence: [String: [String]] = [:]
        for finding in a.findings.sorted(by: { ($0.status == .fail ? 0 : 1) < ($1.status == .fail ? 0 : 1) }) {
            guard let location = finding.location else { continue }
            for practice in finding.practices where (evidence[practice]?.count ?? 0) < 2 {
                let text = "\(location.file):\(location.line)"
                if evidence[practice]?.contains(text) != true { evidence[practice, default: []].append(text) }
            }
        }
        let questions: [JSONValue] = a.questions.map { q in
            let selected = q.practices.filter { $0.status == .met }.map { JSONValue.string(WellArchitectedLens.lensId($0.practice.id)) }
            var updates: [(String, JSONValue)] = []
            for p in q.practices {
                let status: String
                var fields: [(String, JSONValue)] = []
                switch p.status {
                case .met: status = "SELECTED"
                case .notApplicable:
                    status = "NOT_APPLICABLE"
                    fields.append(("Reason", .string(p.attestation?.reason?.rawValue ?? "OTHER")))
                default: status = "UNSELECTED"
                }
                fields.insert(("Status", .string(status)), at: 0)
                fields.append(("Notes", .string(String(Self.note(p, evidence: evidence[p.practice.id] ?? []).prefix(250)))))
                updates.append((WellArchitectedLens.lensId(p.practice.id), .object(fields)))
            }
            let all = q.practices.allSatisfy { $0.status == .notApplicable }
            return .object([
                ("QuestionId", .string(WellArchitectedLens.lensId(q.question.id))),
                ("Risk", .string(q.risk.rawValue)),
                ("SelectedChoices", .array(selected)),
                ("ChoiceUpdates", .object(updates)),
                ("IsApplicable", .bool(!all)),
                ("Notes", .string(String("opsready \(OpsReady.version): \(q.risk.rawValue)".prefix(2084)))),
            ])
        }
        return JSONValue.object([
            ("LensAlias", .string(a.rubric.id)),
            ("Workload", .optional(a.context.workload)),
            ("AsOf", .optional(a.context.asOf?.description)),
            ("Language", .string(language.rawValue)),
            ("Answers", .array(questions)),
        ]).rendered()
    }

    /// What stands behind a practice's answer, in one line.
    static func note(_ p: Assessment.PracticeResult, evidence: [String]) -> String {
        var parts: [String] = []
        if let automated = p.automated {
            parts.append("machine-evidenced \(automated.rawValue) (\(evidence.joined(separator: ", "))) by \(p.checks.joined(separator: ","))")
        }
        if let att = p.attestation {
            parts.append("attested \(att.answer.rawValue) by \(att.by) \(att.date)" + (att.evidence.isEmpty ? "" : ": " + att.evidence.map(\.description).joined(separator: ", ")))
        }
        if let c = p.contradiction { parts.append("CONTRADICTION: \(c)") }
        return parts.isEmpty ? "unanswered" : parts.joined(separator: "; ")
    }
}
