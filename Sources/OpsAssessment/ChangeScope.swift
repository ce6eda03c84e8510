import Foundation
import OpsCore

/// What a change touched: whole files (`--changed-files`) or line ranges per file (`--git-diff BASE`).
/// Findings on resources outside it are marked untouched: still reported in the JSON, not gated or annotated.
public struct ChangeScope: Sendable {
    /// Changed line ranges per file; nil ranges mean the whole file changed.
    public let files: [String: [ClosedRange<Int>]?]

    public init(files: [String: [ClosedRange<Int>]?]) {
        var normalized: [String: [ClosedRange<Int>]?] = [:]
        for (file, ranges) in files { normalized[Self.normalize(file)] = ranges }
        self.files = normalized
    }

    /// One path per line, as `git diff --name-only` prints.
    public static func changedFiles(_ text: String) -> ChangeScope {
        let names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return ChangeScope(files: Dictionary(names.map { ($0, nil as [ClosedRange<Int>]?) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The new-side line ranges of `git diff -U0` output (`@@ -a,b +c,d @@`), whose paths are relative to `root`
    /// (the repository's top directory; the current directory when nil).
    public static func unifiedDiff(_ text: String, root: String? = nil) -> ChangeScope {
        var files: [String: [ClosedRange<Int>]?] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let name = line.dropFirst(4)
                current = name == "/dev/null" ? nil : String(name.hasPrefix("b/") ? name.dropFirst(2) : name)
                if let current, files[current] == nil { files[current] = .some([]) }
            } else if line.hasPrefix("@@"), let current, let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) {
                let parts = plus.dropFirst().split(separator: ",")
                guard let start = Int(parts[0]) else { continue }
                let count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
                // A pure deletion (count 0) touches the line where the text was removed.
                let range = count == 0 ? max(1, start)...max(1, start) : start...(start + count - 1)
                files[current] = .some((files[current] ?? []).map { $0 + [range] } ?? [range])
            }
        }
        guard let root else { return ChangeScope(files: files) }
        return ChangeScope(files: Dictionary(files.map { (root + "/" + $0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The absolute path, without `.` and `..`: a file named from the repository root and the same file named from
    /// wherever opsready runs are one key.
    static func normalize(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: Finding.workingDirectory, isDirectory: true)).standardizedFileURL.path
    }

    /// Whether a resource spanning `lines` in `file` was touched.
    public func touches(file: String, lines: ClosedRange<Int>?) -> Bool {
        guard let entry = files[Self.normalize(file)] else { return false }
        guard let ranges = entry, let lines else { return true }
        return ranges.contains { $0.overlaps(lines) }
    }

    /// Whether the change touched a resource: what its input says (a Terraform plan's actions), else its own
    /// lines or anything it depends on (parameters, mappings, conditions, globals, referenced resources, a nested
    /// stack's file).
    public func touches(_ resource: Resource) -> Bool {
        if let changed = resource.planChanged { return changed }
        return touches(file: resource.location.file, lines: resource.location.line...resource.lastLine)
            || resource.dependencies.contains { touches(file: $0.file, lines: $0.lines) }
    }

    /// Marks findings on resources the change did not touch.
    public func apply(to findings: [Finding], snapshot: Snapshot) -> [Finding] {
        findings.map { finding in
            var f = finding
            guard let file = f.location?.file else { return f }
            if let ref = f.resource, let resource = snapshot.resource(id: ref.id, file: file) {
                f.untouched = !touches(resource)
            } else {
                f.untouched = !touches(file: file, lines: nil)
            }
            return f
        }
    }
}
