import Foundation
import OpsTestSupport
import XCTest

/// `opsready checks seeds` writes docs/seeds.md: the committed page is what the command prints now, every row of it
/// says where a requirement is checked, that it is only surfaced as a choice, or why it cannot be checked.
final class SeedCoverageCommandTests: CLITestCase {
    func testTheCommittedPageIsCurrent() throws {
        let run = try opsready(["checks", "seeds"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let committed = try String(contentsOfFile: Self.root + "/docs/seeds.md", encoding: .utf8)
        XCTAssertEqual(run.stdout, committed, "docs/seeds.md is stale: regenerate it with opsready checks seeds --output docs/seeds.md")
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("| §") }
        XCTAssertGreaterThan(rows.count, 250)
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertTrue(!cells[3].isEmpty || !cells[4].isEmpty, "a requirement neither checked nor explained: \(row)")
        }
        XCTAssertTrue(run.stdout.contains("check `AICC-AI-004`"), "the AI model checks trace seed 001")
        XCTAssertTrue(run.stdout.contains("choice `cpu_alarm` = seed-002: 80% for 5 min"))
        XCTAssertTrue(run.stdout.contains("| ECS target tracking has no scale-in protection period"))
    }
}
