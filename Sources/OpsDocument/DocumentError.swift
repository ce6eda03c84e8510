/// A problem in an input document, reported as `file:line:column: message`.
public struct DocumentError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(at location: SourceLocation, _ message: String) {
        self.init(file: location.file, line: location.line, column: location.column, message: message)
    }

    public var description: String {
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column): \(message)"
        case let (line?, nil): return "\(file):\(line): \(message)"
        default: return "\(file): \(message)"
        }
    }
}

extension DocumentError {
    /// `file:line:column: error: message`, the form compilers print and editors jump to.
    public var diagnostic: String {
        switch (line, column) {
        case let (line?, column?): return "\(file):\(line):\(column): error: \(message)"
        case let (line?, nil): return "\(file):\(line): error: \(message)"
        default: return "\(file): error: \(message)"
        }
    }
}
