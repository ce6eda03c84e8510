import OpsDocument

/// An input file's text for showing lines of it (snippets in reports): the bytes once, lines cut out only when asked.
public struct SourceText: Sendable {
    private let bytes: [UInt8]
    /// Where each line starts in `bytes`.
    private let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    /// Reads `path`; nil when it cannot be read.
    public static func read(path: String) -> SourceText? {
        (try? DocumentLoader.readFile(path: path)).map(SourceText.init)
    }

    public var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its newline.
    public func line(_ number: Int) -> String {
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
