import XCTest
@testable import OpsDocument

/// The parse with libyaml on a second thread gives what the one-thread parse gives: the same trees, the same first
/// error, wherever in the stream and in its batches that error falls.
final class EventPipelineTests: XCTestCase {
    /// A CloudFormation-shaped template (AWS's `Resources:` layout) of `count` buckets with tags, anchors and flow
    /// collections, followed by `tail`.
    private func template(_ count: Int, tail: String = "") -> [UInt8] {
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
        for i in 0..<count {
            text += """
              Bucket\(i):
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "logs-${AWS::AccountId}-\(i)"
                  Tags: &tags\(i) [{Key: team, Value: "ops \(i)"}, {Key: tier, Value: 3}]
                  VersioningConfiguration: {Status: Enabled}
                  Extra: *tags\(i)

            """
        }
        return Array((text + tail).utf8)
    }

    private func outcome(_ bytes: [UInt8], batch: Int?) -> Result<[Node], DocumentError> {
        Result { () throws(DocumentError) in try DocumentLoader.parse(bytes, file: "big.yaml", eventBatch: batch) }
    }

    private func assertAgree(_ bytes: [UInt8], batches: [Int] = [1, 2, 7, 1024], file: StaticString = #filePath, line: UInt = #line) -> Result<[Node], DocumentError> {
        let one = outcome(bytes, batch: nil)
        for batch in batches {
            switch (one, outcome(bytes, batch: batch)) {
            case (.success(let a), .success(let b)):
                XCTAssertEqual(a.count, b.count, file: file, line: line)
                XCTAssertTrue(zip(a, b).allSatisfy { $0.isIdentical(to: $1) }, "batch \(batch): trees differ", file: file, line: line)
            case (.failure(let a), .failure(let b)):
                XCTAssertEqual(a.description, b.description, "batch \(batch)", file: file, line: line)
            case (let a, let b):
                XCTFail("batch \(batch): one thread \(a), two threads \(b)", file: file, line: line)
            }
        }
        return one
    }

    func testLargeTemplatesTakeTheTwoThreadParseAndGiveTheSameTree() throws {
        let bytes = template(2_000)
        XCTAssertTrue(EventPipeline.pays(for: bytes.count) || ProcessInfo.processInfo.activeProcessorCount == 1)
        let documents = try assertAgree(bytes).get()
        let automatic = try DocumentLoader.parse(bytes, file: "big.yaml")
        XCTAssertTrue(automatic[0].isIdentical(to: documents[0]))
        let last = documents[0]["Resources"]?["Bucket1999"]
        XCTAssertEqual(last?["Properties"]?["Extra"]?.items?[1]["Value"]?.scalar, .int(3))
        XCTAssertEqual(last?.location.line, 3 + 1999 * 7 + 1)
        XCTAssertFalse(EventPipeline.pays(for: EventPipeline.minimumBytes - 1))
    }

    func testBuilderErrorsAnywhereInTheStreamAreTheSame() {
        for count in [0, 1, 3, 150, 600] {
            // A duplicate key after `count` buckets: the tree builder's error, raised mid-batch or on a boundary.
            let bytes = template(count, tail: "  Bucket0:\n    Type: AWS::S3::Bucket\n  Bucket0:\n    Type: AWS::S3::Bucket\n")
            guard case .failure(let error) = assertAgree(bytes) else { return XCTFail("no error after \(count) buckets") }
            let line = count == 0 ? 5 : 3 + 7 * count
            XCTAssertEqual(error.description, "big.yaml:\(line):3: duplicate key 'Bucket0' (first defined at 3:3)")
        }
        // An unknown alias and a nesting too deep late in a large file.
        _ = assertAgree(template(300, tail: "Outputs: *nowhere\n"))
        _ = assertAgree(template(300, tail: "Deep: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"))
    }

    func testParserErrorsComeAfterEveryEventBeforeThem() {
        // libyaml's own errors (a broken flow sequence, bad UTF-8) after many good events, and a builder error just
        // before a parser error: the builder's, being first, wins both ways.
        guard case .failure(let broken) = assertAgree(template(400, tail: "Outputs: [1, 2\nMore: 3\n")) else { return XCTFail("no error") }
        XCTAssertTrue(broken.description.contains("did not find expected ',' or ']'"), broken.description)
        var bytes = template(400, tail: "Outputs: caf")
        bytes.append(0xC3)
        bytes += Array(" x\n".utf8)
        guard case .failure(let utf8) = assertAgree(bytes) else { return XCTFail("no error") }
        XCTAssertTrue(utf8.description.hasSuffix("invalid UTF-8 byte 0xC3 (invalid trailing UTF-8 octet)"), utf8.description)
        let tail = "Outputs:\n  Arn: 1\n  Arn: 2\nBroken: [1, 2\n"
        guard case .failure(let first) = assertAgree(template(400, tail: tail)) else { return XCTFail("no error") }
        XCTAssertEqual(first.description, "big.yaml:\(3 + 7 * 400 + 2):3: duplicate key 'Arn' (first defined at \(3 + 7 * 400 + 1):3)")
    }

    func testMultipleDocumentsAndTheExpansionBudget() {
        let stream = template(200) + Array("---\nsecond: document\n---\n- [a, b]\n".utf8)
        guard case .success(let documents) = assertAgree(stream) else { return XCTFail("stream did not parse") }
        XCTAssertEqual(documents.count, 3)
        var laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip(["b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g"]) {
            laughs += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let limits = LoadLimits(maxExpandedNodes: 100_000)
        let one = Result { () throws(DocumentError) in try DocumentLoader.parse(Array(laughs.utf8), file: "big.yaml", limits: limits, eventBatch: nil) }
        let two = Result { () throws(DocumentError) in try DocumentLoader.parse(Array(laughs.utf8), file: "big.yaml", limits: limits, eventBatch: 3) }
        guard case .failure(let a) = one, case .failure(let b) = two else { return XCTFail("the budget did not stop the expansion") }
        XCTAssertEqual(a.description, b.description)
    }
}
