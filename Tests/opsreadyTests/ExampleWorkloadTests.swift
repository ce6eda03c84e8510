import Foundation
import OpsTestSupport
import XCTest

/// The bundled example must be a valid CloudFormation template, not just something opsready accepts.
final class ExampleWorkloadTests: XCTestCase {
    func testExampleTemplatePassesCfnLint() throws {
        let template = Checkout.path("examples/aicc/template.yaml")
        let lint = try ChildProcess.run("sh", ["-c", "command -v cfn-lint >/dev/null || exit 77; exec cfn-lint \"$0\"", template])
        try XCTSkipIf(lint.status == 77, "cfn-lint is not installed")
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)
    }
}
