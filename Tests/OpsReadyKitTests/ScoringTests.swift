import XCTest
import OpsDocument
@testable import OpsReadyKit

final class ScoringTests: XCTestCase {
    private func practice(_ id: String, _ risk: PracticeRisk) -> Practice {
        Practice(id: id, title: LocalizedText(id), description: nil, risk: risk, evidence: .automated, seed: nil,
                 location: SourceLocation(file: "r.yaml", line: 1, column: 1))
    }

    private func finding(_ status: Finding.Status, severity: Severity = .high) -> Finding {
        Finding(check: "C-X-1", status: status, severity: severity, practices: ["P"], resource: nil, location: nil, path: nil,
                message: LocalizedText("m"), note: nil)
    }

    func testPracticeStatusFromFindings() {
        let p = practice("P", .high)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: []), .unanswered)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: [finding(.pass), finding(.pass)]), .met)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: [finding(.pass), finding(.fail)]), .notMet)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: [finding(.pass), finding(.error)]), .partiallyMet)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: [finding(.error)]), .unanswered)
        XCTAssertEqual(Scoring.practiceStatus(p, findings: [finding(.suppressed)]), .met)
    }

    func testQuestionRiskFollowsThePracticeRisk() {
        let high = practice("H", .high), medium = practice("M", .medium), low = practice("L", .low)
        XCTAssertEqual(Scoring.questionRisk([(high, .notMet), (medium, .met)]), .high)
        XCTAssertEqual(Scoring.questionRisk([(high, .met), (medium, .notMet)]), .medium)
        XCTAssertEqual(Scoring.questionRisk([(high, .partiallyMet), (low, .met)]), .medium)
        XCTAssertEqual(Scoring.questionRisk([(high, .met), (low, .notMet)]), .none)
        XCTAssertEqual(Scoring.questionRisk([(high, .unanswered), (low, .unanswered)]), .unanswered)
        XCTAssertEqual(Scoring.questionRisk([(high, .notApplicable)]), .notApplicable)
    }

    func testScoreIsRiskWeighted() {
        let high = practice("H", .high), low = practice("L", .low)
        XCTAssertEqual(Scoring.score([(high, .met), (low, .notMet)]), 75)
        XCTAssertEqual(Scoring.score([(high, .partiallyMet), (low, .met)]), 62.5)
        XCTAssertEqual(Scoring.score([(high, .notApplicable), (low, .met)]), 100)
        XCTAssertNil(Scoring.score([(high, .notApplicable)]))
    }

    func testVerdict() {
        XCTAssertEqual(Scoring.verdict(questionRisks: [.none, .none], findings: []), .ready)
        XCTAssertEqual(Scoring.verdict(questionRisks: [.none, .medium], findings: []), .conditional)
        XCTAssertEqual(Scoring.verdict(questionRisks: [.none, .unanswered], findings: []), .conditional)
        XCTAssertEqual(Scoring.verdict(questionRisks: [.none], findings: [finding(.suppressed)]), .conditional)
        XCTAssertEqual(Scoring.verdict(questionRisks: [.high, .none], findings: []), .notReady)
        XCTAssertEqual(Scoring.verdict(questionRisks: [.none], findings: [finding(.fail, severity: .critical)]), .notReady)
    }
}
