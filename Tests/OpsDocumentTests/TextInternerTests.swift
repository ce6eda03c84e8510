import XCTest
@testable import OpsDocument

final class TextInternerTests: XCTestCase {
    /// Every text comes back as written, whether first seen, repeated, past the length kept or past the count kept:
    /// texts that share a prefix, a length or a slot must never be taken for one another.
    func testEveryTextComesBackAsWritten() {
        let interner = TextInterner()
        var written: [String] = []
        for i in 0..<(TextInterner.maxTexts + 5_000) {
            let length = i % (TextInterner.maxLength + 4)
            written.append(String(repeating: "k", count: max(0, length - String(i).count)) + String(i).suffix(length))
        }
        written += ["", "é", "서비스", "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Alarms", "AWS::CloudWatch::Alarm "]
        assertComeBack(written, from: interner)
    }

    /// With every text in one slot and one tag, only the bytes tell texts apart; and once a run of colliding texts is
    /// `maxProbes` long, more are built without being kept, so that crafted collisions cannot make lookups quadratic.
    func testTextsThatCollideAreToldApartByTheirBytes() {
        let interner = TextInterner(hashBits: 0)
        let written = (0..<1_500).map { i in i % 3 == 0 ? "AWS::CloudWatch::Alarm\(i)" : i % 3 == 1 ? "k\(i)" : String(i).padding(toLength: 8, withPad: "x", startingAt: 0) }
        assertComeBack(written, from: interner)
        XCTAssertEqual(interner.keptCount, TextInterner.maxProbes)
    }

    /// Each text, asked for twice (first seen, then kept), comes back as written.
    private func assertComeBack(_ written: [String], from interner: TextInterner, file: StaticString = #filePath, line: UInt = #line) {
        for round in 0..<2 {
            for text in written {
                var bytes = Array(text.utf8)
                let got = bytes.withUnsafeMutableBufferPointer { interner.text(UnsafeBufferPointer($0)) }
                guard got == text else { return XCTFail("round \(round): \(got) for \(text)", file: file, line: line) }
            }
        }
    }

    func testLoadedKeysAndValuesAreTheirText() throws {
        var yaml = "Resources:\n"
        for i in 0..<3_000 { yaml += "  Alarm\(i):\n    Type: AWS::CloudWatch::Alarm\n    Properties: {AlarmName: alarm-\(i % 97), Threshold: \(i)}\n" }
        let doc = try XCTUnwrap(DocumentLoader.parse(yaml, file: "t.yaml").first)
        let resources = try XCTUnwrap(doc["Resources"]?.entries)
        XCTAssertEqual(resources.count, 3_000)
        for (i, entry) in resources.enumerated() {
            XCTAssertEqual(entry.key.string, "Alarm\(i)")
            XCTAssertEqual(entry.value["Type"]?.string, "AWS::CloudWatch::Alarm")
            XCTAssertEqual(entry.value["Properties"]?["AlarmName"]?.string, "alarm-\(i % 97)")
            XCTAssertEqual(entry.value["Properties"]?["Threshold"]?.scalar, .int(Int64(i)))
        }
    }
}
