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
        let big = #"{"schemaVersion": "2021-11-01", "name": ""# + String(repeating: "x", count: 600_000) + #""}"#
        XCTAssertTrue(importing(big).hasPrefix("file is"), "a lens over 500 KB is refused")
    }
}
