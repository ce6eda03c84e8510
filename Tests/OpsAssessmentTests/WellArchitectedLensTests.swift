import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import XCTest

final class WellArchitectedLensTests: XCTestCase {
    func testExportThenImportGivesTheSameRubric() throws {
        let rubric = try Fixtures.rubric()
        let lens = try WellArchitectedLens.export(rubric, language: .en)
        XCTAssertLessThan(lens.utf8.count, WellArchitectedLens.maxBytes)
        let path = NSTemporaryDirectory() + "opsready-lens-\(UUID().uuidString).json"
        try lens.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try WellArchitectedLens.importLens(path: path)

        // Written out as YAML and loaded again, as `opsready rubric import` does.
        let directory = NSTemporaryDirectory() + "opsready-rubric-\(UUID().uuidString)"
        try RubricWriter.write(imported, to: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reloaded = try RubricLoader.load(directory: directory)

        func shape(_ r: Rubric) -> [String] {
            r.areas.flatMap { area in
                ["area \(area.id) \(area.title.en)"] + area.questions.flatMap { q in
                    ["question \(q.id) \(q.title.en)", "rules " + q.riskRules.map { "\($0.condition) -> \($0.risk.rawValue)" }.joined(separator: "; ")]
                        + q.practices.map { "practice \($0.id) \($0.risk.rawValue) \($0.title.en) | \($0.description?.en ?? "")" }
                }
            }
        }
        XCTAssertEqual(shape(reloaded), shape(rubric))
        XCTAssertEqual(reloaded.practices.count, 82)
    }

    func testLensStructureAndNoneChoice() throws {
        let lens = try WellArchitectedLens.export(try Fixtures.rubric(), language: .ko)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lens.utf8)) as? [String: Any])
        XCTAssertEqual(object["schemaVersion"] as? String, "2021-11-01")
        let pillars = try XCTUnwrap(object["pillars"] as? [[String: Any]])
        let question = try XCTUnwrap((pillars[0]["questions"] as? [[String: Any]])?.first)
        let choices = try XCTUnwrap(question["choices"] as? [[String: Any]])
        XCTAssertEqual(choices.first?["id"] as? String, "OPS01_BP01")
        XCTAssertEqual(choices.last?["id"] as? String, "OPS01_no")
        XCTAssertNotNil((choices.first?["improvementPlan"] as? [String: Any])?["displayText"])
        let rules = try XCTUnwrap(question["riskRules"] as? [[String: String]])
        XCTAssertEqual(rules.last, ["condition": "default", "risk": "HIGH_RISK"])
    }

    /// AWS's published custom lenses (the Operational Readiness Review and ECS lenses, say) number each question's
    /// choices `choice1`, `choice2`…, give a `_no` "None of these" choice no improvement plan, and carry URLs and
    /// additional resources. Written here in that shape: it imports, and export → import gives the same rubric.
    func testPublishedLensShapeImportsAndRoundTrips() throws {
        let lens = """
        {
          "schemaVersion": "2021-11-01",
          "name": "Operational Readiness Review",
          "description": "Questions asked before a workload goes to production.",
          "_version": "1.2",
          "pillars": [
            {
              "id": "orrEventManagement",
              "name": "Event management",
              "questions": [
                {
                  "id": "orr_alarms",
                  "title": "How do you know your customers are impacted?",
                  "description": "Alarms on what customers experience.",
                  "helpfulResource": {"displayText": "Alarm on symptoms.", "url": "https://docs.aws.amazon.com/"},
                  "choices": [
                    {"id": "choice1", "title": "Alarms on error rate", "helpfulResource": {"displayText": "5xx as a rate."},
                     "improvementPlan": {"displayText": "Add an error-rate alarm.", "url": "https://docs.aws.amazon.com/"},
                     "additionalResources": [{"type": "HELPFUL_RESOURCE", "content": [{"displayText": "x", "url": "https://docs.aws.amazon.com/"}]}]},
                    {"id": "choice2", "title": "Alarms on latency", "helpfulResource": {"displayText": "p99."},
                     "improvementPlan": {"displayText": "Add a latency alarm."}},
                    {"id": "orr_alarms_no", "title": "None of these", "helpfulResource": {"displayText": "None."}}
                  ],
                  "riskRules": [
                    {"condition": "choice1 && choice2", "risk": "NO_RISK"},
                    {"condition": "choice1 || choice2", "risk": "MEDIUM_RISK"},
                    {"condition": "default", "risk": "HIGH_RISK"}
                  ]
                },
                {
                  "id": "orr_runbooks",
                  "title": "Do you have runbooks for your alarms?",
                  "choices": [
                    {"id": "choice1", "title": "Every alarm links a runbook", "improvementPlan": {"displayText": "Link runbooks."}},
                    {"id": "orr_runbooks_no", "title": "None of these"}
                  ],
                  "riskRules": [
                    {"condition": "choice1", "risk": "NO_RISK"},
                    {"condition": "default", "risk": "HIGH_RISK"}
                  ]
                }
              ]
            }
          ]
        }
        """
        let path = NSTemporaryDirectory() + "opsready-orr-\(UUID().uuidString).json"
        try lens.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try WellArchitectedLens.importLens(path: path)
        XCTAssertEqual(imported.practices.map(\.id), ["orr_alarms_choice1", "orr_alarms_choice2", "orr_runbooks_choice1"],
                       "choice ids shared by questions are qualified by their question")
        XCTAssertEqual(imported.areas[0].questions[0].riskRules.first?.condition.practiceIds.sorted(), ["orr_alarms_choice1", "orr_alarms_choice2"])
        XCTAssertEqual(imported.areas[0].questions[0].practices[0].risk, .high, "required for MEDIUM_RISK")

        let exported = try WellArchitectedLens.export(imported, language: .en)
        let again = NSTemporaryDirectory() + "opsready-orr-again-\(UUID().uuidString).json"
        try exported.write(toFile: again, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: again) }
        let reimported = try WellArchitectedLens.importLens(path: again)
        func shape(_ r: Rubric) -> [String] {
            r.areas.flatMap { a in a.questions.flatMap { q in
                ["\(q.id) \(q.title.en) " + q.riskRules.map { "\($0.condition)->\($0.risk.rawValue)" }.joined(separator: ";")]
                    + q.practices.map { "\($0.id) \($0.risk.rawValue) \($0.title.en)" }
            } }
        }
        XCTAssertEqual(shape(reimported), shape(imported))
    }

    /// Lenses written by teams carry more than the format: a question's `category`, `riskLevel` and own
    /// `improvementPlan`, a choice's `description` instead of `helpfulResource`. They import; the description is the help.
    func testTeamLensExtrasImport() throws {
        let lens = """
        {"schemaVersion": "2021-11-01", "name": "Resilience Lens", "description": "d",
         "pillars": [{"id": "reliability", "name": "Reliability", "questions": [
           {"id": "rel_backup_1", "category": "Backup Strategy", "title": "How do you protect backups?", "description": "q",
            "riskLevel": "HIGH", "pillar": "reliability", "improvementPlan": {"displayText": "Protect them."},
            "choices": [
              {"id": "rel_backup_1_a", "title": "Immutable backups", "description": "Locked for their retention.", "improvementPlan": {"displayText": "Lock them."}},
              {"id": "rel_backup_1_b", "title": "Copies in another account", "description": "Isolated.", "improvementPlan": {"displayText": "Copy them."}}],
            "riskRules": [{"condition": "default", "risk": "HIGH_RISK"}]}]}]}
        """
        let path = NSTemporaryDirectory() + "opsready-team-lens-\(UUID().uuidString).json"
        try lens.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rubric = try WellArchitectedLens.importLens(path: path)
        XCTAssertEqual(rubric.practices.map(\.id), ["rel_backup_1_a", "rel_backup_1_b"])
        XCTAssertEqual(rubric.practices.first?.description?.en, "Locked for their retention.")
    }

    func testImportRejectsBadLenses() throws {
        func importing(_ json: String) -> String {
            let path = NSTemporaryDirectory() + "opsready-badlens-\(UUID().uuidString).json"
            try? json.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do { _ = try WellArchitectedLens.importLens(path: path); return "ok" } catch { return error.message }
        }
        XCTAssertEqual(importing(#"{"name": "x"}"#), "not a lens: no 'schemaVersion'")
        XCTAssertEqual(importing(#"{"schemaVersion": "2020-01-01", "name": "x", "pillars": []}"#), "lens schemaVersion '2020-01-01' is not 2021-11-01")
        let badId = #"{"schemaVersion": "2021-11-01", "name": "x", "pillars": [{"id": "p-1", "name": "P", "questions": []}]}"#
        XCTAssertEqual(importing(badId), "lens id 'p-1' must be 3 to 128 letters, digits or '_'")
        let unknownChoice = """
        {"schemaVersion": "2021-11-01", "name": "x", "pillars": [{"id": "pil", "name": "P", "questions": [{"id": "q01", "title": "Q",
          "choices": [{"id": "c01", "title": "C", "improvementPlan": {"displayText": "do"}}],
          "riskRules": [{"condition": "c02", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]}]}
        """
        XCTAssertEqual(importing(unknownChoice), "risk rule names 'c02', which is not a choice of q01")
        let twice = """
        {"schemaVersion": "2021-11-01", "name": "x", "pillars": [{"id": "pil", "name": "P", "questions": [{"id": "q01", "title": "Q",
          "choices": [{"id": "c01", "title": "C", "improvementPlan": {"displayText": "do"}}, {"id": "c01", "title": "D", "improvementPlan": {"displayText": "do"}}],
          "riskRules": [{"condition": "default", "risk": "HIGH_RISK"}]}]}]}
        """
        XCTAssertTrue(importing(twice).hasPrefix("duplicate choice id 'c01' in question q01"), importing(twice))
        let big = #"{"schemaVersion": "2021-11-01", "name": ""# + String(repeating: "x", count: 600_000) + #""}"#
        XCTAssertTrue(importing(big).hasPrefix("file is"), "a lens over 500 KB is refused")
    }
}
