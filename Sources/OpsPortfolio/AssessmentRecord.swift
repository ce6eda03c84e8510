import Foundation
import OpsAssessment
import OpsCore

/// An assessment as the portfolio keeps it (`assess --store`): what a workload page shows, in both languages, without
/// the rubric, the checks or the inputs at hand. Findings that pass are counted, not listed; the others carry their
/// location and the source lines around it, as the HTML report shows them.
public struct AssessmentRecord: Codable, Sendable, Equatable {
    /// Bumped when a field changes meaning; a reader refuses versions it does not know.
    public static let currentVersion = 1

    public struct Area: Codable, Sendable, Equatable {
        public let id: String
        public let title: LocalizedText
        public let score: Double?
    }

    public struct Practice: Codable, Sendable, Equatable {
        public let id: String
        public let title: LocalizedText
        public let risk: String
        public let status: String
        /// What automated evidence alone says, when it says anything.
        public let automated: String?
        public let attested: Bool
    }

    public struct Question: Codable, Sendable, Equatable {
        public let id: String
        public let area: String
        public let title: LocalizedText
        public let risk: String
        public let practices: [Practice]
    }

    public struct SourceLine: Codable, Sendable, Equatable {
        public let line: Int
        public let text: String
        public let marked: Bool
    }

    public struct Finding: Codable, Sendable, Equatable {
        public let check: String
        public let title: LocalizedText
        public let message: LocalizedText
        public let status: String
        public let severity: String
        public let questions: [String]
        public let resourceType: String?
        public let resourceId: String?
        public let file: String?
        public let line: Int?
        public let column: Int?
        public let snippet: [SourceLine]
    }

    public struct Waiver: Codable, Sendable, Equatable {
        public let check: String
        public let resource: String?
        public let reason: String
        public let owner: String
        public let expires: String
        public let state: String
    }

    public struct PlanItem: Codable, Sendable, Equatable {
        public let practice: String
        public let question: String
        public let title: LocalizedText
        public let risk: String
        public let status: String
        public let effort: String
        public let action: LocalizedText
        public let blockedBy: [String]
    }

    /// Live probes run with the assessment (`--probes`).
    public struct Probes: Codable, Sendable, Equatable {
        public let passed: Int
        public let failed: Int
    }

    public struct Input: Codable, Sendable, Equatable {
        public let path: String
        public let sha256: String?
    }

    public let recordVersion: Int
    public let workload: String
    public let asOf: String?
    public let rubric: LocalizedText
    public let verdict: String
    public let score: Double?
    public let areas: [Area]
    public let questions: [Question]
    /// Every finding that did not pass.
    public let findings: [Finding]
    /// Findings by status, passes included.
    public let findingCounts: [String: Int]
    public let waivers: [Waiver]
    public let plan: [PlanItem]
    /// Nil when no probe ran with this assessment.
    public let probes: Probes?
    public let inputs: [Input]

    /// The record of `assessment` of `workload`; `digests` maps an input file to its SHA-256 (hex).
    public init(_ assessment: Assessment, workload: String, digests: [String: String]) {
        let a = assessment
        recordVersion = Self.currentVersion
        self.workload = workload
        asOf = a.context.asOf?.description
        rubric = a.rubric.title
        verdict = a.verdict.rawValue
        score = a.score
        areas = a.areas.map { Area(id: $0.area.id, title: $0.area.title, score: $0.score) }
        questions = a.questions.map { q in
            Question(id: q.question.id, area: q.area, title: q.question.title, risk: q.risk.rawValue, practices: q.practices.map { p in
                Practice(id: p.practice.id, title: p.practice.title, risk: p.practice.risk.rawValue, status: p.status.rawValue,
                         automated: p.automated?.rawValue, attested: p.attestation != nil)
            })
        }
        let questionOf = Dictionary(a.questions.flatMap { q in q.practices.map { ($0.practice.id, q.question.id) } }, uniquingKeysWith: { first, _ in first })
        let checks = Dictionary(a.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        findings = a.findings.filter { $0.status != .pass }.map { f in
            var questions: [String] = []
            for practice in f.practices { if let q = questionOf[practice], !questions.contains(q) { questions.append(q) } }
            return Finding(check: f.check, title: checks[f.check]?.title ?? LocalizedText(f.check), message: f.message, status: f.status.rawValue,
                           severity: f.severity.rawValue, questions: questions, resourceType: f.resource?.type, resourceId: f.resource?.id,
                           file: f.location?.file, line: f.location?.line, column: f.location?.column,
                           snippet: a.snippet(for: f).map { SourceLine(line: $0.line, text: $0.text, marked: $0.marked) })
        }
        findingCounts = Dictionary(grouping: a.findings, by: \.status.rawValue).mapValues(\.count)
        waivers = a.waivers.entries.map { e in
            Waiver(check: e.waiver.check, resource: e.waiver.resource, reason: e.waiver.reason, owner: e.waiver.owner,
                   expires: e.waiver.expires.description, state: e.state.rawValue)
        }
        plan = a.plan.items.map { item in
            PlanItem(practice: item.practice.id, question: item.question, title: item.practice.title, risk: item.practice.risk.rawValue,
                     status: item.status.rawValue, effort: item.effort.rawValue, action: item.practice.description ?? item.practice.title,
                     blockedBy: item.blockers.map { "\($0.check) \($0.resource?.id ?? "(workload)")" })
        }
        let probeFindings = a.findings.filter { $0.resource?.type.hasPrefix("OpsReady::Probe::") == true }
        probes = probeFindings.isEmpty ? nil : Probes(passed: probeFindings.filter { $0.status == .pass }.count,
                                                      failed: probeFindings.filter { $0.status == .fail || $0.status == .error }.count)
        inputs = a.inputs.map { Input(path: $0, sha256: digests[$0]) }
    }

    /// Questions at each risk level.
    public func questionCount(risk: String) -> Int { questions.filter { $0.risk == risk }.count }

    /// The JSON kept in the store (keys sorted, so a record is byte-for-byte reproducible).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every field is a string, number, bool, array or object of those: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A stored record; nil when the text is not one (or a newer version than this build reads).
    public static func decode(_ text: String) -> AssessmentRecord? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let record = try? decoder.decode(AssessmentRecord.self, from: Data(text.utf8)), record.recordVersion <= currentVersion else { return nil }
        return record
    }
}
