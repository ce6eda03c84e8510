import Foundation
import OpsCore
import OpsDocument

/// What a workload's repository shows about how it is owned, changed and operated, gathered into one document for
/// `RepositoryAdapter` (the shape of the `opsready_repository:` snapshot, so a check's examples can be written in it):
/// whether it is under version control, its CODEOWNERS rules and the assessed inputs no rule covers, its pull request
/// and issue templates, the documents under `docs/` whose front matter says what they are (`type: runbook`,
/// `playbook`, `postmortem`, `decision`) with their owner, review date, incident and status, the hypercare incident
/// and activity logs, and the main line's recent history (`RepositoryHistory`). Every value keeps the file, line and
/// column it was read at.
public enum RepositoryScan {
    /// The document for the repository at `root`; `inputs` are the files being assessed (for CODEOWNERS coverage);
    /// with `historyUntil`, the main line's changes in the twelve weeks up to that day (`RepositoryHistory`).
    public static func document(root: String, inputs: [String], historyUntil: CalendarDate? = nil) throws(DocumentError) -> (document: Node, files: [String]) {
        // The repository is located at its CODEOWNERS when it has one (a file a report can point at), else its root.
        let codeOwnersPath = ["/.github/CODEOWNERS", "/CODEOWNERS", "/docs/CODEOWNERS"].map { root + $0 }.first(where: FileManager.default.fileExists)
        let origin = SourceLocation(file: codeOwnersPath ?? root, line: 1, column: 1)
        var fields: [(String, Node)] = [("root", NodeRewriting.string(root, at: origin))]
        var files: [String] = []
        fields.append(("version_control", NodeRewriting.string(versionControl(root) ?? "none", at: origin)))
        if let day = historyUntil, let history = RepositoryHistory.read(root, until: day) { fields.append(("history", history.node(at: origin))) }
        if let path = codeOwnersPath {
            files.append(path)
            fields.append(("codeowners", try codeOwners(path, root: root, inputs: inputs)))
        }
        let templates = changeTemplates(root)
        files += templates
        fields.append(("change_templates", Node(.sequence(templates.map { NodeRewriting.string(relative($0, to: root), at: SourceLocation(file: $0, line: 1, column: 1)) }),
                                               location: origin)))
        var documents: [Node] = []
        for path in markdown(under: root + "/docs") {
            guard let front = try frontMatter(path), let type = front["type"]?.string, documentTypes.contains(type) else { continue }
            files.append(path)
            let entry = Node.Entry(key: NodeRewriting.string("path", at: front.location), value: NodeRewriting.string(relative(path, to: root), at: front.location))
            documents.append(Node(.mapping([entry] + (front.entries ?? [])), location: front.location))
        }
        fields.append(("documents", Node(.sequence(documents), location: origin)))
        if let records = try incidents(root) {
            files.append(records.path)
            fields.append(("incidents", records.incidents))
        }
        if let log = try activities(root) {
            files.append(log.path)
            fields.append(("activities", log.activities))
        }
        let document = NodeBuilder.mapping([("opsready_repository", NodeBuilder.mapping(fields, at: origin))], at: origin)
        return (document, files)
    }

    static let documentTypes: Set<String> = ["runbook", "playbook", "postmortem", "decision"]

    /// The hypercare activity log (`hypercare/activities.yaml`: activity id → the days it was done) as a list of
    /// `{id, days}`, each at its line, for judging reviews held on schedule.
    static func activities(_ root: String) throws(DocumentError) -> (path: String, activities: Node)? {
        let path = root + "/hypercare/activities.yaml"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let node = try DocumentLoader.load(path: path).first else { return nil }
        if case .scalar(.null) = node.content { return nil }
        guard let entries = node.entries else { throw DocumentError(at: node.location, "the activity log maps activity ids to the days they were done") }
        let items = entries.map { entry in
            NodeBuilder.mapping([("id", entry.key), ("days", entry.value.items == nil ? Node(.sequence([]), location: entry.value.location) : entry.value)],
                                at: entry.key.location)
        }
        return (path, Node(.sequence(items), location: node.location))
    }

