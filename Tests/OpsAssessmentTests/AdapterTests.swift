import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import OpsTestSupport
import XCTest

/// The same system, the same planted defects, found with the same check ids through every input kind.
final class AdapterTests: XCTestCase {
    static let planted = ["AWS-CW-001", "AWS-ECS-001", "AWS-ECS-004", "AWS-LOG-001", "AWS-RDS-001", "AICC-RDS-002",
                          "AWS-RDS-003", "AWS-SEC-001", "AWS-SEC-002"]

    private func failing(_ path: String) throws -> (checks: [String], findings: [Finding], snapshot: Snapshot) {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws", Fixtures.checksDirectory + "/aicc"], rubrics: [rubric])
        let snapshot = try InputLoader().load(paths: [Fixtures.root + "/" + path]).snapshot
        let findings = Engine(rubrics: [rubric], checks: checks).evaluate(snapshot)
        XCTAssertEqual(findings.filter { $0.status == .error }.map(\.message.en), [], "no evaluation errors in \(path)")
        return (Array(Set(findings.filter { $0.status == .fail }.map(\.check))).sorted(), findings, snapshot)
    }

    /// Defects planted in parts of the stack only the template describes (listener, Connect, its Lambda), and what only
    /// a template is judged on (owner tags, a dashboard, WAF associations, GuardDuty, the sign-in failure filter, backup
    /// copies, a budget, lifecycle rules on the log buckets: exports carry none of them) or only it declares (the anomaly alarm).
    static let templateOnly = ["AICC-BAK-001", "AICC-CONNECT-001", "AICC-CONNECT-006", "AICC-COST-001", "AICC-IAM-001", "AICC-S3-004", "AICC-SEC-010",
                               "AICC-SEC-011", "AICC-WAF-002", "AWS-ALB-003", "AWS-CW-005", "AWS-ECS-015", "AWS-IAM-001", "AWS-LAMBDA-001",
                               "AWS-LAMBDA-004", "AWS-OBS-010", "AWS-OBS-011", "AWS-OWN-001"]

    func testCloudFormation() throws {
        XCTAssertEqual(try failing("examples/aicc-not-ready/template.yaml").checks, (Self.planted + Self.templateOnly).sorted())
        XCTAssertEqual(try failing("examples/aicc/template.yaml").checks, [])
    }

    func testAWSCLIOutput() throws {
        let result = try failing("examples/aicc-not-ready/snapshots/aws-cli")
        XCTAssertEqual(result.checks, Self.planted.sorted())
        XCTAssertEqual(result.snapshot.resources.count, 23, "19 resources and the alert facts of their 4 alarms")
        let retention = try XCTUnwrap(result.findings.first { $0.check == "AWS-RDS-001" && $0.status == .fail })
        XCTAssertEqual(retention.location?.line, 7, "points at BackupRetentionPeriod in the describe-db-clusters output")
        XCTAssertTrue(retention.location?.file.hasSuffix("rds-describe-db-clusters.json") ?? false)
        XCTAssertEqual(retention.resource?.id, "aicc-prod-db")
        XCTAssertEqual(try failing("examples/aicc/snapshots/aws-cli").checks, [])
    }

    func testTerraformPlan() throws {
        let result = try failing("examples/aicc-not-ready/snapshots/terraform/plan.json")
        XCTAssertEqual(result.checks, Self.planted.sorted())
        let rollback = try XCTUnwrap(result.findings.first { $0.check == "AWS-ECS-004" && $0.status == .fail })
        XCTAssertEqual(rollback.path, "Properties.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback",
                       "the deployment_circuit_breaker block maps to CloudFormation's shape")
        XCTAssertEqual(rollback.resource?.id, "aws_ecs_service.app")
        XCTAssertEqual(try failing("examples/aicc/snapshots/terraform/plan.json").checks, [])
    }

    func testAWSConfigSnapshot() throws {
        let result = try failing("examples/aicc-not-ready/snapshots/aws-config/snapshot.json")
        XCTAssertEqual(result.checks, Self.planted.sorted())
        let ssh = try XCTUnwrap(result.findings.first { $0.check == "AWS-SEC-002" && $0.status == .fail })
        XCTAssertEqual(ssh.path, "Properties.SecurityGroupIngress[2].FromPort")
        XCTAssertEqual(try failing("examples/aicc/snapshots/aws-config/snapshot.json").checks, [])
    }

