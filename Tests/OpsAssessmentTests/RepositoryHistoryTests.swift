import Foundation
@testable import OpsAssessment
import OpsCore
import OpsTestSupport
import XCTest

/// The main line's history, read from a real git repository made here: changes per week, reviewed merges (merge
/// commits and squash merges naming their pull request), reverts and change sizes — and not read at all from a
/// subdirectory or a shallow clone, whose history is not the workload's or not all there.
final class RepositoryHistoryTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        guard (try? ChildProcess.run("git", ["--version"]))?.status == 0 else { throw XCTSkip("git is not installed") }
        root = NSTemporaryDirectory() + "opsready-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/app", withIntermediateDirectories: true)
        addTeardownBlock { [root] in try? FileManager.default.removeItem(atPath: root!) }
        try git(["init", "-q", "-b", "main"])
    }

    @discardableResult
    func git(_ arguments: [String], at date: String = "2026-11-01T10:00:00Z") throws -> String {
        let run = try ChildProcess.run("git", ["-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments,
                                       environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout
    }

    /// Writes `lines` lines into `file` and commits it with `subject` on `date`.
    func change(_ file: String, lines: Int, _ subject: String, on date: String) throws {
        try (0..<lines).map { "line \($0) \(subject)" }.joined(separator: "\n").write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        try git(["add", "-A"], at: date)
        try git(["commit", "-q", "-m", subject], at: date)
    }

    func testTheMainLineIsCounted() throws {
        try change("app/a.txt", lines: 10, "start (#1)", on: "2026-08-20T10:00:00Z")          // before the twelve weeks
        try change("app/a.txt", lines: 20, "small fix (#2)", on: "2026-09-07T10:00:00Z")
        try change("app/b.txt", lines: 30, "direct push", on: "2026-09-15T10:00:00Z")
        try git(["checkout", "-q", "-b", "feature"], at: "2026-10-01T10:00:00Z")
        try change("app/c.txt", lines: 5, "feature work", on: "2026-10-01T10:00:00Z")
        try change("app/c.txt", lines: 7, "more feature work", on: "2026-10-02T10:00:00Z")
        try git(["checkout", "-q", "main"], at: "2026-10-02T10:00:00Z")
        try git(["merge", "-q", "--no-ff", "-m", "Merge pull request #3 from feature", "feature"], at: "2026-10-03T10:00:00Z")
        try git(["revert", "--no-edit", "HEAD~1"], at: "2026-10-20T10:00:00Z")
        try change("app/d.txt", lines: 4, "later than the day", on: "2026-11-30T10:00:00Z")

        let history = try XCTUnwrap(RepositoryHistory.read(root, until: CalendarDate("2026-11-23")!))
        // In the window (2026-09-01 … 2026-11-23): #2, the direct push, the merge, the revert; the feature commits are
        // behind the merge (first parent only) and the last change is after the day.
        XCTAssertEqual(history.changes, 4)
        XCTAssertEqual(history.reviewed, 2, "the squash merge naming #2 and the merge commit")
        XCTAssertEqual(history.reverts, 1)
        XCTAssertEqual(history.activeWeeks, 4)
        XCTAssertEqual(history.medianLines, 30, "lines added and deleted per change, the median of 4")
    }

    func testNotReadWhereTheHistoryIsNotTheWorkloadsOwn() throws {
        try change("app/a.txt", lines: 3, "one", on: "2026-11-02T10:00:00Z")
        try change("app/a.txt", lines: 4, "two", on: "2026-11-09T10:00:00Z")
        XCTAssertNotNil(RepositoryHistory.read(root, until: CalendarDate("2026-11-23")!))
        XCTAssertNil(RepositoryHistory.read(root + "/app", until: CalendarDate("2026-11-23")!), "a subdirectory shares the history with others")
        let shallow = root + "-shallow"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: shallow) }
        XCTAssertEqual(try ChildProcess.run("git", ["clone", "-q", "--depth", "1", "file://" + root, shallow]).status, 0)
        XCTAssertNil(RepositoryHistory.read(shallow, until: CalendarDate("2026-11-23")!), "a shallow clone holds too little to count")
        XCTAssertNil(RepositoryHistory.read(NSTemporaryDirectory(), until: CalendarDate("2026-11-23")!), "not a repository")
    }

    /// The repository is input: a program its configuration names never runs — here the signature verifier that
    /// `log.showSignature` would start for a signed commit (fails without the overrides `RepositoryHistory.git` passes).
    func testNothingTheRepositoryConfiguresRuns() throws {
        let marker = root + "-ran"
        let script = root + "-hook.sh"
        try "#!/bin/sh\ntouch '\(marker)'\nexit 1\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: marker) }
        try change("app/a.txt", lines: 3, "one", on: "2026-11-02T10:00:00Z")
        // A commit carrying a signature header, written as git stores one.
        let tree = try git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = root + "-commit.txt"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: object) }
        try ("tree \(tree)\nparent \(parent)\nauthor t <t@example.com> 1794650400 +0000\ncommitter t <t@example.com> 1794650400 +0000\n"
             + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQ==\n -----END PGP SIGNATURE-----\n\nsigned\n").write(toFile: object, atomically: true, encoding: .utf8)
        let signed = try git(["hash-object", "-t", "commit", "-w", object]).trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["update-ref", "refs/heads/main", signed])
        try git(["config", "log.showSignature", "true"])
        try git(["config", "gpg.program", script])
        try git(["config", "core.fsmonitor", script])
        try git(["config", "diff.external", script])
        let history = try XCTUnwrap(RepositoryHistory.read(root, until: CalendarDate("2026-11-23")!))
        XCTAssertEqual(history.changes, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "a program the repository's configuration names ran")
    }
}
