import OpsCore

/// The practices still to establish, most important first: by the practice's risk, then by effort (a failing
/// config check is a template change; an unanswered practice needs the team to answer it; an attested "no"
/// needs a process built), then id.
public struct ImprovementPlan: Sendable {
    /// Ordered from least to most work.
    public enum Effort: String, Sendable, CaseIterable, Comparable {
        case low, medium, high

        public static func < (a: Effort, b: Effort) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public struct Item: Sendable {
        public let practice: Practice
        public let question: String
        public let status: PracticeStatus
        public let effort: Effort
        /// Failing findings that block the practice.
        public let blockers: [Finding]
    }

    public let items: [Item]

    /// `findings` holds each practice's findings.
    init(_ questions: [Assessment.QuestionResult], findings: [String: [Finding]]) {
        var items: [Item] = []
        for q in questions {
            for p in q.practices where p.status == .notMet || p.status == .partiallyMet || p.status == .unanswered {
                let blockers = (findings[p.practice.id] ?? []).filter { $0.status == .fail }
                let effort: Effort
                if !blockers.isEmpty && p.attestation?.answer != .no { effort = .low }
                else if p.status == .unanswered || p.status == .partiallyMet { effort = .medium }
                else { effort = .high }
                items.append(Item(practice: p.practice, question: q.question.id, status: p.status, effort: effort, blockers: blockers))
            }
        }
        // The riskiest first (the heaviest weight in the score), then the least work, then by id.
        self.items = items.sorted {
            (-$0.practice.risk.weight, $0.effort, $0.practice.id) < (-$1.practice.risk.weight, $1.effort, $1.practice.id)
        }
    }
}
