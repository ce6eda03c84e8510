import Foundation
import OpsTestSupport
import XCTest
@testable import OpsAssessment

/// No check can be one that never runs: each names at least one resource type some input produces — a type an
/// adapter lists, a type derived from the inputs, or a real CloudFormation resource type (a template may declare
/// any; the list is cfn-lint's, in tests only).
final class CheckInputCoverageTests: XCTestCase {
    func testEveryCheckCanBeFedByAnInput() throws {
        let listing = try ChildProcess.run("python3", ["-c", """
            import sys
            try:
                from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as m
            except ImportError:
                sys.exit(77)
            print("\\n".join(m.get_resource_types("us-east-1")))
            """])
        try XCTSkipIf(listing.status == 77 || listing.status == 127, "cfn-lint is not installed (CI installs it)")
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let cloudFormation = Set(listing.stdout.split(separator: "\n").map(String.init))
        XCTAssertGreaterThan(cloudFormation.count, 1_000)
        let explicit = InputAdapters.all.compactMap { $0.producedTypes }.reduce(InputAdapters.derivedTypes) { $0.union($1) }
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric])
        let starved = checks.filter { check in !check.resourceTypes.contains { explicit.contains($0) || cloudFormation.contains($0) } }
        XCTAssertEqual(starved.map { "\($0.id) \($0.resourceTypes)" }, [], "no input produces these checks' resource types, so they can never run")
    }
}
