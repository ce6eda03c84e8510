/// A position in a source file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    // Stored compactly: every document node carries one.
    private let storedLine: UInt32
    private let storedColumn: UInt32

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// `file:line:column`, the form editors and CI annotations understand.
    public var description: String { "\(file):\(line):\(column)" }
}
