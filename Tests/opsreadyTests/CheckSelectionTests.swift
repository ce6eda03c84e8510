import Foundation
import OpsTestSupport
import XCTest

/// Choosing checks and setting their thresholds, as a team with a workload that is not the AICC example would:
/// skipped checks are reported with their reason, typos and wrong types are errors at their line.
final class CheckSelectionTests: CLITestCase {
    /// An orders API: one standalone PostgreSQL instance with three defects, in New York.
    func workload(_ extra: String = "") throws -> String {
        try write("""
            Resources:
              Orders:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, DBInstanceClass: db.t4g.medium, StorageEncrypted: false, MultiAZ: false,
                             DeletionProtection: false, BackupRetentionPeriod: 7}
            """, "template.yaml")
        return try write("""
            workload: {name: orders, timezone: America/New_York}
            inputs:
              templates: [template.yaml]
              packs: [aws, aicc]
            \(extra)
            """, "opsready.yaml")
    }

    func findings(_ run: ChildProcess.Outcome) throws -> [String] {
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
        return (report["findings"] as? [[String: Any]] ?? []).filter { ["fail", "skipped"].contains($0["status"] as? String) }.map { f in
            "\(f["status"] as? String ?? "") \(f["check"] as? String ?? "") \((f["resource"] as? [String: Any])?["id"] as? String ?? "-") \(f["note"] as? String ?? "")"
        }
    }

    func testAStandaloneInstancesDefectsAreFoundAndSkippedChecksSayWhy() throws {
        let manifest = try workload("""
            checks:
              skip:
                - {id: "AICC-LOG-00[234]", reason: the AICC log groups are not ours}
            """)
        let run = try opsready(["assess", "--manifest", manifest, "--format", "json", "--fail-on", "none", "--fail-on-verdict", "none"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let found = try findings(run)
        for check in ["AWS-RDS-003", "AWS-RDS-004", "AWS-RDS-005"] {
            XCTAssertTrue(found.contains("fail \(check) Orders "), "\(check) on the standalone instance: \(found)")
        }
        for check in ["AICC-LOG-002", "AICC-LOG-003", "AICC-LOG-004"] {
            XCTAssertTrue(found.contains("skipped \(check) - the AICC log groups are not ours"), "\(found)")
            XCTAssertFalse(found.contains { $0.hasPrefix("fail \(check)") })
        }
        let cli = try opsready(["assess", "--manifest", manifest, "--format", "json", "--skip-check", "AWS-RDS-00?", "--check", "AWS-RDS-*"])
        XCTAssertEqual(try findings(cli).filter { $0.hasPrefix("fail") }, ["fail AWS-RDS-010 Orders "], "only RDS checks, the single-digit ones skipped")
    }

    func testTyposAndWrongTypesAreErrorsAtTheirLine() throws {
        let typo = try workload("checks:\n  skip:\n    - {id: AICC-LOGS-002, reason: typo}\n")
        XCTAssertEqual(try opsready(["assess", "--manifest", typo]).stderr, "\(typo):7:12: error: 'AICC-LOGS-002' matches no loaded check\n")
        let seven = try workload("params:\n  backup_retention_days: seven\n")
        XCTAssertEqual(try opsready(["assess", "--manifest", seven]).stderr,
                       "\(seven):6:26: error: backup_retention_days must be an integer (check AWS-RDS-001, default 7), not a string seven\n")
        let unknown = try workload("params:\n  backup_days: 7\n")
        XCTAssertTrue(try opsready(["assess", "--manifest", unknown]).stderr.hasPrefix("\(unknown):6:16: error: unknown check parameter 'backup_days'"))
        let pack = try workload()
        try String(contentsOfFile: pack, encoding: .utf8).replacingOccurrences(of: "packs: [aws, aicc]", with: "packs: [aic]").write(toFile: pack, atomically: true, encoding: .utf8)
        let noPack = try opsready(["assess", "--manifest", pack])
        XCTAssertEqual(noPack.status, 2)
        XCTAssertEqual(noPack.stderr, "\(pack):4:11: error: no check pack 'aic' (bundled packs: aicc, alerting, aws, delivery)\n", "the manifest's line, no path of this machine")
        let cli = try opsready(["assess", "--manifest", try workload(), "--param", "backup_retention_days=1.5"])
        XCTAssertEqual(cli.status, 2)
        XCTAssertEqual(cli.stderr, "--param:1:1: error: backup_retention_days must be an integer (check AWS-RDS-001, default 7), not a number 1.5\n")
    }
}
