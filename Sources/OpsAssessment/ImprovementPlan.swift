import OpsCore
/// The practices still to establish, most important first: by the practice's risk, then by effort (a failing
/// config check is a template change; an unanswered practice needs the team to answer it; an attested "no"
/// needs a process built), then id.
public struct ImprovementPlan: Sendable {
    public enum Effort: String, Sendable, CaseIterable {
        case low, medium, high

        var rank: Int { self == .low ? 0 : (self == .medium ? 1 : 2) }
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
        let riskRank: [PracticeRisk: Int] = [.high: 0, .medium: 1, .low: 2]
        self.items = items.sorted {
            (riskRank[$0.practice.risk]!, $0.effort.rank, $0.practice.id) < (riskRank[$1.practice.risk]!, $1.effort.rank, $1.practice.id)
        }
    }
}
