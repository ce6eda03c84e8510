@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import XCTest

final class ScoringTests: XCTestCase {
    static let here = SourceLocation(file: "m.yaml", line: 1, column: 1)

    private func practice(_ id: String, _ risk: PracticeRisk) -> Practice {
        Practice(id: id, title: LocalizedText(id), description: nil, risk: risk, evidence: .automated, seed: nil, location: Self.here)
    }

    private func finding(_ status: Finding.Status, severity: Severity = .high, check: String = "C-X-1") -> Finding {
        Finding(check: check, status: status, severity: severity, practices: ["P"], resource: Finding.ResourceRef(type: "T", id: "R"),
                location: SourceLocation(file: "t.yaml", line: 3, column: 5), path: nil, message: LocalizedText("m"), note: nil)
    }

    private func attestation(_ answer: Attestation.Answer, expires: String? = nil, practice: String = "P") -> Attestation {
        Attestation(practice: practice, answer: answer, by: "김운영", date: CalendarDate("2026-11-01")!, evidence: [.ticket("OPS-1")],
                    expires: expires.flatMap(CalendarDate.init), reason: answer == .notApplicable ? .outOfScope : nil, note: nil, location: Self.here)
    }

    func testAutomatedEvidenceAlone() {
        XCTAssertEqual(Scoring.practiceOutcome(findings: [], attestation: nil).status, .unanswered)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.pass), finding(.pass)], attestation: nil).status, .met)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.pass), finding(.fail)], attestation: nil).status, .notMet)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.pass), finding(.error)], attestation: nil).status, .partiallyMet)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.error)], attestation: nil).status, .unanswered)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.waived)], attestation: nil).status, .met)
    }

    /// Evidence that only supports (`evidence: supports`) never answers for the team: passing alone leaves the practice
    /// unanswered, failing still counts against it, and an answer against it is a contradiction as for any check.
    func testSupportingEvidenceNeedsTheTeamsAnswer() {
        let supporting: Set<String> = ["C-DASH-1"]
        let passing = Scoring.practiceOutcome(findings: [finding(.pass, check: "C-DASH-1")], attestation: nil, supporting: supporting)
        XCTAssertEqual(passing.status, .unanswered)
        XCTAssertEqual(passing.automated, .met, "still machine-evidenced")
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.fail, check: "C-DASH-1")], attestation: nil, supporting: supporting).status, .notMet)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.pass, check: "C-DASH-1"), finding(.pass)], attestation: nil, supporting: supporting).status, .met,
                       "a proving check beside it answers")
        XCTAssertEqual(Scoring.practiceOutcome(findings: [finding(.pass, check: "C-DASH-1")], attestation: attestation(.yes), supporting: supporting).status, .met)
        XCTAssertNotNil(Scoring.practiceOutcome(findings: [finding(.pass, check: "C-DASH-1")], attestation: attestation(.no), supporting: supporting).contradiction)
        XCTAssertNotNil(Scoring.practiceOutcome(findings: [finding(.fail, check: "C-DASH-1")], attestation: attestation(.yes), supporting: supporting).contradiction)
    }

    func testAttestationsAndContradictions() {
        XCTAssertEqual(Scoring.practiceOutcome(findings: [], attestation: attestation(.yes)).status, .met)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [], attestation: attestation(.partial)).status, .partiallyMet)
        XCTAssertEqual(Scoring.practiceOutcome(findings: [], attestation: attestation(.notApplicable)).status, .notApplicable)
        let failingYes = Scoring.practiceOutcome(findings: [finding(.fail, check: "AWS-RDS-001")], attestation: attestation(.yes))
        XCTAssertEqual(failingYes.status, .notMet, "an automated failure overrides a yes")
        XCTAssertEqual(failingYes.contradiction, "attested 'yes' by 김운영 but failing: AWS-RDS-001")
        let passingNo = Scoring.practiceOutcome(findings: [finding(.pass)], attestation: attestation(.no))
        XCTAssertEqual(passingNo.status, .notMet)
        XCTAssertNotNil(passingNo.contradiction)
        let partialOverPass = Scoring.practiceOutcome(findings: [finding(.pass)], attestation: attestation(.partial))
        XCTAssertEqual(partialOverPass.status, .partiallyMet)
        XCTAssertNil(partialOverPass.contradiction)
        XCTAssertNotNil(Scoring.practiceOutcome(findings: [finding(.fail)], attestation: attestation(.notApplicable)).contradiction)
    }

    private func question(_ practices: [Practice]) -> Question {
        Question(id: "Q1", title: LocalizedText("q"), practices: practices, riskRules: RubricLoader.defaultRiskRules(practices), location: Self.here)
    }

    func testQuestionRiskFollowsTheRiskRules() {
        let q = question([practice("H", .high), practice("M", .medium), practice("L", .low)])
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .met, "M": .met, "L": .notMet]), .none)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .met, "M": .notMet, "L": .met]), .medium)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .partiallyMet, "M": .met, "L": .met]), .high)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .notApplicable, "M": .met, "L": .met]), .none)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: [:]), .unanswered)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .notApplicable, "M": .notApplicable, "L": .notApplicable]), .notApplicable)
    }

    func testPartlyAnsweredQuestionsReportALowerBound() {
        let q = question([practice("H", .high), practice("M", .medium), practice("L", .low)])
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .notMet]), .high, "a failing high-risk practice decides, whatever the rest")
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["M": .notMet]), .medium)
        XCTAssertEqual(Scoring.questionRisk(q, statuses: ["H": .met]), .unanswered, "NONE cannot be concluded while practices are unanswered")
    }

    func testExplicitRulesWithNotAndOr() throws {
        let rules = [
            RiskRule(condition: try RiskCondition(parsing: "A && (B || C) && !D"), risk: .none),
            RiskRule(condition: try RiskCondition(parsing: "A"), risk: .medium),
            RiskRule(condition: try RiskCondition(parsing: "default"), risk: .high),
        ]
        XCTAssertEqual(Scoring.evaluate(rules, ["A", "C"]), .none)
        XCTAssertEqual(Scoring.evaluate(rules, ["A", "C", "D"]), .medium)
        XCTAssertEqual(Scoring.evaluate(rules, ["B"]), .high)
        XCTAssertEqual(try RiskCondition(parsing: "A && (B || C) && !D").description, "A && (B || C) && !D")
        XCTAssertThrowsError(try RiskCondition(parsing: "A && (B")) { error in
            XCTAssertEqual((error as? RiskCondition.ConditionError)?.message, "expected ')'")
        }
    }

    func testScoreIsRiskWeighted() {
        let high = practice("H", .high), low = practice("L", .low)
        XCTAssertEqual(Scoring.score([(high, .met), (low, .notMet)]), 75)
        XCTAssertEqual(Scoring.score([(high, .partiallyMet), (low, .met)]), 62.5)
        XCTAssertEqual(Scoring.score([(high, .notApplicable), (low, .met)]), 100)
        XCTAssertNil(Scoring.score([(high, .notApplicable)]))
    }

    func testVerdictComesFromTheRubricRules() throws {
        let rules = try Fixtures.rubric().verdictRules
        var facts = Scoring.VerdictFacts()
        facts.risks = [.none: 11]
        XCTAssertEqual(Scoring.verdict(rules, facts: facts), .ready)
        facts.activeWaivers = 1
        XCTAssertEqual(Scoring.verdict(rules, facts: facts), .conditional)
        facts.contradictions = 1
        facts.activeWaivers = 0
        XCTAssertEqual(Scoring.verdict(rules, facts: facts), .conditional)
        facts.expiredWaivers = 1
        XCTAssertEqual(Scoring.verdict(rules, facts: facts), .notReady)
        var critical = Scoring.VerdictFacts()
        critical.risks = [.none: 11]
        critical.failing = [.critical: 1]
        XCTAssertEqual(Scoring.verdict(rules, facts: critical), .notReady)
    }

    func testWaiversMatchExactlyAndExpire() {
        let waiver = Waiver(check: "C-X-1", file: "t.yaml", resource: "R", reason: "r", owner: "o", ticket: "OPS-9",
                            expires: CalendarDate("2026-12-31")!, location: Self.here)
        let other = Finding(check: "C-X-1", status: .fail, severity: .high, practices: ["P"], resource: Finding.ResourceRef(type: "T", id: "R"),
                            location: SourceLocation(file: "other.yaml", line: 3, column: 5), path: nil, message: LocalizedText("m"), note: nil)
        let (active, ledger) = WaiverLedger.apply([waiver], to: [finding(.fail), other], on: CalendarDate("2026-12-01")!)
        XCTAssertEqual(active.map(\.status), [.waived, .fail], "the same resource in another file is not waived")
        XCTAssertEqual(active[0].note, "waived until 2026-12-31 by o, OPS-9: r")
        XCTAssertEqual(ledger.activeCount, 1)
        let (expired, expiredLedger) = WaiverLedger.apply([waiver], to: [finding(.fail)], on: CalendarDate("2027-01-01")!)
        XCTAssertEqual(expired.map(\.status), [.fail], "an expired waiver stops waiving")
        XCTAssertEqual(expiredLedger.expiredCount, 1)
    }

    func testAssessmentAppliesAttestationExpiryAndWaiversAndFailsTheGate() throws {
        let rubric = try Fixtures.rubric()
        var context = Assessment.Context(workload: "w", asOf: CalendarDate("2027-06-01")!)
        context.attestations = ["OPS01-BP01": attestation(.yes, expires: "2027-05-20", practice: "OPS01-BP01")]
        context.waivers = [Waiver(check: "C-X-1", file: nil, resource: nil, reason: "r", owner: "o", ticket: nil,
                                  expires: CalendarDate("2027-01-01")!, location: Self.here)]
        let a = Assessment(rubric: rubric, checks: [], findings: [], failOn: .high, inputs: [], resourceCount: 0, context: context)
        let p = try XCTUnwrap(a.questions.first?.practices.first)
        XCTAssertEqual(p.status, .unanswered, "an expired attestation counts as unanswered")
        XCTAssertNotNil(p.expiredAttestation)
        XCTAssertEqual(a.gate.expiredWaivers, 1)
        XCTAssertTrue(a.gate.failed, "an expired waiver fails the gate even with no failing finding")
        XCTAssertEqual(a.verdict, .notReady)
    }

    /// The summary's counts: every status and every failing severity counted apart, a different number of each.
    func testTallyCountsEachStatusAndEachFailingSeverity() throws {
        let statuses: [(Finding.Status, Int)] = [(.pass, 1), (.error, 2), (.skipped, 3), (.waived, 4), (.suppressed, 5)]
        let failing: [(Severity, Int)] = [(.low, 6), (.medium, 7), (.high, 8), (.critical, 9)]
        let findings = statuses.flatMap { status, n in Array(repeating: finding(status, severity: .critical), count: n) }
            + failing.flatMap { severity, n in Array(repeating: finding(.fail, severity: severity), count: n) }
        let a = Assessment(rubric: try Fixtures.rubric(), checks: [], findings: findings.shuffled(), failOn: .high, inputs: [], resourceCount: 0)
        let tally = a.tally()
        XCTAssertEqual(tally.byStatus, Dictionary(uniqueKeysWithValues: statuses + [(.fail, 30)]))
        XCTAssertEqual(tally.failingBySeverity, Dictionary(uniqueKeysWithValues: failing))
        XCTAssertEqual(a.gate.blocking, 17, "the high and critical failures block")
    }
}
