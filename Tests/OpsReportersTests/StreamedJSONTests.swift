import OpsCore
@testable import OpsReporters
import XCTest

/// Large arrays (a report's findings) are written in blocks on every core and joined: the bytes must be exactly what
/// one writer printing the whole tree gives, across block boundaries, for empty and one-element arrays, and whatever
/// the strings hold.
final class StreamedJSONTests: XCTestCase {
    private static func element(_ i: Int) -> JSONValue {
        .object([
            ("n", .int(i)),
            ("text", .string(i % 7 == 0 ? "quote \" backslash \\ tab \t nul \u{0} 한국어" : "item \(i)")),
            ("nested", .array(i % 3 == 0 ? [] : [.bool(i % 2 == 0), .null, .double(Double(i) / 4)])),
            ("empty", .object([])),
        ])
    }

    private func streamed(_ items: [Int], cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> String {
        let sink = OutputSink()
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("before", "x")
        writer.key("items")
        writer.beginArray()
        JSONElements.write(items, into: &writer, sink: sink, cores: cores) { i, w in Self.element(i).write(into: &w) }
        writer.endArray()
        writer.field("after", 1)
        writer.endObject()
        writer.newline()
        writer.drain(into: sink)
        return sink.text
    }

    private func whole(_ items: [Int]) -> String {
        JSONValue.object([("before", .string("x")), ("items", .array(items.map(Self.element))), ("after", .int(1))]).rendered()
    }

    func testStreamedArraysPrintAsOneTree() {
        for count in [0, 1, 2, 4095, 4096, 8192, 8193, 20_001] {
            let items = Array(0..<count)
            XCTAssertEqual(streamed(items), whole(items), "\(count) elements")
        }
        // More cores than a block's items fill: the last parts of a block are empty.
        for (count, cores) in [(5, 4), (1, 8), (20_001, 3), (4097, 16)] {
            let items = Array(0..<count)
            XCTAssertEqual(streamed(items, cores: cores), whole(items), "\(count) elements on \(cores) cores")
        }
    }

    /// The JSON report written into a file descriptor in pieces is the report rendered whole.
    func testSinkWritesEveryPieceInOrder() throws {
        let path = NSTemporaryDirectory() + "opsready-sink-\(getpid()).json"
        defer { unlink(path) }
        let items = Array(0..<30_000)
        try AtomicFile.stream(to: path) { sink in
            var writer = JSONWriter()
            writer.beginArray()
            JSONElements.write(items, into: &writer, sink: sink) { i, w in Self.element(i).write(into: &w) }
            writer.endArray()
            writer.newline()
            writer.drain(into: sink)
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), JSONValue.array(items.map(Self.element)).rendered())
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

    /// Indentation deeper than the prepared run of spaces is still two spaces a level.
    func testDeepNestingIsIndentedTwoSpacesALevel() {
        var value = JSONValue.int(1)
        for _ in 0..<40 { value = .array([value]) }
        let lines = value.rendered().split(separator: "\n")
        XCTAssertEqual(lines[40], Substring(String(repeating: " ", count: 80) + "1"))
    }
}
