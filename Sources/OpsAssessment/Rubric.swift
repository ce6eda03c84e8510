import OpsCore
import OpsDocument
import OpsExpr

/// A best practice: the unit that is met, partially met, not met, not applicable or unanswered.
public struct Practice: Sendable {
    public let id: String
    public let title: LocalizedText
    public let description: LocalizedText?
    public let risk: PracticeRisk
    /// How the practice is evidenced: by automated checks and probes, or by attestation only.
    public let evidence: Evidence
    public let seed: String?
    public let location: SourceLocation

    public enum Evidence: String, Sendable, CaseIterable {
        case automated, attestation
    }
}

public struct Question: Sendable {
    public let id: String
    public let title: LocalizedText
    public let practices: [Practice]
    /// Ordered; the first whose condition holds over the met practices gives the question's risk.
    public let riskRules: [RiskRule]
    public let location: SourceLocation
}

public struct Area: Sendable {
    public let id: String
    public let title: LocalizedText
    public let questions: [Question]
}

/// Areas → questions → best practices, such as the Well-Architected Operational Excellence pillar.
public struct Rubric: Sendable {
    public let id: String
    public let title: LocalizedText
    public let areas: [Area]
    /// Ordered; the first whose condition holds gives the verdict.
    public let verdictRules: [VerdictRule]

    public var questions: [Question] { areas.flatMap(\.questions) }
    public var practices: [Practice] { questions.flatMap(\.practices) }
}

/// When `condition` (CEL over the assessment's counts) holds, the verdict is `verdict`.
///
/// The condition sees `risks` (questions per risk: `risks.HIGH`), `failing` (failing findings per severity:
/// `failing.critical`), `waivers` (`active`, `expired`), `suppressed`, `contradictions` and `score`.
public struct VerdictRule: Sendable {
    public let verdict: Verdict
    public let condition: OpsExpr.Program

    static let environment = Environment(variables: ["risks", "failing", "waivers", "suppressed", "contradictions", "score"])
}
