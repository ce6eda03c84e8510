import OpsCore
import OpsExpr

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

    /// Ordering for "the worse of two answers": not met < partially met < met.
    fileprivate var rank: Int {
        switch self {
        case .notMet: return 0
        case .partiallyMet: return 1
        default: return 2
        }
    }
}

/// A question's risk, as the Well-Architected Tool reports it.
/// Scores findings and attestations against the rubric. The rules, in the order they apply:
///
/// - **Automated evidence** for a practice: not met when a check evidencing it fails, partially met when some
///   pass and others could not be evaluated, met when all pass (or are waived or suppressed). Evidence that only
///   supports (`evidence: supports`) does not answer for the team: without an attestation, a practice whose passing
///   evidence all supports stays unanswered.
/// - **Attestation** (current, not expired): yes → met, partial → partially met, no → not met,
///   not_applicable → not applicable.
/// - **Both**: the worse of the two. A failing check against a yes/partial/not_applicable attestation, or a
///   "no" against passing checks, is a **contradiction**, reported, and the practice is not met.
/// - **Question risk**: the first of the question's risk rules that holds over its met (or not applicable)
///   practices. While practices are unanswered the risk is a lower bound: the rules are evaluated as if every
///   unanswered practice were met; if that gives NONE the question is UNANSWERED. All not applicable →
///   NOT_APPLICABLE; nothing answered → UNANSWERED.
/// - **Score**, 0–100: the risk-weighted (high 3, medium 2, low 1) share of credit over applicable practices.
/// - **Verdict**: the first of the rubric's verdict rules that holds.
public enum Scoring {
    public struct PracticeOutcome: Sendable {
        public let status: PracticeStatus
        public let automated: PracticeStatus?
        public let contradiction: String?
    }

    /// The practice's status from its findings and its (current) attestation.
    /// `supporting`: the checks whose passing only supports an answer.
    public static func practiceOutcome(findings: [Finding], attestation: Attestation?, supporting: Set<String> = []) -> PracticeOutcome {
        let automated = automatedStatus(findings)
        guard let attestation else {
            let proving = findings.contains { $0.status != .skipped && !supporting.contains($0.check) }
            if let automated, automated != .notMet, !proving { return PracticeOutcome(status: .unanswered, automated: automated, contradiction: nil) }
            return PracticeOutcome(status: automated ?? .unanswered, automated: automated, contradiction: nil)
        }
        let attested: PracticeStatus
        switch attestation.answer {
        case .yes: attested = .met
        case .partial: attested = .partiallyMet
        case .no: attested = .notMet
        case .notApplicable: attested = .notApplicable
        }
        guard let automated else { return PracticeOutcome(status: attested, automated: nil, contradiction: nil) }
        let failing = findings.filter { $0.status == .fail }.map(\.check)
        if automated == .notMet && attested != .notMet {
            let checks = Array(Set(failing)).sorted().joined(separator: ", ")
            return PracticeOutcome(status: .notMet, automated: automated,
                                   contradiction: "attested '\(attestation.answer.rawValue)' by \(attestation.by) but failing: \(checks)")
        }
        if attested == .notMet && automated == .met {
            return PracticeOutcome(status: .notMet, automated: automated,
                                   contradiction: "attested 'no' by \(attestation.by) but every automated check passes")
        }
        if attested == .notApplicable { return PracticeOutcome(status: .notApplicable, automated: automated, contradiction: nil) }
        let status = attested.rank <= automated.rank ? attested : automated
        return PracticeOutcome(status: status, automated: automated, contradiction: nil)
    }

    /// The status automated findings alone give, or nil without any decided finding. Skipped findings (a probe
    /// declared but deliberately not run) are no evidence either way.
    static func automatedStatus(_ all: [Finding]) -> PracticeStatus? {
        let findings = all.filter { $0.status != .skipped }
        if findings.isEmpty { return nil }
        if findings.contains(where: { $0.status == .fail }) { return .notMet }
        let decided = findings.filter { $0.status == .pass || $0.status == .suppressed || $0.status == .waived }
        if decided.isEmpty { return nil }
        return decided.count == findings.count ? .met : .partiallyMet
    }

    public static func questionRisk(_ question: Question, statuses: [String: PracticeStatus]) -> QuestionRisk {
        let all = question.practices.map { statuses[$0.id] ?? .unanswered }
        if !all.isEmpty && all.allSatisfy({ $0 == .notApplicable }) { return .notApplicable }
        if all.allSatisfy({ $0 == .unanswered || $0 == .notApplicable }) { return .unanswered }
        var chosen = Set<String>()
        var unanswered = Set<String>()
        for practice in question.practices {
            switch statuses[practice.id] ?? .unanswered {
            case .met, .notApplicable: chosen.insert(practice.id)
            case .unanswered: unanswered.insert(practice.id)
            default: break
            }
        }
        let risk = evaluate(question.riskRules, chosen.union(unanswered))
        if !unanswered.isEmpty && risk == .none { return .unanswered }
        return risk
    }

    static func evaluate(_ rules: [RiskRule], _ chosen: Set<String>) -> QuestionRisk {
        rules.first { $0.condition.holds(chosen) }?.risk ?? .high
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

    /// The counts verdict rules see.
    public struct VerdictFacts: Sendable {
        public var risks: [QuestionRisk: Int] = [:]
        public var failing: [Severity: Int] = [:]
        public var activeWaivers = 0
        public var expiredWaivers = 0
        public var suppressed = 0
        public var contradictions = 0
        public var score: Double?

        public init() {}

        var activation: Activation {
            let risks = MapValue(fields: QuestionRisk.allCases.map { ($0.rawValue, Value.int(Int64(self.risks[$0] ?? 0))) })
            let failing = MapValue(fields: Severity.allCases.map { ($0.rawValue, Value.int(Int64(self.failing[$0] ?? 0))) })
            return Activation(variables: [
                "risks": .map(risks), "failing": .map(failing),
                "waivers": .map(MapValue(fields: [("active", .int(Int64(activeWaivers))), ("expired", .int(Int64(expiredWaivers)))])),
                "suppressed": .int(Int64(suppressed)), "contradictions": .int(Int64(contradictions)),
                "score": score.map(Value.double) ?? .null,
            ])
        }
    }

    /// The first verdict rule that holds; NOT_READY when a rule cannot be evaluated.
    public static func verdict(_ rules: [VerdictRule], facts: VerdictFacts) -> Verdict {
        let activation = facts.activation
        for rule in rules {
            guard case .bool(let holds)? = try? rule.condition.evaluate(activation) else { return .notReady }
            if holds { return rule.verdict }
        }
        return .notReady
    }
}
