import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// `probes.jsonl`, the JSON Lines `opsready probe --record` appends: one `ProbeRunRecord` per line. Weeks of
/// minute-by-minute runs are hundreds of thousands of lines, so well-formed lines take a fast path (one decoder, the
/// condition language's RFC 3339 parser); any other line is read again by the document loader so that its error names
/// the line and column.
enum ProbeHistory {
    static func load(path: String) throws(DocumentError) -> [HypercareRecords.ProbeMeasurement] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        var measurements: [HypercareRecords.ProbeMeasurement] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) else { continue }
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            if let run = try? decoder.decode(ProbeRunRecord.Essentials.self, from: line), let at = (try? Timestamp(parsing: run.at))?.date,
               run.latencyMs.map({ $0.isFinite && $0 >= 0 }) ?? true {
                measurements.append(HypercareRecords.ProbeMeasurement(at: at, probe: run.probe, passed: run.status == "pass",
                                                                      latencyMs: run.latencyMs, location: location))
            } else {
                measurements.append(try slowPath(String(decoding: line, as: UTF8.self), path: path, lineNumber: lineNumber))
            }
        }
        return measurements
    }

    /// A line the fast path could not take: through the document loader, for a located error or the odd shape
    /// (a latency given as a string is ignored, as before).
    private static func slowPath(_ line: String, path: String, lineNumber: Int) throws(DocumentError) -> HypercareRecords.ProbeMeasurement {
        let parsed: Node?
        do { parsed = try DocumentLoader.parse(line, file: path, syntax: .json).first } catch {
            throw DocumentError(file: path, line: lineNumber, column: error.column, message: error.message)
        }
        guard let node = parsed, let at = node["at"]?.string.flatMap({ (try? Timestamp(parsing: $0))?.date }), let status = node["status"]?.string else {
            throw DocumentError(file: path, line: lineNumber, column: 1, message: "not a probe record: needs 'at' (a time) and 'status'")
        }
        var latency: Double?
        let result = node["result"]
        // A latency given as text is ignored, as before; a number must be a finite duration from 0 up.
        let latencyNode = node[ProbeRunRecord.CodingKeys.latencyMs.rawValue]
            ?? ProbeRunRecord.earlierLatencyKeys.lazy.compactMap { result?[$0] }.first
        if let value = latencyNode, value.string == nil, value.scalar != .null {
            let ms = try? HypercareRecords.number(value, key: "latency_ms")
            guard let ms, ms >= 0 else {
                throw DocumentError(file: path, line: lineNumber, column: value.location.column, message: "the latency must be a finite number of milliseconds, 0 or more")
            }
            latency = ms
        }
        return HypercareRecords.ProbeMeasurement(at: at, probe: node["probe"]?.string ?? "", passed: status == "pass", latencyMs: latency,
                                                 location: SourceLocation(file: path, line: lineNumber, column: 1))
    }
}

extension Timestamp {
    /// The same instant as a `Date` (microsecond precision).
    var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoOfSecond) / 1e9) }
}
