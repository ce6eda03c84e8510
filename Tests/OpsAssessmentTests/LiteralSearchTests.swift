import OpsCore
import XCTest

final class LiteralSearchTests: XCTestCase {
    /// The first occurrence, found again after a partial match, in text and in slices of it: where a plain scan of
    /// every starting byte finds it.
    func testFindsTheFirstOccurrence() {
        let cases: [(String, String)] = [
            ("a{{b}}c", "{{"), ("a{{b}}c", "}}"), ("aaab", "aab"), ("abc", "abcd"), ("", "x"), ("x", "x"),
            ("서비스 다운 critical", "critical"), ("System Down — warn", "warn"), ("{{{", "{{"), ("abab", "bab"), ("장애 알림", "알림"),
        ]
        for (text, literal) in cases {
            let expected = text.utf8.indices.first { text.utf8[$0...].starts(with: literal.utf8) }
            XCTAssertEqual(text.range(ofLiteral: literal)?.lowerBound, expected, "\(literal) in \(text)")
            XCTAssertEqual(text.contains(literal: literal), expected != nil)
            if let range = text.range(ofLiteral: literal) { XCTAssertEqual(String(text[range]), literal) }
        }
        let slice = "{{a}} then {{b}}".dropFirst(5)
        XCTAssertEqual(slice.range(ofLiteral: "{{").map { String(slice[$0.lowerBound...]) }, "{{b}}")
        XCTAssertFalse("warm".contains(literal: "warn"))
    }
}
