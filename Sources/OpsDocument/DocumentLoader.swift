import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads YAML 1.1 and JSON through the system libyaml event parser into `Node` trees.
public enum DocumentLoader {
    /// Reads and parses a file; every document of a multi-document stream is returned.
    public static func load(path: String, displayName: String? = nil, syntax: DocumentSyntax? = nil,
                            limits: LoadLimits = .default) throws(DocumentError) -> [Node] {
        let name = displayName ?? path
        let bytes = try readFile(path: path, displayName: name, limits: limits)
        return try parse(bytes, file: name, syntax: syntax ?? .forPath(path), limits: limits)
    }

    /// Reads a whole file, refusing directories, unreadable files and files over `limits.maxBytes`.
    public static func readFile(path: String, displayName: String? = nil, limits: LoadLimits = .default) throws(DocumentError) -> [UInt8] {
        let name = displayName ?? path
        var info = stat()
        guard stat(path, &info) == 0 else { throw DocumentError(file: name, message: "cannot read file: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw DocumentError(file: name, message: "not a regular file") }
        guard Int(info.st_size) <= limits.maxBytes else {
            throw DocumentError(file: name, message: "file is \(info.st_size) bytes, over the \(limits.maxBytes)-byte limit")
        }
        guard let handle = fopen(path, "rb") else { throw DocumentError(file: name, message: "cannot open file: \(String(cString: strerror(errno)))") }
        defer { fclose(handle) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
        guard read == bytes.count else { throw DocumentError(file: name, message: "short read (\(read) of \(bytes.count) bytes)") }
        return bytes
    }

    /// Parses text already in memory.
    public static func parse(_ text: String, file: String, syntax: DocumentSyntax = .yaml, limits: LoadLimits = .default) throws(DocumentError) -> [Node] {
        try parse(Array(text.utf8), file: file, syntax: syntax, limits: limits)
    }

    /// Parses bytes already in memory.
    public static func parse(_ bytes: [UInt8], file: String, syntax: DocumentSyntax = .yaml, limits: LoadLimits = .default) throws(DocumentError) -> [Node] {
        try parse(bytes, file: file, syntax: syntax, limits: limits, eventBatch: EventPipeline.pays(for: bytes.count) ? EventPipeline.defaultBatch : nil)
    }

    /// Parses bytes already in memory, with libyaml on a second thread handing over `eventBatch` events at a time, or
    /// on this thread alone when it is nil. Both give the same trees and the same first error; the choice is made by
    /// size in the call above, and forced here by tests and the fuzzer that hold the two ways to each other.
    public static func parse(_ bytes: [UInt8], file: String, syntax: DocumentSyntax = .yaml, limits: LoadLimits = .default,
                             eventBatch: Int?) throws(DocumentError) -> [Node] {
        guard bytes.count <= limits.maxBytes else {
            throw DocumentError(file: file, message: "input is \(bytes.count) bytes, over the \(limits.maxBytes)-byte limit")
        }
        var builder = TreeBuilder(file: file, syntax: syntax, limits: limits)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DocumentError) -> [Node] in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { throw DocumentError(file: file, message: "libyaml could not initialise") }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            try withUnsafeMutablePointer(to: &parser) { (parser) throws(DocumentError) in
                let failure = { (parser: inout yaml_parser_t) in parserError(&parser, file: file, bytes: bytes) }
                // Without a second thread (none asked for, or none could be started), every event is parsed here.
                if let eventBatch, try EventPipeline(parser: parser, batch: eventBatch, failure: failure).run({ (event) throws(DocumentError) in
                    try builder.handle(&event)
                }) { return }
                var event = yaml_event_t()
                while true {
                    guard yaml_parser_parse(parser, &event) == 1 else { throw failure(&parser.pointee) }
                    defer { yaml_event_delete(&event) }
                    if event.type == YAML_STREAM_END_EVENT { return }
                    try builder.handle(&event)
                }
            }
            return builder.documents
        }
    }

    private static func parserError(_ parser: inout yaml_parser_t, file: String, bytes: [UInt8]) -> DocumentError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed document"
        if parser.error == YAML_READER_ERROR {
            // libyaml validates the encoding as it reads and says at which byte it stopped.
            var offset = Int(parser.problem_offset)
            if problem.contains("trailing") || problem.contains("incomplete") {
                // Point at the sequence's lead byte, not the byte that broke it.
                var lead = min(offset, bytes.count - 1)
                while lead > 0, lead > offset - 4, bytes[lead] < 0xC0 { lead -= 1 }
                if bytes[lead] >= 0xC0 { offset = lead }
            }
            let (line, column) = position(of: offset, in: bytes)
            let message = problem.contains("UTF-8") && offset < bytes.count
                ? "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) (\(problem))" : problem
            return DocumentError(file: file, line: line, column: column, message: message)
        }
        var message = problem
        if let context = parser.context { message = "\(problem) (\(String(cString: context)))" }
        return DocumentError(file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1, message: message)
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        while i < min(offset, bytes.count) {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }
}
