import Foundation
import OpsTestSupport
import XCTest

/// Runs the built `opsready` binary as a user would: the helpers shared by the CLI tests.
class CLITestCase: XCTestCase {
    static let root = Checkout.root
    static var binary: String { Checkout.opsready }

    typealias Run = ChildProcess.Outcome

    /// Runs `opsready` with `arguments`, or `wrapper opsready arguments` when a wrapper is given.
    @discardableResult
    func opsready(_ arguments: [String], in directory: String = root, environment: [String: String] = [:], wrappedIn wrapper: String? = nil) throws -> Run {
        guard let wrapper else { return try ChildProcess.opsready(arguments, in: directory, environment: environment) }
        return try ChildProcess.run(wrapper, [Self.binary] + arguments, in: directory, environment: environment.merging(["OPSREADY_HOME": Self.root]) { a, _ in a })
    }

    private var scratch: ScratchDirectory?
    var temporary: String! { scratch?.path }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.binary), "build the opsready binary first (make test does)")
        scratch = try ScratchDirectory("cli")
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    /// A check directory holding copies of some bundled AICC checks, so that gate tests do not change
    /// whenever the pack grows.
    func pack(_ files: [String]) throws -> String {
        let directory = temporary + "/pack-\(UUID().uuidString)/aicc"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files {
            let pack = FileManager.default.fileExists(atPath: Self.root + "/checks/aws/" + file) ? "aws" : "aicc"
            try FileManager.default.copyItem(atPath: Self.root + "/checks/\(pack)/" + file, toPath: directory + "/" + file)
        }
        return directory
    }

    @discardableResult
    func write(_ text: String, _ name: String) throws -> String {
        try scratch!.write(text, to: name)
    }
}

/// Exit codes, output and files of the commands.
final class CommandLineTests: CLITestCase {
    static let defective = """
    Resources:
      Db:
        Type: AWS::RDS::DBCluster
        Properties:
          BackupRetentionPeriod: 1
          PreferredBackupWindow: "18:00-19:00"
          StorageEncrypted: true
          DeletionProtection: true
      Sg:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: db
          SecurityGroupIngress:
            - {IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: 0.0.0.0/0}
      Trail:
        Type: AWS::CloudTrail::Trail
        Properties: {IsMultiRegionTrail: true, EnableLogFileValidation: true}
    """

