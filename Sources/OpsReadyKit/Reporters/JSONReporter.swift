import Foundation
import OpsDocument

/// The JSON report: the stable contract, described by `docs/report.schema.json`.
public struct JSONReporter: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func render(_ assessment: Assessment) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(Report(assessment, language: language))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Report: Encodable {
        struct Tool: Encodable { let name: String; let version: String }
        struct Score: Encodable { let overall: Double?; let areas: [AreaScore] }
        struct AreaScore: Encodable { let id: String; let title: String; let score: Double?; let risk_counts: [String: Int] }
        struct PracticeEntry: Encodable { let id: String; let title: String; let risk: String; let status: String; let checks: [String] }
        struct QuestionEntry: Encodable { let id: String; let area: String; let title: String; let risk: String; let practices: [PracticeEntry] }
        struct Location: Encodable { let file: String; let line: Int; let column: Int }
        struct FindingEntry: Encodable {
            let check: String; let title: String; let status: String; let severity: String; let practices: [String]
            let resource: Finding.ResourceRef?; let location: Location?; let path: String?; let message: String; let note: String?
            let seed: String?
        }
        struct Summary: Encodable {
            let resources: Int; let checks: Int; let findings: Int; let by_status: [String: Int]; let failing_by_severity: [String: Int]
        }
        struct Gate: Encodable { let fail_on: String; let blocking: Int; let failed: Bool }

        let report_version = 1
        let tool = Tool(name: OpsReady.name, version: OpsReady.version)
        let language: String
        let rubric: String
        let inputs: [String]
        let verdict: String
        let score: Score
        let questions: [QuestionEntry]
        let findings: [FindingEntry]
        let summary: Summary
        let gate: Gate

        init(_ a: Assessment, language lang: Language) {
            language = lang.rawValue
            rubric = a.rubric.id
            inputs = a.inputs
            verdict = a.verdict.rawValue
            score = Score(overall: a.score, areas: a.areas.map { area in
                AreaScore(id: area.area.id, title: area.area.title.text(lang), score: area.score,
                          risk_counts: Dictionary(uniqueKeysWithValues: QuestionRisk.allCases.map { ($0.rawValue, area.riskCounts[$0] ?? 0) }))
            })
            questions = a.questions.map { q in
                QuestionEntry(id: q.question.id, area: q.area, title: q.question.title.text(lang), risk: q.risk.rawValue,
                              practices: q.practices.map { p in
                                  PracticeEntry(id: p.practice.id, title: p.practice.title.text(lang), risk: p.practice.risk.rawValue,
                                                status: p.status.rawValue, checks: p.checks)
                              })
            }
            let checks = Dictionary(a.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            findings = a.findings.map { f in
                FindingEntry(check: f.check, title: checks[f.check]?.title.text(lang) ?? f.check, status: f.status.rawValue,
                             severity: f.severity.rawValue, practices: f.practices, resource: f.resource,
                             location: f.location.map { Location(file: $0.file, line: $0.line, column: $0.column) },
                             path: f.path, message: f.message.text(lang), note: f.note, seed: checks[f.check]?.seed)
            }
            var byStatus: [String: Int] = [:]
            for status in Finding.Status.allCases { byStatus[status.rawValue] = a.count(status) }
            var bySeverity: [String: Int] = [:]
            for severity in Severity.allCases { bySeverity[severity.rawValue] = a.findings.filter { $0.status == .fail && $0.severity == severity }.count }
            summary = Summary(resources: a.resourceCount, checks: a.checks.count, findings: a.findings.count, by_status: byStatus, failing_by_severity: bySeverity)
            gate = Gate(fail_on: a.gate.failOn?.rawValue ?? "none", blocking: a.gate.blocking, failed: a.gate.failed)
        }
    }
}
