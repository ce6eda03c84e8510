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
        XCTAssertTrue(run.stdout.contains("### New or worse findings (1)\n- 🟠 **AWS-RDS-001**"), run.stdout)
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
                       ["::error file=stack.yaml,line=12,col=7,title=AWS-RDS-003 high Db:"], "only the touched resource is gated")
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
        XCTAssertTrue(run.stdout.contains("| OPS07 How do you know that you are ready to support a workload? | UNANSWERED → **HIGH** ⬆️ |"), run.stdout)
    }

    /// The base of a comparison reads the repository as it was: a branch that deletes CODEOWNERS shows OPS02 getting
    /// worse (the base once read the repository as it is now, so both sides agreed and nothing changed).
    func testCompareToReadsTheRepositoryAsItWasAtTheBase() throws {
        try git("init", "-q", "-b", "main")
        _ = try write(Self.base, "stack.yaml")
        _ = try write("* @team/ops\n", ".github/CODEOWNERS")
        let manifest = try write("workload:\n  name: w\ninputs:\n  templates: [stack.yaml]\n  packs: [delivery]\n  repository: .\n", "opsready.yaml")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        try FileManager.default.removeItem(atPath: temporary + "/.github/CODEOWNERS")
        let run = try opsready(["assess", "--manifest", manifest, "--compare-to", "HEAD", "--format", "markdown", "--fail-on", "none",
                                "--fail-on-verdict", "none"], in: temporary)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("| OPS02 "), "OPS02's risk changed: \(run.stdout)")
    }

    /// The JSON report's findings as (check, resource, baseline state) and its fixed list.
    private func states(_ stdout: String) throws -> (findings: [String], fixed: [String]) {
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let findings = (report["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "fail" }.map { f in
            "\(f["check"] as? String ?? "") \((f["resource"] as? [String: Any])?["id"] as? String ?? "") \(f["baseline_state"] as? String ?? "-")"
        }
        let fixed = ((report["baseline"] as? [String: Any])?["fixed"] as? [[String: Any]] ?? []).map { "\($0["check"] as? String ?? "") \($0["resource"] as? String ?? "")" }
        return (findings.sorted(), fixed.sorted())
    }

    /// A branch that only lowers a Parameter's default changes every resource that uses it: caught under --git-diff.
    func testAParameterOnlyChangeIsInTheChange() throws {
        try git("init", "-q", "-b", "main")
        let base = """
            Parameters:
              LogRetentionDays:
                Type: Number
                Default: 30
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  RetentionInDays: !Ref LogRetentionDays
            """
        let template = try write(base, "stack.yaml")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        let checks = try pack(["log-retention.yaml"])
        XCTAssertEqual(try opsready(["baseline", "update", "stack.yaml", "--output", "baseline.json", "--checks", checks], in: temporary).status, 0)
        try base.replacingOccurrences(of: "Default: 30", with: "Default: 7").write(toFile: template, atomically: true, encoding: .utf8)
        let run = try opsready(["assess", "stack.yaml", "--baseline", "baseline.json", "--git-diff", "main", "--fail-on", "medium", "--format", "json", "--checks", checks],
                               in: temporary)
        XCTAssertEqual(run.status, 1, "the lowered default fails the gate: \(run.stderr)")
        XCTAssertEqual(try states(run.stdout).findings, ["AWS-LOG-001 Logs new"])
    }

    /// A baselined value that gets worse fails the gate as `worsened`; one that improves but still fails does not.
    func testAWorsenedBaselinedValueFailsTheGate() throws {
        let template = try write(Self.base.replacingOccurrences(of: "BackupRetentionPeriod: 7", with: "BackupRetentionPeriod: 3"), "stack.yaml")
        let checks = try pack(Self.checks)
        XCTAssertEqual(try opsready(["baseline", "update", template, "--output", temporary + "/baseline.json", "--checks", checks]).status, 0)
        func assess(_ retention: Int) throws -> ChildProcess.Outcome {
            try Self.base.replacingOccurrences(of: "BackupRetentionPeriod: 7", with: "BackupRetentionPeriod: \(retention)")
                .write(toFile: template, atomically: true, encoding: .utf8)
            return try opsready(["assess", template, "--baseline", temporary + "/baseline.json", "--fail-on", "medium", "--format", "json", "--checks", checks])
        }
        let worse = try assess(1)
        XCTAssertEqual(worse.status, 1)
        XCTAssertTrue(try states(worse.stdout).findings.contains("AWS-RDS-001 Db worsened"), worse.stdout)
        XCTAssertTrue(worse.stdout.contains("worse than the baseline: 3 → 1"), worse.stdout)
        let better = try assess(5)
        XCTAssertEqual(better.status, 0, "3 → 5 still fails the check but is not worse")
        XCTAssertTrue(try states(better.stdout).findings.contains("AWS-RDS-001 Db unchanged"), better.stdout)
    }

    /// Renaming a resource and moving another into a new file are neither fixes nor new findings; the one real fix is.
    func testRenamesAndMovesAreRecognised() throws {
        let logs = { (id: String, name: String) in "  \(id):\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: \(name)\n      RetentionInDays: 7\n" }
        try write("Resources:\n" + logs("AppLogs", "/app") + logs("AuditLogs", "/audit") + logs("ProxyLogs", "/proxy"), "stack.yaml")
        let checks = try pack(["log-retention.yaml"])
        XCTAssertEqual(try opsready(["baseline", "update", "stack.yaml", "--output", "baseline.json", "--checks", checks], in: temporary).status, 0)
        // AppLogs → ApplicationLogs, AuditLogs → infra/audit.yaml, ProxyLogs fixed.
        try write("Resources:\n" + logs("ApplicationLogs", "/app") + logs("ProxyLogs", "/proxy").replacingOccurrences(of: "RetentionInDays: 7", with: "RetentionInDays: 30"),
                  "stack.yaml")
        try write("Resources:\n" + logs("AuditLogs", "/audit"), "infra/audit.yaml")
        let run = try opsready(["assess", "stack.yaml", "infra/audit.yaml", "--baseline", "baseline.json", "--fail-on", "medium", "--format", "json", "--checks", checks],
                               in: temporary)
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try states(run.stdout)
        XCTAssertEqual(result.findings, ["AWS-LOG-001 ApplicationLogs moved", "AWS-LOG-001 AuditLogs moved"])
        XCTAssertEqual(result.fixed, ["AWS-LOG-001 ProxyLogs"], "one real fix")
        let markdown = try opsready(["assess", "stack.yaml", "infra/audit.yaml", "--baseline", "baseline.json", "--format", "markdown", "--checks", checks], in: temporary)
        XCTAssertTrue(markdown.stdout.contains("· 1 fixed"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("renamed or moved from AppLogs in stack.yaml"), markdown.stdout)
    }

    /// A suppression of a check id that no loaded check has is an error where it is written, not a silent no-op.
    func testSuppressingAnUnknownCheckIsAnError() throws {
        let template = try write("""
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Metadata:
                  opsready:
                    skip:
                      - {id: AICC-LOG-01, reason: kept short on purpose}
                Properties: {RetentionInDays: 7}
            """, "stack.yaml")
        let run = try opsready(["assess", template, "--checks", try pack(["log-retention.yaml"])])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "\(template):7:18: error: suppression of 'AICC-LOG-01', which no loaded check has (resource Logs)\n")
    }

    /// SARIF for code scanning: every result (in the change or not), a security severity that separates critical
    /// from high, and help that says how to fix.
    func testSARIFCarriesSecuritySeverityAndEveryResult() throws {
        try git("init", "-q", "-b", "main")
        try write(Self.base, "stack.yaml")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        let run = try opsready(["assess", "stack.yaml", "--git-diff", "main", "--fail-on", "none", "--format", "sarif", "--checks", try pack(Self.checks)], in: temporary)
        let sarif = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let sarifRun = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        let results = sarifRun["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.count, 1, "the untouched log finding is still uploaded: \(run.stdout)")
        XCTAssertEqual((results.first?["properties"] as? [String: Any])?["untouched"] as? Bool, true)
        let rules = ((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        let severities = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"] as? String ?? "", ($0["properties"] as? [String: Any])?["security-severity"] as? String ?? "") })
        XCTAssertEqual(severities["AWS-RDS-001"], "8.0")
        XCTAssertEqual(severities["AWS-LOG-001"], "5.5")
        let help = (rules.first { $0["id"] as? String == "AWS-RDS-001" }?["help"] as? [String: Any])?["markdown"] as? String ?? ""
        XCTAssertTrue(help.contains("**How to fix**") && help.contains("BackupRetentionPeriod"), help)
    }
}
