import Foundation
@testable import OpsCore
@testable import OpsReporters
import XCTest

/// Every reporter is a pure function of the assessment: the same assessment gives byte-identical output,
/// compared with files under Golden/. Set OPSREADY_UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
final class GoldenTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    func testEveryFormatMatchesItsGoldenFile() throws {
        let a = try ReporterFixtures.assessment()
        let outputs: [(String, String)] = [
            ("not-ready.txt", TextReporter(language: .en, color: false).render(a)),
            ("not-ready.ko.txt", TextReporter(language: .ko, color: false).render(a)),
            ("not-ready.json", JSONReporter(language: .en).render(a)),
            ("not-ready.sarif", SARIFReporter(language: .en, root: ReporterFixtures.root).render(a)),
            ("not-ready.junit.xml", JUnitReporter(language: .en).render(a)),
            ("not-ready.md", MarkdownReporter(language: .en).render(a)),
            ("not-ready.annotations.txt", AnnotationsReporter(language: .en).render(a)),
            ("not-ready.html", HTMLReporter(language: .en).render(a)),
        ]
        let update = ProcessInfo.processInfo.environment["OPSREADY_UPDATE_GOLDEN"] != nil
        for (name, text) in outputs {
            let path = Self.golden + "/" + name
            if update { try text.write(toFile: path, atomically: true, encoding: .utf8); continue }
            let expected = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(text, expected, "\(name) differs from its golden file; rerun with OPSREADY_UPDATE_GOLDEN=1 if the change is intended")
        }
        XCTAssertEqual(TextReporter(language: .en, color: false).render(a), outputs[0].1, "rendering twice gives the same text")
    }
}