    func testNestedStacksAndJSONTemplates() throws {
        let directory = NSTemporaryDirectory() + "opsready-nested-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/stacks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        {"AWSTemplateFormatVersion": "2010-09-09",
         "Resources": {"Data": {"Type": "AWS::CloudFormation::Stack",
                                "Properties": {"TemplateURL": "stacks/data.yaml", "Parameters": {"Retention": "1"}}}}}
        """.write(toFile: directory + "/root.json", atomically: true, encoding: .utf8)
        try "Parameters:\n  Retention: {Type: Number, Default: 7}\nResources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      BackupRetentionPeriod: !Ref Retention\n"
            .write(toFile: directory + "/stacks/data.yaml", atomically: true, encoding: .utf8)
        let loaded = try InputLoader().load(paths: [directory + "/root.json"])
        XCTAssertEqual(loaded.snapshot.resources.map(\.id), ["Data", "Db"])
        XCTAssertEqual(loaded.snapshot.files.map { ($0 as NSString).lastPathComponent }, ["root.json", "data.yaml"])
        let db = try XCTUnwrap(loaded.snapshot.resource(id: "Db"))
        XCTAssertEqual(db.properties?["BackupRetentionPeriod"]?.scalar, .string("1"), "the parent's parameter value replaces the default")
        XCTAssertEqual(db.properties?["BackupRetentionPeriod"]?.location.line, 7, "located in the nested template")

        try "Resources:\n  Data:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: stacks/missing.yaml}\n"
            .write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try InputLoader().load(paths: [directory + "/broken.yaml"])) { error in
            XCTAssertEqual((error as? DocumentError)?.message, "nested stack template 'stacks/missing.yaml' does not exist")
        }
    }

    func testSelectResourceConfigResultsAreParsedFromTheirStrings() throws {
        let item = #"{\"resourceType\": \"AWS::Logs::LogGroup\", \"resourceName\": \"/ecs/x\", \"configuration\": {\"logGroupName\": \"/ecs/x\", \"retentionInDays\": 3}}"#
        let doc = try DocumentLoader.parse("{\"Results\": [\n  \"\(item)\"\n]}", file: "select.json", syntax: .json)[0]
        XCTAssertTrue(AWSConfigAdapter.recognizes(doc))
        let resources = try AWSConfigAdapter.resources(in: doc, source: InputSource(file: "select.json"))
        XCTAssertEqual(resources.map(\.type), ["AWS::Logs::LogGroup"])
        XCTAssertEqual(resources[0].properties?["RetentionInDays"]?.scalar, .int(3))
        XCTAssertEqual(resources[0].properties?["RetentionInDays"]?.location.line, 2, "located at the result's string")
    }

    /// `aws iam get-account-summary` (botocore's GetAccountSummary shape: a `SummaryMap` of counts) feeds the
    /// root-MFA check, which no CloudFormation resource can.
    func testAccountSummaryFeedsTheMFACheck() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [rubric]).filter { $0.id == "AWS-SEC-009" }
        func status(_ enabled: Int) throws -> [Finding.Status] {
            let doc = try DocumentLoader.parse("{\"SummaryMap\": {\"Users\": 3, \"AccountMFAEnabled\": \(enabled), \"MFADevicesInUse\": 2}}",
                                               file: "iam-get-account-summary.json", syntax: .json)[0]
            let snapshot = Snapshot(resources: try AWSCLIAdapter.resources(in: doc), files: ["iam-get-account-summary.json"])
            return Engine(rubrics: [rubric], checks: checks).evaluate(snapshot).map(\.status)
        }
        XCTAssertEqual(try status(0), [.fail])
        XCTAssertEqual(try status(1), [.pass])
    }

    /// `aws iam get-account-password-policy` (botocore's GetAccountPasswordPolicy shape: a `PasswordPolicy` object)
    /// feeds the complexity check, blamed at the property that falls short; with only the account summary, the account
    /// is reported as having no policy (IAM's defaults), never passed.
    func testPasswordPolicyFromTheCLI() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [rubric]).filter { $0.id.hasPrefix("AWS-IAM-00") && $0.id != "AWS-IAM-001" }
        func findings(_ files: [(String, String)]) throws -> [String] {
            var resources: [Resource] = []
            for (name, text) in files {
                resources += try AWSCLIAdapter.resources(in: try DocumentLoader.parse(text, file: name, syntax: .json)[0])
            }
            return Engine(rubrics: [rubric], checks: checks).evaluate(Snapshot(resources: resources, files: files.map(\.0)))
                .map { "\($0.check) \($0.status) \($0.path ?? "-")" }
        }
        let summary = ("iam-get-account-summary.json", "{\"SummaryMap\": {\"Users\": 3, \"AccountMFAEnabled\": 1}}")
        let weak = ("iam-get-account-password-policy.json", """
            {"PasswordPolicy": {"MinimumPasswordLength": 8, "RequireSymbols": true, "RequireNumbers": true, "RequireUppercaseCharacters": true,
             "RequireLowercaseCharacters": true, "AllowUsersToChangePassword": true, "ExpirePasswords": false}}
            """)
        let strong = ("iam-get-account-password-policy.json", weak.1.replacingOccurrences(of: ": 8,", with: ": 16,"))
        XCTAssertEqual(try findings([summary, weak]), ["AWS-IAM-002 fail Properties.MinimumPasswordLength", "AWS-IAM-003 pass -"])
        XCTAssertEqual(try findings([summary, strong]), ["AWS-IAM-002 pass -", "AWS-IAM-003 pass -"])
        XCTAssertEqual(try findings([summary]), ["AWS-IAM-003 fail -"])
    }

    /// The Prometheus Operator's `PrometheusRule` resources (kube-prometheus's shape: apiVersion, kind, metadata,
    /// `spec.groups`), several in one file, are rule files; `probe_success == 0` is a service-down alert.
    func testPrometheusRuleResources() throws {
        let directory = try ScratchDirectory("prometheusrule")
        defer { directory.remove() }
        let path = try directory.write("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: node-exporter-rules
              namespace: monitoring
              labels: {prometheus: k8s, role: alert-rules}
            spec:
              groups:
                - name: node-exporter
                  rules:
                    - alert: NodeFilesystemAlmostOutOfSpace
                      expr: node_filesystem_avail_bytes{job="node-exporter",fstype!=""} / node_filesystem_size_bytes{job="node-exporter",fstype!=""} * 100 < 5
                      for: 30m
                      labels: {severity: warning}
                      annotations: {runbook_url: "https://runbooks.example.com/node/nodefilesystemalmostoutofspace"}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: blackbox, namespace: monitoring}
            spec:
              groups:
                - name: blackbox
                  rules:
                    - alert: BlackboxProbeFailed
                      expr: probe_success == 0
                      for: 0m
                      labels: {severity: critical}
            """, to: "rules.yaml")
        let snapshot = try InputLoader().load(paths: [path]).snapshot
        XCTAssertEqual(snapshot.resources(ofType: "Prometheus::AlertRule").map(\.id), ["NodeFilesystemAlmostOutOfSpace", "BlackboxProbeFailed"])
        let signals = Dictionary(uniqueKeysWithValues: snapshot.resources(ofType: "OpsReady::Alert").map { ($0.properties?["Name"]?.string ?? "", $0.properties?["Signal"]?.string ?? "") })
        XCTAssertEqual(signals["BlackboxProbeFailed"], "service_down", "the canonical service-down alert, not an error rate")
        XCTAssertEqual(signals["NodeFilesystemAlmostOutOfSpace"], "disk")
    }

    /// The Prometheus Operator's `AlertmanagerConfig` (its documented v1alpha1 shape: camelCase keys, matchers as
    /// `{name, value, matchType}`, secret references for keys) routes as the Alertmanager configuration it stands for.
    func testAlertmanagerConfigResource() throws {
        let directory = try ScratchDirectory("amconfig")
        defer { directory.remove() }
        let path = try directory.write("""
            apiVersion: monitoring.coreos.com/v1alpha1
            kind: AlertmanagerConfig
            metadata:
              name: aicc-routing
              namespace: aicc
              labels: {alertmanagerConfig: aicc}
            spec:
              route:
                receiver: ops-team
                groupBy: [alertname, service]
                groupWait: 30s
                repeatInterval: 4h
                routes:
                  - receiver: ops-oncall
                    matchers:
                      - {name: severity, value: critical, matchType: "="}
                    repeatInterval: 30m
                    continue: true
                  - receiver: ops-team
                    matchers:
                      - {name: severity, value: "warning|info", matchType: "=~"}
              receivers:
                - name: ops-team
                  emailConfigs:
                    - {to: ops-team@company.com, sendResolved: true}
                  slackConfigs:
                    - channel: "#aicc-alerts"
                      sendResolved: true
                      apiURL: {name: slack-webhook, key: url}
                - name: ops-oncall
                  pagerdutyConfigs:
                    - routingKey: {name: pagerduty, key: routing-key}
              inhibitRules:
                - sourceMatch: [{name: severity, value: critical}]
                  targetMatch: [{name: severity, value: warning}]
                  equal: [alertname]

            """, to: "alertmanagerconfig.yaml")
        let snapshot = try InputLoader().load(paths: [path]).snapshot
        let routing = Routing(snapshot)
        XCTAssertEqual(routing.matches(["severity": "critical"]).map(\.receiver), ["ops-oncall"])
        XCTAssertEqual(routing.matches(["severity": "critical"]).first?.repeatInterval, 1_800)
        XCTAssertEqual(routing.matches(["severity": "info"]).map(\.receiver), ["ops-team"])
        XCTAssertEqual(routing.matches(["severity": "critical"]).first?.groupBy, ["alertname", "service"], "group_by inherited")
        let receivers = snapshot.resources(ofType: "Alertmanager::Receiver")
        XCTAssertEqual(receivers.first { $0.id == "ops-team" }?.properties?["Channels"]?.items?.compactMap(\.string), ["email", "slack"])
        XCTAssertEqual(receivers.first { $0.id == "ops-team" }?.properties?["SendResolved"]?.scalar, .bool(true))
        let inhibit = try XCTUnwrap(snapshot.resources(ofType: "Alertmanager::InhibitRule").first)
        XCTAssertEqual(inhibit.properties?["Equal"]?.items?.compactMap(\.string), ["alertname"])
        XCTAssertEqual(inhibit.location.line, 34, "located at its line in the manifest")
    }

    /// More read-only outputs in botocore's shapes: instances inside reservations, a single table, get-function's
    /// configuration, metric filters, Route 53 health checks.
    func testMoreCLIOutputs() throws {
        let directory = try ScratchDirectory("cli-more")
        defer { directory.remove() }
        let files = [
            try directory.write(#"{"Reservations": [{"ReservationId": "r-1", "Instances": [{"InstanceId": "i-0a", "InstanceType": "t3.medium", "Monitoring": {"State": "enabled"}}, {"InstanceId": "i-0b", "InstanceType": "t3.medium"}]}]}"#, to: "ec2-describe-instances.json"),
            try directory.write(#"{"Table": {"TableName": "sessions", "TableStatus": "ACTIVE", "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"}}}"#, to: "dynamodb-describe-table.json"),
            try directory.write(#"{"Configuration": {"FunctionName": "aicc-router", "FunctionArn": "arn:aws:lambda:ap-northeast-2:123456789012:function:aicc-router", "Runtime": "python3.12", "Timeout": 8}, "Code": {"RepositoryType": "S3"}}"#, to: "lambda-get-function.json"),
            try directory.write(#"{"metricFilters": [{"filterName": "failed-logins", "logGroupName": "/aicc/admin", "filterPattern": "[ip, user, status=401, size]", "metricTransformations": [{"metricName": "FailedLogins", "metricNamespace": "AICC", "metricValue": "1"}]}]}"#, to: "logs-describe-metric-filters.json"),
            try directory.write(#"{"HealthChecks": [{"Id": "hc-1", "CallerReference": "x", "HealthCheckConfig": {"Type": "HTTPS", "FullyQualifiedDomainName": "api.example.com", "ResourcePath": "/health"}, "HealthCheckVersion": 1}]}"#, to: "route53-list-health-checks.json"),
        ]
        let snapshot = try InputLoader().load(paths: files).snapshot
        XCTAssertEqual(snapshot.resources(ofType: "AWS::EC2::Instance").map(\.id), ["i-0a", "i-0b"])
        XCTAssertEqual(snapshot.resources(ofType: "AWS::DynamoDB::Table").map(\.id), ["sessions"])
        XCTAssertEqual(snapshot.resources(ofType: "AWS::Lambda::Function").first?.properties?["Timeout"]?.scalar, .int(8))
        XCTAssertEqual(snapshot.resources(ofType: "AWS::Logs::MetricFilter").first?.properties?["FilterPattern"]?.string, "[ip, user, status=401, size]")
        XCTAssertEqual(snapshot.resources(ofType: "AWS::Route53::HealthCheck").first?.properties?["HealthCheckConfig"]?["Type"]?.string, "HTTPS")
    }

    /// `s3api get-bucket-*` outputs (botocore's shapes) do not name their bucket: the file name or directory does, and
    /// the parts of one bucket merge, each property located in its own file.
    func testPerBucketS3OutputsMergeIntoTheirBucket() throws {
        let directory = try ScratchDirectory("s3api")
        defer { directory.remove() }
        let encryption = try directory.write(#"{"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": true}]}}"#,
                                             to: "aicc-logs.get-bucket-encryption.json")
        let versioning = try directory.write(#"{"Status": "Enabled", "MFADelete": "Disabled"}"#, to: "aicc-logs.get-bucket-versioning.json")
        let list = try directory.write(#"{"Buckets": [{"Name": "aicc-logs", "CreationDate": "2026-01-05T00:00:00+00:00"}, {"Name": "aicc-tmp", "CreationDate": "2026-01-06T00:00:00+00:00"}], "Owner": {"ID": "abc"}}"#,
                                       to: "s3api-list-buckets.json")
        let snapshot = try InputLoader().load(paths: [list, encryption, versioning]).snapshot
        let buckets = snapshot.resources(ofType: "AWS::S3::Bucket")
        XCTAssertEqual(buckets.map(\.id), ["aicc-logs", "aicc-tmp"])
        XCTAssertEqual(buckets[0].properties?["VersioningConfiguration"]?["Status"]?.string, "Enabled")
        XCTAssertEqual(buckets[0].properties?["VersioningConfiguration"]?.location.file, versioning, "located in the file it came from")
        XCTAssertEqual(buckets[0].properties?["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.items?.count, 1)
        let unnamed = try directory.write(#"{"Status": "Enabled"}"#, to: "versioning.json")
        XCTAssertThrowsError(try InputLoader().load(paths: [unnamed])) { error in
            XCTAssertTrue((error as? DocumentError)?.message.hasPrefix("a per-bucket S3 output that does not say its bucket") ?? false, "\(error)")
        }
    }

    /// `aws ec2 describe-security-group-rules` and `aws elasticache describe-cache-clusters`, in botocore's output
    /// shapes: ingress rules become resources the open-port check reads (egress rules are left out); cache clusters map.
    func testSecurityGroupRulesAndCacheClusters() throws {
        let directory = try ScratchDirectory("cli-shapes")
        defer { directory.remove() }
        let rules = try directory.write("""
            {
                "SecurityGroupRules": [
                    {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60001", "GroupId": "sg-0abc", "GroupOwnerId": "123456789012", "IsEgress": false,
                     "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "0.0.0.0/0", "Tags": []},
                    {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60002", "GroupId": "sg-0abc", "GroupOwnerId": "123456789012", "IsEgress": true,
                     "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0", "Tags": []},
                    {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60003", "GroupId": "sg-0db", "GroupOwnerId": "123456789012", "IsEgress": false,
                     "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "ReferencedGroupInfo": {"GroupId": "sg-0app", "UserId": "123456789012"}, "Tags": []}
                ]
            }
            """, to: "ec2-describe-security-group-rules.json")
        let clusters = try directory.write("""
            {"CacheClusters": [{"CacheClusterId": "aicc-cache-001", "CacheNodeType": "cache.t3.medium", "Engine": "redis", "EngineVersion": "7.0.7",
              "CacheClusterStatus": "available", "NumCacheNodes": 1, "PreferredAvailabilityZone": "ap-northeast-2a", "SnapshotRetentionLimit": 0,
              "ReplicationGroupId": "aicc-cache", "TransitEncryptionEnabled": true, "AtRestEncryptionEnabled": true}]}
            """, to: "elasticache-describe-cache-clusters.json")
        let snapshot = try InputLoader().load(paths: [rules, clusters]).snapshot
        let ingress = snapshot.resources(ofType: "AWS::EC2::SecurityGroupIngress")
        XCTAssertEqual(ingress.map(\.id), ["sgr-0a1b2c3d4e5f60001", "sgr-0a1b2c3d4e5f60003"], "the egress rule is left out")
        XCTAssertEqual(ingress[0].properties?["CidrIp"]?.string, "0.0.0.0/0")
        XCTAssertEqual(ingress[1].properties?["SourceSecurityGroupId"]?.string, "sg-0app")
        XCTAssertEqual(snapshot.resources(ofType: "AWS::ElastiCache::CacheCluster").map(\.id), ["aicc-cache-001"])
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [rubric])
        let open = Engine(rubrics: [rubric], checks: checks).evaluate(snapshot).filter { $0.status == .fail && $0.check == "AWS-SEC-002" }
        XCTAssertEqual(open.map { $0.resource?.id }, ["sgr-0a1b2c3d4e5f60001"], "SSH open to the world, on its rule")
    }

    /// An Alertmanager configuration kept in a Kubernetes Secret (the Prometheus Operator's shape): `stringData`
    /// located at the manifest's own lines, base64 `data` at its key.
    func testAlertmanagerConfigInASecret() throws {
        let directory = try ScratchDirectory("am-secret")
        defer { directory.remove() }
        let plain = try directory.write("""
            apiVersion: v1
            kind: Secret
            metadata: {name: alertmanager-main, namespace: monitoring}
            type: Opaque
            stringData:
              alertmanager.yaml: |
                route:
                  receiver: ops
                receivers:
                  - name: ops
                    slack_configs:
                      - {channel: "#ops", send_resolved: true}
            """, to: "secret.yaml")
        let receivers = try InputLoader().load(paths: [plain]).snapshot.resources(ofType: "Alertmanager::Receiver")
        XCTAssertEqual(receivers.map(\.id), ["ops"])
        XCTAssertEqual(receivers.first?.location.line, 10, "the receiver's own line in the manifest")
        let config = "route: {receiver: pager}\nreceivers:\n  - name: pager\n    pagerduty_configs: [{routing_key: x}]\n"
        let encoded = try directory.write("""
            apiVersion: v1
            kind: Secret
            metadata: {name: alertmanager-main}
            data:
              alertmanager.yaml: \(Data(config.utf8).base64EncodedString())
            """, to: "encoded.yaml")
        let fromData = try InputLoader().load(paths: [encoded]).snapshot.resources(ofType: "Alertmanager::Receiver")
        XCTAssertEqual(fromData.map(\.id), ["pager"])
        XCTAssertEqual(fromData.first?.location.line, 5, "located at the data key")
    }

    /// Configuration items in each shape AWS Config writes them (shapes as AWS documents them, written here): a JSON
    /// array (the RDK, exports), a change notification through SNS, a Config rule's event, and history output whose
    /// `configuration` is a JSON string.
    func testAWSConfigItemsInEveryShape() throws {
        let item = #"{"configurationItemVersion": "1.3", "resourceType": "AWS::Logs::LogGroup", "resourceId": "/ecs/x", "resourceName": "/ecs/x", "configuration": {"logGroupName": "/ecs/x", "retentionInDays": 3}}"#
        let escaped = item.replacingOccurrences(of: "\"", with: "\\\"")
        let shapes = [
            "array": "[\(item)]",
            "notification": #"{"Type": "Notification", "MessageId": "m-1", "TopicArn": "arn:aws:sns:ap-northeast-2:123456789012:config", "Message": "{\"messageType\": \"ConfigurationItemChangeNotification\", \"configurationItem\": \#(escaped)}"}"#,
            "rule event": #"{"version": "1.0", "configRuleName": "log-retention", "invokingEvent": "{\"messageType\": \"ConfigurationItemChangeNotification\", \"configurationItem\": \#(escaped)}"}"#,
            "history": #"{"configurationItems": [{"resourceType": "AWS::Logs::LogGroup", "resourceName": "/ecs/x", "configuration": "{\"logGroupName\": \"/ecs/x\", \"retentionInDays\": 3}"}]}"#,
        ]
        for (shape, text) in shapes.sorted(by: { $0.key < $1.key }) {
            let doc = try DocumentLoader.parse(text, file: "\(shape).json", syntax: .json)[0]
            XCTAssertTrue(AWSConfigAdapter.recognizes(doc), shape)
            let resources = try AWSConfigAdapter.resources(in: doc, source: InputSource(file: "\(shape).json"))
            XCTAssertEqual(resources.map(\.id), ["/ecs/x"], shape)
            XCTAssertEqual(resources.first?.properties?["RetentionInDays"]?.scalar, .int(3), shape)
        }
        // Broken JSON inside a string is an error at that string in the file, not at a line the file does not have.
        let broken = try DocumentLoader.parse("{\"Results\": [\n  \"{broken\"\n]}", file: "select.json", syntax: .json)[0]
        XCTAssertThrowsError(try AWSConfigAdapter.resources(in: broken, source: InputSource(file: "select.json"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("select.json:2:3: the JSON in this string, line 2 column 1: "), "\(error)")
        }
    }

    /// Load balancers, listeners and a single function's configuration as the AWS CLI prints them (botocore's
    /// DescribeLoadBalancers, DescribeListeners and GetFunctionConfiguration shapes, written here), each in its own file:
    /// listeners find their load balancer by ARN, and the checks judge them as they judge a template.
    func testLoadBalancersListenersAndAFunctionFromTheCLI() throws {
        let directory = try ScratchDirectory("cli")
        defer { directory.remove() }
        let arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/orders/50dc6c495c0c9188"
        try directory.write(#"{"LoadBalancers": [{"LoadBalancerArn": "\#(arn)", "DNSName": "orders-1.ap-northeast-2.elb.amazonaws.com", "LoadBalancerName": "orders", "Scheme": "internet-facing", "Type": "application", "State": {"Code": "active"}}]}"#,
                            to: "elbv2-describe-load-balancers.json")
        try directory.write(#"{"Listeners": [{"ListenerArn": "\#(arn.replacingOccurrences(of: ":loadbalancer/", with: ":listener/"))/f2f7dc8efc522ab2", "LoadBalancerArn": "\#(arn)", "Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/orders/73e2d6bc24d8a067"}]}]}"#,
                            to: "elbv2-describe-listeners.json")
        try directory.write(#"{"FunctionName": "orders-api", "FunctionArn": "arn:aws:lambda:ap-northeast-2:123456789012:function:orders-api", "Runtime": "python3.12", "Handler": "app.handler", "Timeout": 60, "MemorySize": 512, "TracingConfig": {"Mode": "PassThrough"}}"#,
                            to: "lambda-get-function-configuration.json")
        let snapshot = try InputLoader().load(paths: [directory.path]).snapshot
        XCTAssertEqual(Set(snapshot.resources.map(\.type)), ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener", "AWS::Lambda::Function"])
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [rubric])
        let failing = Set(Engine(rubrics: [rubric], checks: checks).evaluate(snapshot).filter { $0.status == .fail }.map { "\($0.check) \($0.resource?.id ?? "")" })
        for expected in ["AWS-ALB-001 \(arn)", "AWS-LAMBDA-001 orders-api", "AWS-LAMBDA-003 orders-api"] {
            XCTAssertTrue(failing.contains(expected), "\(expected) in \(failing.sorted())")
        }
        XCTAssertTrue(failing.contains { $0.hasPrefix("AWS-ALB-002 ") }, "the HTTP listener forwards instead of redirecting: \(failing.sorted())")
    }

    func testMappingRewrites() throws {
        let cli = try DocumentLoader.parse("""
        {"ReplicationGroups": [{"ReplicationGroupId": "aicc-cache", "AutomaticFailover": "enabled", "MultiAZ": "disabled",
          "AtRestEncryptionEnabled": true}],
         "DistributionConfig": {"CallerReference": "x", "Aliases": {"Quantity": 1, "Items": ["aicc.example.com"]},
          "ViewerCertificate": {"ACMCertificateArn": "arn:aws:acm:us-east-1:1:certificate/1", "MinimumProtocolVersion": "TLSv1.2_2021"},
          "Logging": {"Enabled": false, "Bucket": ""}}}
        """, file: "cli.json", syntax: .json)[0]
        let resources = try AWSCLIAdapter.resources(in: cli)
        let cache = try XCTUnwrap(resources.first { $0.type == "AWS::ElastiCache::ReplicationGroup" }?.properties)
        XCTAssertEqual(cache["AutomaticFailoverEnabled"]?.scalar, .bool(true))
        XCTAssertEqual(cache["MultiAZEnabled"]?.scalar, .bool(false))
        let cdn = try XCTUnwrap(resources.first { $0.type == "AWS::CloudFront::Distribution" }?.properties)
        XCTAssertEqual(cdn["Aliases"]?.items?.first?.string, "aicc.example.com")
        XCTAssertNotNil(cdn["ViewerCertificate"]?["AcmCertificateArn"])
        XCTAssertNil(cdn["Logging"], "disabled logging is no logging")

        let plan = try DocumentLoader.parse("""
        {"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"resources": [
          {"address": "module.m.aws_cloudwatch_metric_alarm.cpu", "mode": "managed", "type": "aws_cloudwatch_metric_alarm",
           "values": {"alarm_name": "cpu", "dimensions": {"ServiceName": "svc"}, "ok_actions": []}}]}]}}}
        """, file: "plan.json", syntax: .json)[0]
        let alarm = try XCTUnwrap(TerraformPlanAdapter.resources(in: plan).first)
        XCTAssertEqual(alarm.id, "module.m.aws_cloudwatch_metric_alarm.cpu")
        XCTAssertEqual(alarm.physicalId, "cpu")
        XCTAssertEqual(alarm.properties?["Dimensions"]?.items?.first?["Value"]?.string, "svc")
        XCTAssertNotNil(alarm.properties?["OKActions"])
    }

    func testLiveSnapshotsReferToEachOtherByName() throws {
        let result = try failing("examples/aicc/snapshots/aws-cli")
        let service = try XCTUnwrap(result.snapshot.resources.firstIndex { $0.type == "AWS::ECS::Service" })
        let referrers = Set(result.snapshot.referrers[service].map { result.snapshot.resources[$0].type })
        XCTAssertEqual(referrers, ["AWS::CloudWatch::Alarm", "AWS::ApplicationAutoScaling::ScalableTarget"], "a scaling policy names its target, which names the service")
    }
}

/// Alert coverage is judged on one vocabulary of alert facts, so the same system gives the same answers
/// whether its alerts are CloudWatch alarms or Prometheus rules routed by Alertmanager.
final class AlertingTests: XCTestCase {
    private func coverage(_ paths: [String]) throws -> [String: Finding.Status] {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/alerting"], rubrics: [rubric])
        let snapshot = try InputLoader().load(paths: paths.map { Fixtures.root + "/" + $0 }).snapshot
        var result: [String: Finding.Status] = [:]
        for finding in Engine(rubrics: [rubric], checks: checks).evaluate(snapshot) where finding.check.hasPrefix("ALERT-COV") {
            // An existence check passes when any alert satisfies it.
            if result[finding.check] != .pass { result[finding.check] = finding.status }
        }
        return result
    }

    func testCloudWatchAndPrometheusGiveTheSameCoverage() throws {
        for example in ["aicc", "aicc-not-ready"] {
            let cloudWatch = try coverage(["examples/\(example)/template.yaml"])
            let prometheus = try coverage(["examples/\(example)/monitoring/prometheus-rules.yml", "examples/\(example)/monitoring/alertmanager.yml"])
            XCTAssertEqual(cloudWatch.count, 8, "all eight coverage checks decided for \(example)")
            XCTAssertEqual(cloudWatch, prometheus, example)
        }
        let notReady = try coverage(["examples/aicc-not-ready/template.yaml"])
        XCTAssertEqual(notReady.filter { $0.value == .fail }.keys.sorted(), ["ALERT-COV-003", "ALERT-COV-007"])
    }

    func testFactsFromEachSource() throws {
        let snapshot = try InputLoader().load(paths: ["examples/aicc/monitoring", "examples/aicc/template.yaml"].map { Fixtures.root + "/" + $0 }).snapshot
        let facts = snapshot.resources.filter { $0.type == AlertFacts.type }
        func fact(_ name: String) throws -> Node { try XCTUnwrap(facts.first { $0.properties?["Name"]?.string == name }?.properties, name) }
        let errors = try fact("AiccHighErrorRate")
        XCTAssertEqual(errors["Signal"]?.string, "error_rate")
        XCTAssertEqual(errors["Threshold"]?.scalar, .double(5), "0.05 of requests is 5 percent")
        XCTAssertEqual(errors["Duration"]?.scalar, .int(180))
        XCTAssertEqual(errors["Receiver"]?.string, "ops-oncall")
        XCTAssertEqual(errors["Channels"]?.items?.compactMap(\.string), ["pagerduty", "webhook", "email", "slack"], "continue: true reaches both receivers")
        let seed = try fact("API Response Time High")
        XCTAssertEqual(seed["Threshold"]?.scalar, .double(3), "3000ms is 3 seconds")
        XCTAssertEqual(seed["Channels"]?.items?.compactMap(\.string), ["email", "slack"])
        let alarm = try fact("aicc-response-time")
        XCTAssertEqual(alarm["Source"]?.string, "cloudwatch")
        XCTAssertEqual(alarm["Duration"]?.scalar, .int(300))
        XCTAssertEqual(alarm["Channels"]?.items?.compactMap(\.string), ["email", "sms", "slack"], "SNS subscriptions and the Chatbot Slack channel")
        XCTAssertEqual(alarm["RunbookExists"]?.scalar, .bool(true))
        let down = try XCTUnwrap(facts.first { $0.properties?["Name"]?.string == "AiccServiceDown" })
        XCTAssertEqual(down.location.line, 6, "a fact points at its rule")
    }

    func testDurations() {
        XCTAssertEqual(DurationText.seconds("1h30m"), 5400)
        XCTAssertEqual(DurationText.seconds("500ms"), 1)
        XCTAssertNil(DurationText.seconds("soon"))
    }
}
