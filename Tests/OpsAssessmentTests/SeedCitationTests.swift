import Foundation
import OpsTestSupport
import XCTest
@testable import OpsAssessment
import OpsCore
import OpsDocument

/// Every check's `seed:` (and every seed choice's option) quotes its source word for word: `FILE §section (excerpt … excerpt)`, each excerpt found
/// (spaces aside) inside the cited section of `../shared/seeds/FILE` — a heading by its number (`§7.1.1`) or its
/// title (`§알림 피로 방지`), up to the next heading of its level; `#` lines inside code blocks are not headings.
final class SeedCitationTests: XCTestCase {
    static let seeds = Checkout.root + "/../shared/seeds"

    func testEveryQuoteIsVerbatimInItsSection() throws {
        guard FileManager.default.fileExists(atPath: Self.seeds) else { return XCTFail("the seeds are not beside the checkout at \(Self.seeds)") }
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric])
        var quotes = 0
        for check in checks {
            for citation in SeedCitation.parse(check.seed) {
                let lines = try String(contentsOfFile: Self.seeds + "/" + citation.file, encoding: .utf8).components(separatedBy: "\n")
                guard let section = Self.section(lines, citation.reference) else {
                    XCTFail("\(check.id): no section '\(citation.reference)' in \(citation.file)")
                    continue
                }
                for excerpt in citation.excerpts {
                    quotes += 1
                    XCTAssertTrue(section.contains(Self.normalized(excerpt)), "\(check.id): '\(excerpt)' is not in \(citation.file) \(citation.reference)")
                }
            }
        }
        let choices = try SeedChoices.load(path: Checkout.path("rubrics/seed-choices.yaml"))
        let cited = choices.choices.flatMap { choice in choice.options.map { ("\(choice.id)/\($0.id)", $0.seed) } }
            + ProbeSpec.Kind.allCases.map { ("\($0.rawValue) probe", ProbeSpec.defaultAssertion($0).1) }
            + (try Self.planCitations())
            + (try SeedUnchecked.load(path: Checkout.path("rubrics/seed-unchecked.yaml"))).requirements.map { ("unchecked", $0.seed) }
        for (name, seed) in cited {
            let citations = SeedCitation.parse(seed)
            XCTAssertFalse(citations.isEmpty, "\(name) cites no seed")
            for citation in citations {
                let lines = try String(contentsOfFile: Self.seeds + "/" + citation.file, encoding: .utf8).components(separatedBy: "\n")
                guard let section = Self.section(lines, citation.reference) else {
                    XCTFail("\(name): no section '\(citation.reference)' in \(citation.file)")
                    continue
                }
                XCTAssertFalse(citation.excerpts.isEmpty, "\(name) quotes its seed")
                for excerpt in citation.excerpts {
                    quotes += 1
                    XCTAssertTrue(section.contains(Self.normalized(excerpt)), "\(name): '\(excerpt)' is not in \(citation.file) \(citation.reference)")
                }
            }
        }
        XCTAssertGreaterThan(quotes, 100, "the checks quote their seeds")
    }

    /// The hypercare plan's verbatim citations (`incident_handling`, `reliability`), read as text: this target does
    /// not link the hypercare module.
    static func planCitations() throws -> [(String, String)] {
        let plan = try DocumentLoader.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))[0]
        return ["incident_handling", "reliability"].compactMap { key in plan[key]?["seed"]?.string.map { ("plan \(key)", $0) } }
    }

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
    }

    /// The text of the section a reference names, normalised; nil when no heading matches.
    static func section(_ lines: [String], _ reference: String) -> String? {
        var headings: [(line: Int, level: Int, text: String)] = []
        var fenced = false
        for (i, line) in lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            guard !fenced, line.hasPrefix("#") else { continue }
            let level = line.prefix { $0 == "#" }.count
            headings.append((i, level, line.dropFirst(level).trimmingCharacters(in: .whitespaces)))
        }
        let ref = reference.dropFirst().trimmingCharacters(in: .whitespaces)
        let number = ref.prefix { $0.isNumber || $0 == "." }.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let title = ref.dropFirst(number.count).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        guard let found = headings.first(where: { h in
            number.isEmpty ? (!title.isEmpty && h.text.contains(title)) : (h.text.hasPrefix(number + " ") || h.text.hasPrefix(number + "."))
        }) else { return nil }
        let end = headings.first { $0.line > found.line && $0.level <= found.level }?.line ?? lines.count
        return normalized(lines[found.line..<end].joined(separator: "\n"))
    }
}
