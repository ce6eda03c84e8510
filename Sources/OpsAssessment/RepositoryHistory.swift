import Foundation
import OpsCore
import OpsDocument

/// How a repository's main line changed in the twelve weeks up to the assessment day, from `git log --first-parent`:
/// the changes, how many reached it through a reviewed merge (a merge commit, a squash merge naming its pull request
/// `(#123)`, or GitLab's `See merge request`), the reverts, the lines each change touched, and the weeks with a change.
/// Read only where the history is the workload's own: the root of a git work tree with its full history. A
/// subdirectory shares its repository's history with others, and a shallow clone holds too little to count.
public struct RepositoryHistory: Sendable, Equatable {
    public static let days = 84

    public let until: CalendarDate
    public let changes: Int
    public let reviewed: Int
    public let reverts: Int
    /// Lines added plus deleted by the median change.
    public let medianLines: Int
    /// Of the twelve weeks, those with at least one change.
    public let activeWeeks: Int

    /// The history of `root` up to the end of `until` (UTC), or nil where it is not the workload's to read.
    public static func read(_ root: String, until: CalendarDate) -> RepositoryHistory? {
        // One call answers both: the work tree's top level, then whether the clone is shallow.
        guard let answers = git(root, ["rev-parse", "--show-toplevel", "--is-shallow-repository"])?.split(separator: "\n").map(String.init),
              answers.count == 2, answers[1] == "false",
              URL(fileURLWithPath: answers[0]).resolvingSymlinksInPath().path == URL(fileURLWithPath: root).resolvingSymlinksInPath().path else { return nil }
        let end = until.adding(days: 1).start(in: TimeZone(identifier: "UTC")!)
        let start = end.addingTimeInterval(-Double(days) * 86_400)
        guard let log = git(root, ["log", "--first-parent", "--numstat", "--no-ext-diff", "--no-textconv", "--format=%x1e%ct%x1f%P%x1f%s",
                                   "--since=@\(Int(start.timeIntervalSince1970))", "--until=@\(Int(end.timeIntervalSince1970) - 1)"]) else { return nil }
        return parse(log, start: start, until: until)
    }

    /// `git log` output in the format `read` asks for.
    static func parse(_ log: String, start: Date, until: CalendarDate) -> RepositoryHistory {
        var changes = 0, reviewed = 0, reverts = 0
        var lines: [Int] = []
        var weeks = Set<Int>()
        for record in log.split(separator: "\u{1e}") {
            let rows = record.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = rows.first else { continue }
            let fields = header.split(separator: "\u{1f}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let seconds = Double(fields[0]) else { continue }
            changes += 1
            let parents = fields[1].split(separator: " ").count, subject = fields[2]
            if parents > 1 || subject.range(of: #"\(#\d+\)\s*$"#, options: .regularExpression) != nil || record.contains("See merge request") { reviewed += 1 }
            if subject.hasPrefix("Revert \"") { reverts += 1 }
            lines.append(rows.dropFirst().reduce(0) { sum, row in
                let parts = row.split(separator: "\t")
                return sum + (parts.count >= 3 ? (Int(parts[0]) ?? 0) + (Int(parts[1]) ?? 0) : 0)
            })
            let week = Int(((seconds - start.timeIntervalSince1970) / (7 * 86_400)).rounded(.down))
            if (0..<(days / 7)).contains(week) { weeks.insert(week) }
        }
        let sorted = lines.sorted()
        return RepositoryHistory(until: until, changes: changes, reviewed: reviewed, reverts: reverts,
                                 medianLines: sorted.isEmpty ? 0 : sorted[sorted.count / 2], activeWeeks: weeks.count)
    }

    /// The snapshot's `history:` entry, at `location`.
    func node(at location: SourceLocation) -> Node {
        let number = { (n: Int) in Node(.scalar(.int(Int64(n))), location: location) }
        return NodeBuilder.mapping([("days", number(Self.days)), ("until", NodeRewriting.string(until.description, at: location)),
                                    ("changes", number(changes)), ("reviewed", number(reviewed)), ("reverts", number(reverts)),
                                    ("median_lines", number(medianLines)), ("active_weeks", number(activeWeeks))], at: location)
    }

    /// git's standard output, or nil when it fails or is not installed. The repository is input: nothing it
    /// configures runs (no signature verification program, external diff, text conversion, filesystem monitor or pager).
    static func git(_ root: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "-c", "core.pager=cat", "--no-pager"]
            + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"]) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
