import Foundation
import OpsTestSupport
import XCTest
@testable import OpsAssessment
import OpsCore

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

/// A check's seed citation, named for a reader without the source files.
final class SeedCatalogTests: XCTestCase {
    func testCitationsNameTheDocumentAndTheSection() throws {
        let catalog = try SeedCatalog.load(path: Checkout.path("rubrics/seeds.yaml"))
        XCTAssertEqual(catalog.describe("000_c7c979390889ab9b.txt §2.3 권한 및 역할 (RDS: 읽기/백업 관리)", language: .en),
                       "AICC cloud operator manual §2.3 (Permissions and roles / 권한 및 역할) (RDS: 읽기/백업 관리)")
        XCTAssertEqual(catalog.describe("000_c7c979390889ab9b.txt §4.1.1 RDS 자동 백업 (보존 기간: 7일); 001_b6b4008f66e644b8.txt §데이터 보호 (TLS 1.3 전송)", language: .ko),
                       "AICC 클라우드 운영자 매뉴얼 §4.1.1 (RDS 자동 백업) (보존 기간: 7일); AI 모델 관리 시스템 관리자 매뉴얼 §데이터 보호 (데이터 보호) (TLS 1.3 전송)")
        XCTAssertEqual(catalog.describe("000_c7c979390889ab9b.txt §9.9 없는 절", language: .en), "AICC cloud operator manual §9.9 없는 절", "an unknown section is kept as written")
        XCTAssertEqual(catalog.describe("free text", language: .en), "free text")
        for check in try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [try Fixtures.rubric()]) {
            XCTAssertFalse(catalog.describe(check.seed, language: .en).contains(".txt"), "\(check.id): \(check.seed) names a document the catalog does not know")
        }
    }
}
