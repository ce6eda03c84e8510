@testable import OpsAssessment
@testable import OpsCore
import XCTest

final class RubricTests: XCTestCase {
    func testOperationalExcellenceHasElevenQuestionsAnd82Practices() throws {
        let rubric = try Fixtures.rubric()
        XCTAssertEqual(rubric.areas.map(\.id), ["organization", "prepare", "operate", "evolve"])
        let counts = rubric.questions.map { "\($0.id):\($0.practices.count)" }
        XCTAssertEqual(counts, ["OPS01:7", "OPS02:7", "OPS03:8", "OPS04:5", "OPS05:10", "OPS06:8", "OPS07:5", "OPS08:8", "OPS09:8", "OPS10:7", "OPS11:9"])
        XCTAssertEqual(rubric.practices.count, 82)
        XCTAssertEqual(rubric.practices.first?.id, "OPS01-BP01")
        XCTAssertEqual(rubric.practices.last?.id, "OPS11-BP09")
        for practice in rubric.practices {
            XCTAssertFalse(practice.title.ko.isEmpty || practice.title.en.isEmpty, practice.id)
            XCTAssertTrue(practice.seed?.hasPrefix("004_318f7990cdec8a51.txt §") ?? false, practice.id)
        }
    }

    func testEveryAutomatedPracticeHasACheckAndEveryCheckedPracticeIsAutomated() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric])
        let evidenced = Set(checks.flatMap(\.practices))
        for practice in rubric.practices {
            switch practice.evidence {
            case .automated: XCTAssertTrue(evidenced.contains(practice.id), "\(practice.id) is marked automated but no check evidences it")
            case .attestation: XCTAssertFalse(evidenced.contains(practice.id), "\(practice.id) is evidenced by a check but marked attestation-only")
            }
        }
    }
}
