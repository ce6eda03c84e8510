import Foundation
import OpsTestSupport
import XCTest
@testable import OpsExpr

/// Runs the shared CEL conformance cases (cel-spec's simple tests) and requires at least 95% to pass.
final class ConformanceTests: XCTestCase {
    static var casesPath: String {
        let root = URL(fileURLWithPath: Checkout.root)
        return root.deletingLastPathComponent().appendingPathComponent("shared/conformance/cel/cases.json").path
    }

    func testConformancePassRateIsAtLeast95Percent() throws {
        let path = Self.casesPath
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "shared/ not beside the checkout: \(path)")
        let cases = try ConformanceSuite.load(path: path)
        XCTAssertEqual(cases.count, 756)
        let failures = cases.compactMap(ConformanceSuite.run)
        let passed = cases.count - failures.count
        let rate = Double(passed) / Double(cases.count)
        print("CEL conformance: \(passed) passed, \(failures.count) failed (\(String(format: "%.1f", rate * 100))%)")
        for failure in failures { print("  FAIL \(failure.testCase.name): \(failure.testCase.expr) -> \(failure.reason)") }
        XCTAssertGreaterThanOrEqual(rate, 0.95)
    }
}
