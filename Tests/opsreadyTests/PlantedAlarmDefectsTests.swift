import Foundation
import OpsTestSupport
import XCTest

/// Alarm defects planted one at a time in the ready AICC example: each must raise a new failing finding on the
/// resource that has it, where the example alone raises none of them.
final class PlantedAlarmDefectsTests: CLITestCase {
    /// The failing (check, resource, line) triples of an assessment of the example's template, changed by `plant`.
    func failures(_ plant: (String) -> String) throws -> Set<String> {
        let original = try String(contentsOfFile: Self.root + "/examples/aicc/template.yaml", encoding: .utf8)
        let changed = plant(original)
        XCTAssertNotEqual(changed, original, "the defect was planted")
        let directory = temporary + "/planted-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: directory + "/docs", withIntermediateDirectories: true)
        let path = directory + "/template.yaml"
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try opsready(["assess", path, "--checks", "checks/aws", "--checks", "checks/aicc", "--checks", "checks/alerting",
                                "--format", "json", "--as-of", "2026-11-23"])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        return Set(findings.filter { $0["status"] as? String == "fail" }.compactMap { f in
            guard let check = f["check"] as? String, let resource = (f["resource"] as? [String: Any])?["id"] as? String else { return nil }
            return "\(check) \(resource)"
        })
    }

    func testEachPlantedDefectRaisesANewFindingOnItsResource() throws {
        let baseline = try failures { $0 + "\n" }
        let planted: [(String, (String) -> String, [String])] = [
            ("a second service with none of the first one's alarms", { t in
                t.replacingOccurrences(of: "  AppScalableTarget:", with: """
                      BotService:
                        Type: AWS::ECS::Service
                        Properties:
                          ServiceName: aicc-bot
                          Cluster: !Ref Cluster
                          LaunchType: FARGATE
                          DesiredCount: 2
                          TaskDefinition: !Ref AppTaskDefinition
                      AppScalableTarget:
                    """)
            }, ["AWS-ECS-011 BotService", "AWS-CW-002 BotService", "AWS-ECS-010 BotService"]),
            ("the response-time threshold raised to 10 s", { t in
                t.replacingOccurrences(of: "      EvaluationPeriods: 5\n      Threshold: 5\n", with: "      EvaluationPeriods: 5\n      Threshold: 10\n")
            }, ["ALERT-LIMIT-002 ResponseTimeAlarm (cloudwatch)", "AWS-CW-004 LoadBalancer", "AWS-ECS-016 AppService"]),
            ("the error rate deciding after 10 minutes", { t in
                t.replacingOccurrences(of: "      EvaluationPeriods: 3\n      Threshold: 5\n", with: "      EvaluationPeriods: 10\n      Threshold: 5\n")
            }, ["ALERT-LIMIT-003 ErrorRateAlarm (cloudwatch)", "AWS-CW-005 LoadBalancer", "AWS-ECS-015 AppService"]),
            ("service down deciding after 15 minutes", { t in
                t.replacingOccurrences(of: "      Statistic: Minimum\n      Period: 60\n      EvaluationPeriods: 1\n      Threshold: 1\n",
                                       with: "      Statistic: Minimum\n      Period: 300\n      EvaluationPeriods: 3\n      Threshold: 1\n")
            }, ["ALERT-LIMIT-001 RunningTasksAlarm (cloudwatch)", "AWS-ECS-011 AppService"]),
            ("the alert topic without its Slack channel", { t in
                t.replacingOccurrences(of: "      SnsTopicArns: [!Ref OpsAlertsTopic]\n", with: "")
            }, ["AICC-SNS-002 OpsAlertsTopic"]),
        ]
        for (defect, plant, expected) in planted {
            let found = try failures(plant).subtracting(baseline)
            for finding in expected { XCTAssertTrue(found.contains(finding), "\(defect): no \(finding) among \(found.sorted())") }
        }
    }
}
