import Foundation
import OpsTestSupport
import XCTest

/// `opsready collect` against a local AWS API emulator (moto's server on a loopback port), seeded with a
/// defective AICC stack through the AWS CLI; the snapshot it writes must show the defects when assessed.
final class CollectTests: CLITestCase {
    private var server: ChildProcess?
    private var endpoint = ""

    private func shell(_ command: String, environment extra: [String: String] = [:]) throws -> (Int32, String) {
        let run = try ChildProcess.run("/bin/sh", ["-c", command], environment: extra)
        return (run.status, run.stdout + run.stderr)
    }

    static let credentials = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "ap-northeast-2", "AWS_MAX_ATTEMPTS": "1",
                              "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]

    override func setUpWithError() throws {
        try super.setUpWithError()
        let (found, _) = try shell("command -v moto_server && command -v aws")
        try XCTSkipIf(found != 0, "moto_server or the AWS CLI is not installed")
        let (_, port) = try shell("python3 -c \"import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])\"")
        endpoint = "http://127.0.0.1:" + port.trimmingCharacters(in: .whitespacesAndNewlines)
        server = try ChildProcess("moto_server", ["-H", "127.0.0.1", "-p", String(endpoint.split(separator: ":").last!)], capture: false)
        // Wait (bounded) until it answers.
        for _ in 0..<100 {
            if try shell("python3 -c \"import urllib.request; urllib.request.urlopen('\(endpoint)/moto-api/')\"").0 == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("moto_server did not start")
    }

    override func tearDownWithError() throws {
        server?.process.terminate()
        server?.process.waitUntilExit()
        try super.tearDownWithError()
    }

    func testCollectWritesASnapshotThatAssessReads() throws {
        let aws = "aws --endpoint-url \(endpoint)"
        let seed = """
        set -e
        \(aws) rds create-db-cluster --db-cluster-identifier aicc-prod-db --engine aurora-mysql --master-username admin \
          --master-user-password secret123456 --backup-retention-period 1 --preferred-backup-window 18:00-19:00 --storage-encrypted --deletion-protection
        \(aws) logs create-log-group --log-group-name /ecs/aicc-prod
        \(aws) logs put-retention-policy --log-group-name /ecs/aicc-prod --retention-in-days 30
        \(aws) logs create-log-group --log-group-name /ecs/aicc-ai
        SG=$(\(aws) ec2 create-security-group --group-name aicc-alb --description alb --query GroupId --output text)
        \(aws) ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 22 --cidr 0.0.0.0/0
        \(aws) s3 mb s3://aicc-audit-logs
        \(aws) s3 mb s3://aicc-reports
        \(aws) s3api put-bucket-versioning --bucket aicc-reports --versioning-configuration Status=Enabled
        \(aws) s3api put-public-access-block --bucket aicc-reports \
          --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
        \(aws) cloudtrail create-trail --name aicc-audit --s3-bucket-name aicc-audit-logs --is-multi-region-trail --enable-log-file-validation
        \(aws) iam update-account-password-policy --minimum-password-length 8 --require-numbers --require-uppercase-characters --require-lowercase-characters
        \(aws) ecs create-cluster --cluster-name aicc-prod-cluster --settings name=containerInsights,value=enabled
        \(aws) ecs register-task-definition --family app --container-definitions '[{"name": "app", "image": "app:1", "memory": 512}]'
        \(aws) ecs create-service --cluster aicc-prod-cluster --service-name aicc-prod-service --task-definition app --desired-count 2
        \(aws) application-autoscaling register-scalable-target --service-namespace ecs --resource-id service/aicc-prod-cluster/aicc-prod-service \
          --scalable-dimension ecs:service:DesiredCount --min-capacity 1 --max-capacity 10
        """
        let (status, output) = try shell(seed, environment: Self.credentials)
        XCTAssertEqual(status, 0, output)

        let snapshot = temporary + "/snapshot"
        let collect = try opsreadyWithCredentials(["collect", "--region", "ap-northeast-2", "--endpoint-url", endpoint, "--output", snapshot])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stdout.hasPrefix("collect: "), collect.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot + "/rds-describe-db-clusters.json"))

        let assess = try opsready(["assess", snapshot, "--format", "json", "--fail-on", "none"])
        XCTAssertEqual(assess.status, 0, assess.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(assess.stdout.utf8)) as? [String: Any])
        let failing = Set(((report["findings"] as? [[String: Any]]) ?? []).filter { $0["status"] as? String == "fail" }.compactMap { f -> String? in
            guard let check = f["check"] as? String, let id = (f["resource"] as? [String: Any])?["id"] as? String else { return nil }
            return "\(check) \(id)"
        })
        for expected in ["AWS-RDS-001 aicc-prod-db", "AWS-LOG-001 /ecs/aicc-ai", "AWS-ECS-001 service/aicc-prod-cluster/aicc-prod-service",
                         "AWS-SEC-009 SummaryMap[0]", "AWS-IAM-002 PasswordPolicy[0]"] {
            XCTAssertTrue(failing.contains(expected), "\(expected) not in \(failing.sorted())")
        }
        XCTAssertFalse(failing.contains("AWS-IAM-003 SummaryMap[0]"), "the account has a password policy (a weak one)")
        XCTAssertFalse(failing.contains("AWS-LOG-001 /ecs/aicc-prod"), "the log group with 30-day retention passes")
        XCTAssertFalse(failing.contains("AWS-SEC-001 aicc-audit"), "the trail with validation passes")
        XCTAssertTrue(failing.contains { $0.hasPrefix("AWS-SEC-002 sg-") }, "port 22 open to the internet")
        // Each bucket's s3api outputs, written under s3api/BUCKET/, merge into the bucket.
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot + "/s3api/aicc-reports/get-bucket-versioning.json"))
        XCTAssertTrue(failing.contains("AWS-SEC-004 aicc-audit-logs"), "never versioned")
        XCTAssertFalse(failing.contains("AWS-SEC-004 aicc-reports"), "versioned")
        XCTAssertTrue(failing.contains("AWS-SEC-005 aicc-audit-logs"), "no public access block")
        XCTAssertFalse(failing.contains("AWS-SEC-005 aicc-reports"), "public access blocked")
    }

    func testCollectWithNothingReachableExitsTwo() throws {
        let run = try opsreadyWithCredentials(["collect", "--region", "ap-northeast-2", "--endpoint-url", "http://127.0.0.1:9", "--timeout", "2",
                                               "--output", temporary + "/none"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("error: collect: the first 3 AWS CLI commands failed; stopping (aws rds describe-db-clusters: "), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary + "/none/rds-describe-db-clusters.json"))
    }

    private func opsreadyWithCredentials(_ arguments: [String]) throws -> Run {
        try opsready(arguments, environment: Self.credentials)
    }
}
