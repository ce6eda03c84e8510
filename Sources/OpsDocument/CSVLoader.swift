import CSV
import Foundation

/// CSV with a header row as a node tree: a sequence of mappings, header → cell, each cell located at its line
/// and column. Empty cells are left out (no data, not zero); numbers and `true`/`false` are typed, the rest
/// are strings. Columns are exact for unquoted fields.
public enum CSVLoader {
    public static func load(path: String, limits: LoadLimits = .default) throws(DocumentError) -> Node {
        guard let data = FileManager.default.contents(atPath: path) else { throw DocumentError(file: path, message: "cannot read file") }
        guard data.count <= limits.maxBytes else { throw DocumentError(file: path, message: "file is larger than \(limits.maxBytes) bytes") }
        guard let text = String(data: data, encoding: .utf8) else { throw DocumentError(file: path, message: "not valid UTF-8") }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(DocumentError) -> Node {
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw DocumentError(file: file, line: 1, column: 1, message: "not CSV with a header row: \(error)")
        }
        guard let header = reader.headerRow, !header.isEmpty else { throw DocumentError(file: file, line: 1, column: 1, message: "no header row") }
        var rows: [Node] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count <= header.count else {
                throw DocumentError(file: file, line: line, column: 1, message: "\(fields.count) fields, but the header names \(header.count)")
            }
            var entries: [Node.Entry] = []
            var column = 1
            for (name, cell) in zip(header, fields) {
                let at = SourceLocation(file: file, line: line, column: column)
                column += cell.count + 1
                guard !cell.isEmpty else { continue }
                entries.append(Node.Entry(key: Node(.scalar(.string(name)), location: SourceLocation(file: file, line: 1, column: 1)),
                                          value: Node(.scalar(scalar(cell)), location: at)))
            }
            rows.append(Node(.mapping(entries), location: SourceLocation(file: file, line: line, column: 1)))
        }
        if let error = reader.error { throw DocumentError(file: file, line: line, column: 1, message: "CSV: \(error)") }
        return Node(.sequence(rows), location: SourceLocation(file: file, line: 1, column: 1))
    }

    static func scalar(_ cell: String) -> Scalar {
        if let i = Int64(cell) { return .int(i) }
        if let d = Double(cell), d.isFinite { return .double(d) }
        if cell == "true" || cell == "false" { return .bool(cell == "true") }
        return .string(cell)
    }
}
