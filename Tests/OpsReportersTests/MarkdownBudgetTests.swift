@testable import OpsReporters
import XCTest

/// The pull-request comment's size limit cuts the long lists, never the short ones.
final class MarkdownBudgetTests: XCTestCase {
    func testShortListsAreShownWholeAndLongOnesShareTheRest() {
        XCTAssertEqual(MarkdownReporter.share(50_000, among: [80_000, 500, 300, 70_000]), [24_600, 500, 300, 24_600])
        XCTAssertEqual(MarkdownReporter.share(10_000, among: [100, 200]), [100, 200], "everything fits")
        XCTAssertEqual(MarkdownReporter.share(0, among: [10]), [0])
    }
}
