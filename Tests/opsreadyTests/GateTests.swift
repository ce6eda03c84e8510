import Foundation
import OpsTestSupport
import XCTest

/// The pull-request gate: baselines, change-scoped gating and before → after against a git revision, run as
/// a CI job would run them, in a real git repository.
final class GateTests: CLITestCase {
    private func git(_ arguments: String...) throws {
        let run = try ChildProcess.run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments, in: temporary)
        XCTAssertEqual(run.status, 0, "git \(arguments): \(run.stderr)")
    }

    static let checks = ["rds-backup-retention.yaml", "rds-deletion-protection.yaml", "rds-encryption.yaml", "log-retention.yaml"]

    static let base = """
    Resources:
      Logs:
        Type: AWS::Logs::LogGroup
        Properties:
          RetentionInDays: 7
      Db:
        Type: AWS::RDS::DBCluster
        Properties:
          BackupRetentionPeriod: 7
          PreferredBackupWindow: "18:00-19:00"
          StorageEncrypted: true
          DeletionProtection: true
      Trail:
        Type: AWS::CloudTrail::Trail
        Properties: {IsMultiRegionTrail: true, EnableLogFileValidation: true}
    """

    func testBaselineFailsOnlyOnNewFindings() throws {
        let template = try write(Self.base, "stack.yaml")
        let checks = try pack(Self.checks)
        let update = try opsready(["baseline", "update", template, "--output", temporary + "/baseline.json", "--checks", checks])
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertEqual(update.stdout, "baseline: 1 failing finding(s) recorded in \(temporary!)/baseline.json\n")
        // The known finding (log retention, medium) no longer fails a medium gate; a new one does.
        XCTAssertEqual(try opsready(["assess", template, "--fail-on", "medium", "--baseline", temporary + "/baseline.json", "--checks", checks]).status, 0)
        let worse = Self.base.replacingOccurrences(of: "BackupRetentionPeriod: 7", with: "BackupRetentionPeriod: 1")
            .replacingOccurrences(of: "Resources:\n", with: "Resources:\n  # a comment that moves every line\n")
        try worse.write(toFile: template, atomically: true, encoding: .utf8)
        let run = try opsready(["assess", template, "--fail-on", "medium", "--baseline", temporary + "/baseline.json", "--format", "markdown", "--checks", checks])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("### New findings (1)\n- 🟠 **AICC-RDS-001**"), run.stdout)
        XCTAssertTrue(run.stdout.contains("<details><summary>Baselined findings (1)</summary>"), "the moved old finding is still recognised: \(run.stdout)")
        let sarif = try opsready(["assess", template, "--fail-on", "none", "--baseline", temporary + "/baseline.json", "--format", "sarif", "--checks", checks])
        XCTAssertTrue(sarif.stdout.contains("\"justification\": \"in the baseline\""), "baselined findings go to suppressions, not away")
    }

    func testChangedFilesAndGitDiffLimitTheGate() throws {
        try git("init", "-q", "-b", "main")
        let template = try write(Self.base, "stack.yaml")
        _ = try write(Self.base.replacingOccurrences(of: "RetentionInDays: 7", with: "RetentionInDays: 30"), "other.yaml")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        // The change breaks the database in stack.yaml; the old log finding is on an untouched resource.
        try Self.base.replacingOccurrences(of: "DeletionProtection: true", with: "DeletionProtection: false")
            .write(toFile: template, atomically: true, encoding: .utf8)
        let checks = try pack(Self.checks)
        let diffRun = try opsready(["assess", "stack.yaml", "other.yaml", "--git-diff", "HEAD", "--fail-on", "medium", "--format", "annotations", "--checks", checks], in: temporary)
        XCTAssertEqual(diffRun.status, 1, diffRun.stderr)
        XCTAssertEqual(diffRun.stdout.split(separator: "\n").map { String($0.prefix(64)) },
                       ["::error file=stack.yaml,line=12,col=7,title=AICC-RDS-003 high Db"], "only the touched resource is gated")
        let list = try write("other.yaml\n", "changed.txt")
        XCTAssertEqual(try opsready(["assess", "stack.yaml", "other.yaml", "--changed-files", list, "--fail-on", "medium", "--checks", checks], in: temporary).status, 0,
                       "nothing failing in other.yaml")
    }

    func testCompareToAGitRevisionShowsRiskChanges() throws {
        try git("init", "-q", "-b", "main")
        let template = try write(Self.base.replacingOccurrences(of: "RetentionInDays: 7", with: "RetentionInDays: 30"), "stack.yaml")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        try Self.base.replacingOccurrences(of: "StorageEncrypted: true", with: "StorageEncrypted: false")
            .write(toFile: template, atomically: true, encoding: .utf8)
        let checks = try pack(Self.checks)
        let run = try opsready(["assess", "stack.yaml", "--compare-to", "HEAD", "--format", "markdown", "--fail-on", "none", "--checks", checks], in: temporary)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("## opsready: **NOT_READY** (was CONDITIONAL)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("| OPS07 How do you know that you are ready to support a workload? | UNANSWERED → **HIGH** |"), run.stdout)
    }
}