    func testTheBundledExamplePassesTheGate() throws {
        let run = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--no-color", "--as-of", "2026-11-23"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Verdict: READY"), run.stdout)
        XCTAssertTrue(run.stdout.contains("OPS08  NONE"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Incident response targets: P1 15m · P2 1h · P3 4h · P4 24h"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Gate: passed"), run.stdout)
        // Without attestations the same templates leave most questions unanswered.
        let bare = try opsready(["assess", "examples/aicc/template.yaml", "--no-color"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertTrue(bare.stdout.contains("Verdict: CONDITIONAL"), bare.stdout)
    }

    func testKoreanReport() throws {
        let run = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--lang", "ko", "--as-of", "2026-11-23"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("판정: READY"), run.stdout)
        XCTAssertTrue(run.stdout.contains("운영 상태를 어떻게 파악합니까?"), run.stdout)
    }

    func testDefectsFailTheGateAndPointAtTheProperty() throws {
        let template = try write(Self.defective, "stack.yaml")
        let checks = try pack(["rds-backup-retention.yaml", "rds-deletion-protection.yaml", "security-group-open-ports.yaml", "cloudtrail.yaml"])
        let run = try opsready(["assess", template, "--format", "json", "--checks", checks])
        XCTAssertEqual(run.status, 1, run.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["verdict"] as? String, "NOT_READY")
        let failing = (report["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "fail" }
        let summary = failing.map { f -> String in
            let location = f["location"] as? [String: Any]
            return "\(f["check"]!) \(location?["line"] ?? 0) \(f["path"] ?? "-")"
        }
        XCTAssertEqual(summary.sorted(), ["AWS-RDS-001 5 Properties.BackupRetentionPeriod", "AWS-SEC-002 14 Properties.SecurityGroupIngress[0].FromPort"])
        XCTAssertEqual(try opsready(["assess", template, "--fail-on", "none", "--checks", checks]).status, 0)
        XCTAssertEqual(try opsready(["assess", template, "--fail-on", "critical", "--checks", checks]).status, 1)
        XCTAssertEqual(try opsready(["assess", template, "--param", "backup_retention_days=1", "--fail-on", "high", "--checks", "checks/aws", "--format", "json"]).status, 1)
    }

    func testMalformedInputIsOneLineExitTwoAndWritesNothing() throws {
        let template = try write("Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties: {BackupRetentionPeriod: 1\n", "broken.yaml")
        let report = temporary + "/report.json"
        try "previous report\n".write(toFile: report, atomically: true, encoding: .utf8)
        let run = try opsready(["assess", template, "--format", "json", "--output", report])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "\(template):5:1: error: did not find expected ',' or '}' (while parsing a flow mapping)\n")
        XCTAssertEqual(try String(contentsOfFile: report, encoding: .utf8), "previous report\n", "a failed run leaves the old report alone")
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try opsready(["assess", "examples/aicc", "--format", "pdf"]).status, 2)
        XCTAssertEqual(try opsready(["assess", "examples/aicc", "--lang", "fr"]).status, 2)
        let unknown = try opsready(["assess", "examples/aicc", "--param", "nonsense=3"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("--param:1:1: error: unknown check parameter 'nonsense'"), unknown.stderr)
        let missing = try opsready(["assess", "does-not-exist.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "does-not-exist.yaml: error: no such file or directory\n")
        let notTemplate = try opsready(["assess", try write("just: data\n", "data.yaml")])
        XCTAssertEqual(notTemplate.status, 2)
        XCTAssertTrue(notTemplate.stderr.contains("data.yaml:1:1: error: not a recognised input"), notTemplate.stderr)
    }

    /// The inputs load while the checks do; a bad input is still reported only where a load in sequence would have
    /// failed: after the command line's and the baseline's own errors, and alone.
    func testABadInputIsReportedAfterEveryErrorBeforeTheLoad() throws {
        let broken = try write("Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties: {BackupRetentionPeriod: 1\n", "broken.yaml")
        let param = try opsready(["assess", broken, "--param", "nonsense=3"])
        XCTAssertEqual(param.status, 2)
        XCTAssertEqual(param.stderr.split(separator: "\n").count, 1, param.stderr)
        XCTAssertTrue(param.stderr.hasPrefix("--param:1:1: error: unknown check parameter 'nonsense'"), param.stderr)
        let pack = try opsready(["assess", broken, "--checks", temporary + "/no-such-pack"])
        XCTAssertEqual(pack.status, 2)
        XCTAssertFalse(pack.stderr.contains("broken.yaml"), pack.stderr)
        let baseline = try opsready(["assess", broken, "--baseline", try write("{not json", "baseline.json")])
        XCTAssertEqual(baseline.status, 2)
        XCTAssertTrue(baseline.stderr.hasPrefix(temporary + "/baseline.json:"), baseline.stderr)
        for command in [["assess"], ["baseline", "update", "--output", temporary + "/b.json"], ["rubric", "coverage"]] {
            let run = try opsready(command + [broken])
            XCTAssertEqual(run.status, 2, command.joined(separator: " "))
            XCTAssertEqual(run.stderr, "\(broken):5:1: error: did not find expected ',' or '}' (while parsing a flow mapping)\n")
        }
    }

    func testOutputDirectoryGetsOneFilePerFormat() throws {
        let run = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2026-11-23", "--format", "text", "--format", "json",
                                "--format", "wa-answers", "--output", temporary + "/out/"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary + "/out/opsready-report.json"))
        XCTAssertTrue(try String(contentsOfFile: temporary + "/out/opsready-report.txt", encoding: .utf8).contains("Verdict: READY"))
        let answers = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: temporary + "/out/opsready-report.wa-answers.json"))) as? [String: Any])
        let first = try XCTUnwrap((answers["Answers"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["QuestionId"] as? String, "OPS01")
        XCTAssertEqual((first["SelectedChoices"] as? [String])?.count, 7)
    }

    func testJSONReportMatchesItsSchema() throws {
        let template = try write(Self.defective, "stack.yaml")
        let report = temporary + "/report.json"
        XCTAssertEqual(try opsready(["assess", template, "--format", "json", "--output", report]).status, 1)
        let python = try ChildProcess.run("python3", ["-c", """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(77)
        schema = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))
        jsonschema.validate(report, schema)
        """, Self.root + "/docs/report.schema.json", report])
        try XCTSkipIf(python.status == 77, "python3 jsonschema is not installed")
        XCTAssertEqual(python.status, 0, "the JSON report does not validate against docs/report.schema.json: \(python.stderr)")
    }

    func testNotReadyExampleShowsContradictionsWaiversAndFails() throws {
        let run = try opsready(["assess", "--manifest", "examples/aicc-not-ready/opsready.yaml", "--as-of", "2026-11-23", "--no-color"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("OPS06-BP01: attested 'yes' by 최개발 but failing: AICC-RDS-002, AWS-ECS-004, AWS-RDS-001, AWS-RDS-003"), run.stdout)
        XCTAssertTrue(run.stdout.contains("OPS03-BP01: yes by 한CTO, expired 2025-11-20"), run.stdout)
        XCTAssertTrue(run.stdout.contains("AWS-LOG-001 examples/aicc-not-ready/template.yaml AiLogGroup — EXPIRED"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Gate: FAILED — 30 failing finding(s) at or above high; 1 expired waiver(s); verdict NOT_READY"), run.stdout)
    }

    /// `rubric coverage`: the example evidences at least 45 of 82 practices automatically, each with where; a workload
    /// without a repository still assesses, its repository checks listed as not evaluated, never failed.
    func testRubricCoverageShowsWhatEvidencesEachPractice() throws {
        let run = try opsready(["rubric", "coverage", "--manifest", "examples/aicc/opsready.yaml", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(json["summary"] as? [String: Int])
        XCTAssertGreaterThanOrEqual(summary["automated"] ?? 0, 45)
        XCTAssertEqual(summary["practices"], 82)
        let practices = try XCTUnwrap(json["practices"] as? [[String: Any]])
        let tested = try XCTUnwrap(practices.first { $0["id"] as? String == "OPS05-BP02" })
        let evidence = try XCTUnwrap((tested["evidence"] as? [[String: Any]])?.first { $0["id"] as? String == "DELIVERY-CI-001" })
        XCTAssertEqual(evidence["evaluated"] as? Bool, true)
        XCTAssertEqual((evidence["locations"] as? [String])?.first, "examples/aicc/.github/workflows/ci.yml:3")
        let report = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2026-11-23", "--format", "json"])
        let assessed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let automated = (assessed["questions"] as? [[String: Any]] ?? []).flatMap { $0["practices"] as? [[String: Any]] ?? [] }.filter { !($0["automated"] is NSNull) }
        XCTAssertEqual(automated.count, summary["automated"], "the JSON report counts the same practices as automated")
        // No repository: the template alone, with the delivery pack.
        let bare = try write("workload:\n  name: bare\ninputs:\n  templates: [template.yaml]\n  packs: [aws, delivery]\n", "opsready.yaml")
        _ = try write(try String(contentsOfFile: Self.root + "/examples/aicc/template.yaml", encoding: .utf8), "template.yaml")
        let plain = try opsready(["assess", "--manifest", bare, "--format", "json", "--fail-on-verdict", "none"])
        XCTAssertTrue([0, 1].contains(plain.status), plain.stderr)
        let plainJSON = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        let failing = (plainJSON["findings"] as? [[String: Any]] ?? []).filter { ($0["check"] as? String ?? "").hasPrefix("DELIVERY") }
        XCTAssertEqual(failing.count, 0, "no repository: no delivery finding, passing or failing")
        let skipped = (plainJSON["not_evaluated"] as? [[String: Any]] ?? []).compactMap { $0["check"] as? String }.filter { $0.hasPrefix("DELIVERY") }
        XCTAssertEqual(skipped.count, 18, "every delivery check listed as not evaluated")
    }

    func testMilestonesAndDiff() throws {
        let reports = temporary + "/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
        let template = try write(Self.defective, "stack.yaml")
        let checks = try pack(["rds-backup-retention.yaml", "log-retention.yaml"])
        XCTAssertEqual(try opsready(["assess", template, "--save-milestone", "m1", "--fail-on", "none", "--checks", checks], in: temporary).status, 0)
        let fixed = Self.defective.replacingOccurrences(of: "BackupRetentionPeriod: 1", with: "BackupRetentionPeriod: 7")
            .replacingOccurrences(of: "Resources:\n", with: "Resources:\n  Extra: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30}}\n")
        try fixed.write(toFile: template, atomically: true, encoding: .utf8)
        XCTAssertEqual(try opsready(["assess", template, "--save-milestone", "m2", "--fail-on", "none", "--checks", checks], in: temporary).status, 0)
        let diff = try opsready(["diff", "m1", "m2", "--fail-on-regression"], in: temporary)
        XCTAssertEqual(diff.status, 0, diff.stdout + diff.stderr)
        XCTAssertTrue(diff.stdout.contains("Fixed findings: 1\n  - AWS-RDS-001 Db:"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("New failing findings: 0"), "a finding on a moved line is the same finding: \(diff.stdout)")
        XCTAssertEqual(try opsready(["diff", "m2", "m1", "--fail-on-regression"], in: temporary).status, 1)
        XCTAssertEqual(try opsready(["diff", "m1", "nope"], in: temporary).status, 2)
    }

    func testRubricExportImport() throws {
        let lens = temporary + "/lens.json"
        XCTAssertEqual(try opsready(["rubric", "export", "--format", "wa-lens", "--output", lens]).status, 0)
        let run = try opsready(["rubric", "import", lens, "--output", temporary + "/rubric"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "imported 11 questions and 82 practices into \(temporary!)/rubric\n")
    }

    func testExprEvalAndTest() throws {
        let input = try write("Properties:\n  RetentionInDays: 30\n", "input.yaml")
        let eval = try opsready(["expr", "eval", "input.Properties.RetentionInDays >= limit", "--input", input, "--var", "limit=14"])
        XCTAssertEqual(eval.status, 0)
        XCTAssertEqual(eval.stdout, "true\n")
        let parseError = try opsready(["expr", "eval", "1 +"])
        XCTAssertEqual(parseError.status, 2)
        XCTAssertEqual(parseError.stderr, "1 +\n   ^\nerror: column 4: unexpected end of expression\n")
        let evalError = try opsready(["expr", "eval", "1 / 0"])
        XCTAssertEqual(evalError.status, 1)
        XCTAssertEqual(evalError.stdout, "error: division by zero\n")
        let cases = try write(#"[{"name": "ok", "expr": "1 + 1", "value": {"int": "2"}}, {"name": "bad", "expr": "'a'", "value": {"int": "1"}}]"#, "cases.json")
        let test = try opsready(["expr", "test", cases])
        XCTAssertEqual(test.status, 1)
        XCTAssertEqual(test.stdout.split(separator: "\n").last, "1 passed, 1 failed")
        let json = try opsready(["expr", "test", cases, "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["passed"] as? Int, 1)
        XCTAssertEqual(object["failed"] as? Int, 1)
    }

    func testChecksTestReportsMisbehavingExamples() throws {
        let pack = temporary + "/pack"
        try FileManager.default.createDirectory(atPath: pack, withIntermediateDirectories: true)
        _ = try write("""
        id: TEST-LOG-001
        title: {ko: 로그 보존, en: Log retention}
        message: {ko: 보존 없음, en: no retention}
        severity: low
        practices: [OPS04-BP02]
        resource_types: [AWS::Logs::LogGroup]
        assert: "has(resource.RetentionInDays)"
        seed: "001_b6b4008f66e644b8.txt §글로벌 설정 관리"
        examples:
          pass:
            - |
              Resources:
                L: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 30}}
          fail:
            - |
              Resources:
                L:
                  Type: AWS::Logs::LogGroup
                  Properties:
                    LogGroupName: x # <-
        """, "pack/log.yaml")
        let run = try opsready(["checks", "test", pack])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "\(pack)/log.yaml:1:5: TEST-LOG-001: no 'remediation': say how to fix it, in Korean and English\n"
                       + "\(pack)/log.yaml:16:7: TEST-LOG-001: failing example 1: expected the finding at line 20 (marked), got line 19\nchecks: 1 passed, 2 failed\n")
        XCTAssertEqual(try opsready(["checks", "test"]).status, 0)
    }
}
