/// How far a best practice is established.
public enum PracticeStatus: String, Sendable, Codable, CaseIterable {
    case met, partiallyMet = "partially_met", notMet = "not_met", notApplicable = "not_applicable", unanswered

    /// Credit in the score: met 1, partially met ½, otherwise 0.
    var credit: Double {
        switch self {
        case .met: return 1
        case .partiallyMet: return 0.5
        default: return 0
        }
    }
}

/// A question's risk, as the Well-Architected Tool reports it.
public enum QuestionRisk: String, Sendable, Codable, CaseIterable {
    case high = "HIGH", medium = "MEDIUM", none = "NONE", notApplicable = "NOT_APPLICABLE", unanswered = "UNANSWERED"
}

public enum Verdict: String, Sendable, Codable {
    case ready = "READY", conditional = "CONDITIONAL", notReady = "NOT_READY"
}

/// Scores findings against the rubric.
///
/// - A practice is **not met** when a check evidencing it fails, **partially met** when some of its checks
///   pass and others could not be evaluated, **met** when all pass, **unanswered** with no evidence.
/// - A question is **HIGH** risk when a high-risk practice is not met, **MEDIUM** when a medium-risk practice
///   is not met or a high-risk one only partially, **UNANSWERED** when none of its practices has evidence,
///   **NONE** otherwise.
/// - Scores are 0–100: the risk-weighted (high 3, medium 2, low 1) share of credit (met 1, partial ½),
///   over applicable practices; unanswered practices earn nothing.
/// - Verdict: **NOT_READY** with any HIGH question or failing critical finding; **CONDITIONAL** with any
///   MEDIUM or UNANSWERED question or suppressed finding; **READY** otherwise.
public enum Scoring {
    public static func practiceStatus(_ practice: Practice, findings: [Finding]) -> PracticeStatus {
        if findings.isEmpty { return .unanswered }
        if findings.contains(where: { $0.status == .fail }) { return .notMet }
        let decided = findings.filter { $0.status == .pass || $0.status == .suppressed }
        if decided.isEmpty { return .unanswered }
        return decided.count == findings.count ? .met : .partiallyMet
    }

    public static func questionRisk(_ practices: [(practice: Practice, status: PracticeStatus)]) -> QuestionRisk {
        if !practices.isEmpty && practices.allSatisfy({ $0.status == .notApplicable }) { return .notApplicable }
        if practices.contains(where: { $0.practice.risk == .high && $0.status == .notMet }) { return .high }
        if practices.contains(where: { ($0.practice.risk == .medium && $0.status == .notMet) || ($0.practice.risk == .high && $0.status == .partiallyMet) }) {
            return .medium
        }
        if practices.allSatisfy({ $0.status == .unanswered || $0.status == .notApplicable }) { return .unanswered }
        return .none
    }

    /// Risk-weighted share of credit, 0–100; nil when nothing is applicable.
    public static func score(_ practices: [(practice: Practice, status: PracticeStatus)]) -> Double? {
        var earned = 0.0, possible = 0.0
        for (practice, status) in practices where status != .notApplicable {
            possible += practice.risk.weight
            earned += practice.risk.weight * status.credit
        }
        guard possible > 0 else { return nil }
        return (earned / possible * 1000).rounded() / 10
    }

    public static func verdict(questionRisks: [QuestionRisk], findings: [Finding]) -> Verdict {
        if questionRisks.contains(.high) || findings.contains(where: { $0.status == .fail && $0.severity == .critical }) { return .notReady }
        if questionRisks.contains(.medium) || questionRisks.contains(.unanswered) || findings.contains(where: { $0.status == .suppressed }) {
            return .conditional
        }
        return .ready
    }
}
