import Foundation
import XCTest
@testable import OpsDocument

/// Malformed, hostile and huge inputs fail with one precise `file:line:column: message`, never a crash.
final class HostileInputTests: XCTestCase {
    private func error(_ text: String, file: String = "bad.yaml", syntax: DocumentSyntax = .yaml, limits: LoadLimits = .default) -> String? {
        do {
            _ = try DocumentLoader.parse(text, file: file, syntax: syntax, limits: limits)
            return nil
        } catch {
            return error.description
        }
    }

    func testDuplicateKeysNameBothPositions() {
        XCTAssertEqual(error("Resources:\n  Db: 1\n  Db: 2\n"), "bad.yaml:3:3: duplicate key 'Db' (first defined at 2:3)")
        XCTAssertEqual(error(#"{"a": 1, "a": 2}"#, file: "bad.json", syntax: .json), "bad.json:1:10: duplicate key 'a' (first defined at 1:2)")
    }

    func testMalformedYAMLPointsAtTheProblem() {
        XCTAssertEqual(error("a: [1, 2\nb: 3\n"), "bad.yaml:2:2: did not find expected ',' or ']' (while parsing a flow sequence)")
        XCTAssertEqual(error("a:\n  b: 1\n c: 2\n"), "bad.yaml:3:2: did not find expected key (while parsing a block mapping)")
    }

    func testMalformedJSON() {
        XCTAssertEqual(error("{\"a\": 1,\n \"b\" 2}", file: "bad.json", syntax: .json),
                       "bad.json:2:6: did not find expected ',' or '}' (while parsing a flow mapping)")
    }

    func testBillionLaughsIsStoppedByTheExpansionBudget() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let message = error(yaml)
        XCTAssertNotNil(message)
        XCTAssertTrue(message!.hasPrefix("bad.yaml:7:"), message!)
        XCTAssertTrue(message!.hasSuffix("document expands to more than 5000000 nodes (alias expansion limit)"), message!)
    }

    func testNestingDepthIsLimited() {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        XCTAssertEqual(error(deep), "bad.yaml:1:201: nesting deeper than 200 levels")
    }

    func testInvalidUTF8IsReportedWhereItIs() {
        var bytes = Array("a: ok\nb: caf".utf8)
        bytes.append(0xC3) // a lead byte with no continuation
        bytes += Array(" x\n".utf8)
        XCTAssertThrowsError(try DocumentLoader.parse(bytes, file: "bad.yaml")) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "bad.yaml:2:7: invalid UTF-8 byte 0xC3 (invalid trailing UTF-8 octet)")
        }
    }

    func testUnknownAlias() {
        XCTAssertEqual(error("a: *nowhere\n"), "bad.yaml:1:4: unknown alias '*nowhere'")
    }

    func testOversizedFileIsRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "opsready-big-\(getpid()).yaml"
        try Data(repeating: UInt8(ascii: "a"), count: 4096).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try DocumentLoader.load(path: path, displayName: "big.yaml", limits: LoadLimits(maxBytes: 1024))) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "big.yaml: file is 4096 bytes, over the 1024-byte limit")
        }
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try DocumentLoader.load(path: "/nonexistent/x.yaml")) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "/nonexistent/x.yaml: cannot read file: No such file or directory")
        }
        XCTAssertThrowsError(try DocumentLoader.load(path: NSTemporaryDirectory())) { error in
            XCTAssertTrue((error as? DocumentError)?.message == "not a regular file")
        }
    }

    func testControlCharactersAreRejected() {
        let message = error("a: \u{01}\n")
        XCTAssertNotNil(message)
        XCTAssertTrue(message!.hasPrefix("bad.yaml:1:4: "), message!)
    }
}
