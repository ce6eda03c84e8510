import Foundation
import OpsCore
import XCTest

/// The writer's own buffer and its shortcuts (eight bytes scanned at once, digits written without `String`, a bit per
/// open container) must print exactly what plain code prints.
final class JSONWriterTests: XCTestCase {
    /// JSON string escaping the slow way, one scalar at a time.
    private static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func written(_ s: String) -> String {
        var writer = JSONWriter(pretty: false)
        writer.string(s)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A character to escape is found at every offset within and across the eight-byte words, beside multi-byte text.
    func testEscapesAreFoundAtEveryOffset() {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "한", "é", "😀"]
        for length in 0..<20 {
            for position in 0..<max(1, length) {
                for special in specials {
                    var text = String(repeating: "a", count: length)
                    if length > 0 { text.replaceSubrange(text.index(text.startIndex, offsetBy: position)...text.index(text.startIndex, offsetBy: position), with: String(special)) }
                    XCTAssertEqual(Self.written(text), Self.reference(text), "length \(length), \(special.debugDescription) at \(position)")
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc \"\\\n\t\u{1}\u{1F}한국어😀é/:{}")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(Self.written(text), Self.reference(text), text.debugDescription)
        }
    }

    /// Two texts written as one value with a space between them (the improvement plan's blockers) read as that string
    /// written whole, whatever either holds.
    func testTwoPartStringsReadAsTheWholeString() {
        let texts = ["", "AWS-CW-001", "Logs\"Group", "a\\b", "줄\n바꿈", "\u{1}\u{1F}", "😀 é", String(repeating: "x\t", count: 9)]
        for first in texts {
            for second in texts {
                var writer = JSONWriter(pretty: false)
                writer.beginArray()
                writer.string(first, spaced: second)
                writer.string("after")
                writer.endArray()
                XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "[" + Self.reference(first + " " + second) + ",\"after\"]")
            }
        }
    }

    /// Numbers and fingerprints are written digit by digit, not through `String`: the same text at the extremes.
    func testIntegersAndHexAreWrittenAsTheirText() {
        for value in [0, 7, -1, 10, -10, 1_234_567_890, Int.max, Int.min] {
            var writer = JSONWriter(pretty: false)
            writer.int(value)
            XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), String(value))
        }
        for value: UInt64 in [0, 0xF, 0x0123_4567_89AB_CDEF, .max] {
            var writer = JSONWriter(pretty: false)
            writer.hexString(value)
            let hex = String(value, radix: 16)
            XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\"")
        }
    }

    /// Past 64 levels the open containers are tracked apart from the first 64; indentation stays two spaces a level.
    func testDeepNestingPrintsAsShallowDoes() {
        for levels in [1, 63, 64, 65, 100] {
            var value = JSONValue.object([("leaf", .int(1)), ("other", .array([]))])
            for i in 0..<levels { value = i % 2 == 0 ? .array([value, .null]) : .object([("k", value), ("e", .object([]))]) }
            let text = value.rendered()
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(text.utf8)), "\(levels) levels")
            let deepest = text.split(separator: "\n").first { $0.contains("\"leaf\"") }!
            XCTAssertEqual(deepest.prefix { $0 == " " }.count, 2 * (levels + 1), "\(levels) levels")
        }
    }

    /// A copied writer writes into its own bytes: the writer is a value, though its buffer is shared until changed.
    func testACopiedWriterDoesNotWriteIntoTheOriginal() {
        var first = JSONWriter(pretty: false)
        first.beginArray()
        first.int(1)
        var second = first
        second.int(2)
        second.endArray()
        first.int(3)
        first.endArray()
        XCTAssertEqual(String(decoding: first.bytes, as: UTF8.self), "[1,3]")
        XCTAssertEqual(String(decoding: second.bytes, as: UTF8.self), "[1,2]")
    }

    /// Members written once and copied in print as the same members written in place: first in an object or after
    /// another member, indented or on one line, and nothing written leaves an empty object.
    func testMembersWrittenOnceReadAsMembersWrittenInPlace() {
        for pretty in [true, false] {
            let members = JSONWriter.Members(depth: 2, pretty: pretty) { w in
                w.field("check", "AWS-\"CW\"-001")
                w.key("practices")
                w.beginArray()
                w.string("OPS08-BP06")
                w.endArray()
            }
            let none = JSONWriter.Members(depth: 2, pretty: pretty) { _ in }
            for before in [false, true] {
                var copied = JSONWriter(pretty: pretty)
                var direct = JSONWriter(pretty: pretty)
                copied.beginArray()
                direct.beginArray()
                copied.beginObject()
                direct.beginObject()
                if before {
                    copied.field("n", 1)
                    direct.field("n", 1)
                }
                copied.members(members)
                direct.field("check", "AWS-\"CW\"-001")
                direct.key("practices")
                direct.beginArray()
                direct.string("OPS08-BP06")
                direct.endArray()
                copied.members(none)
                copied.field("after", true)
                direct.field("after", true)
                copied.endObject()
                direct.endObject()
                copied.beginObject()
                direct.beginObject()
                copied.members(none)
                copied.endObject()
                direct.endObject()
                copied.endArray()
                direct.endArray()
                XCTAssertEqual(String(decoding: copied.bytes, as: UTF8.self), String(decoding: direct.bytes, as: UTF8.self),
                               "pretty \(pretty), after a member \(before)")
            }
        }
    }
}