    /// The hypercare incident log (`hypercare/incidents.yaml` or `.csv`, as `hypercare record` reads it): each incident's
    /// entry at its line, for joining incidents to their post-incident reviews.
    static func incidents(_ root: String) throws(DocumentError) -> (path: String, incidents: Node)? {
        if FileManager.default.fileExists(atPath: root + "/hypercare/incidents.yaml") {
            let path = root + "/hypercare/incidents.yaml"
            let node = try DocumentLoader.load(path: path).first ?? Node(.sequence([]), location: SourceLocation(file: path, line: 1, column: 1))
            guard node.items != nil else { throw DocumentError(at: node.location, "the incident log is a list of incidents") }
            return (path, node)
        }
        if FileManager.default.fileExists(atPath: root + "/hypercare/incidents.csv") {
            let path = root + "/hypercare/incidents.csv"
            return (path, try CSVLoader.load(path: path))
        }
        return nil
    }

    /// `git` when the root or a directory above it holds `.git`.
    static func versionControl(_ root: String) -> String? {
        var directory = URL(fileURLWithPath: root).standardizedFileURL
        for _ in 0..<64 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) { return "git" }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
        return nil
    }

    /// CODEOWNERS: each rule with its owners at its line, and the assessed inputs inside the repository no rule covers.
    static func codeOwners(_ path: String, root: String, inputs: [String]) throws(DocumentError) -> Node {
        let text = String(decoding: try DocumentLoader.readFile(path: path), as: UTF8.self)
        var rules: [Node] = []
        var matchers: [(pattern: CodeOwnersPattern, owned: Bool)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let pattern = words.first else { continue }
            let at = SourceLocation(file: path, line: index + 1, column: 1)
            rules.append(NodeBuilder.mapping([("pattern", NodeRewriting.string(pattern, at: at)),
                                              ("owners", Node(.sequence(words.dropFirst().map { NodeRewriting.string($0, at: at) }), location: at))], at: at))
            matchers.append((CodeOwnersPattern(pattern), words.count > 1))
        }
        // The last matching rule decides; a rule without owners leaves the path unowned.
        let owned = { (file: String) -> Bool in matchers.last { $0.pattern.matches(file) }?.owned ?? false }
        let files = inputs.flatMap { input -> [String] in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? InputLoader.templateFiles(in: input) : [input]
        }
        let inside = files.compactMap { file -> String? in
            let path = relative(file, to: root)
            return path.hasPrefix("../") || path.hasPrefix("/") ? nil : path
        }
        let at = SourceLocation(file: path, line: 1, column: 1)
        return NodeBuilder.mapping([("rules", Node(.sequence(rules), location: at)),
                                    ("uncovered", Node(.sequence(inside.filter { !owned($0) }.map { NodeRewriting.string($0, at: at) }), location: at))], at: at)
    }

    /// Pull request and issue templates, as GitHub finds them.
    static func changeTemplates(_ root: String) -> [String] {
        var found: [String] = []
        for name in [".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md", "pull_request_template.md", "docs/pull_request_template.md"]
        where FileManager.default.fileExists(atPath: root + "/" + name) { found.append(root + "/" + name) }
        for directory in [".github/PULL_REQUEST_TEMPLATE", ".github/ISSUE_TEMPLATE"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + directory)) ?? []
            found += names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { root + "/" + directory + "/" + $0 }
        }
        return found
    }

    /// Markdown files below `directory`, sorted, hidden ones skipped.
    static func markdown(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if (relative as NSString).lastPathComponent.hasPrefix(".") { enumerator.skipDescendants(); continue }
            if relative.lowercased().hasSuffix(".md") { result.append(directory + "/" + relative) }
        }
        return result.sorted()
    }

    /// The YAML front matter of a Markdown file (between a first line `---` and the next `---`), at its own lines;
    /// nil without one.
    static func frontMatter(_ path: String) throws(DocumentError) -> Node? {
        let text = String(decoding: try DocumentLoader.readFile(path: path), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        // A blank first line keeps every line where it is in the file.
        let yaml = "\n" + lines[1..<end].joined(separator: "\n")
        guard let node = try DocumentLoader.parse(yaml, file: path).first, node.entries != nil else {
            throw DocumentError(file: path, line: 1, column: 1, message: "front matter must be a mapping (key: value lines between the two ---)")
        }
        return node
    }

    static func relative(_ path: String, to root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        if full == base { return "." }
        if full.hasPrefix(base + "/") { return String(full.dropFirst(base.count + 1)) }
        return "../" + full
    }
}
