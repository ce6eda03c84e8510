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
        // More cores than a block's items fill: the last parts of a block are empty; one core and many blocks, each
        // written to the sink while the next is rendered.
        for (count, cores) in [(5, 4), (1, 8), (20_001, 3), (4097, 16), (20_001, 1), (12_289, 2)] {
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
}
