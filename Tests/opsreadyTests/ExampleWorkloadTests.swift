import Foundation
import XCTest

/// The bundled example must be a valid CloudFormation template, not just something opsready accepts.
final class ExampleWorkloadTests: XCTestCase {
    func testExampleTemplatePassesCfnLint() throws {
        let template = CLITestCase.root + "/examples/aicc/template.yaml"
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lint.arguments = ["sh", "-c", "command -v cfn-lint >/dev/null || exit 77; exec cfn-lint \"$0\"", template]
        let output = Pipe()
        lint.standardOutput = output
        lint.standardError = output
        try lint.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        lint.waitUntilExit()
        try XCTSkipIf(lint.terminationStatus == 77, "cfn-lint is not installed")
        XCTAssertEqual(lint.terminationStatus, 0, text)
    }
}
