import Foundation
import OpsDocument
import OpsTestSupport
import XCTest
@testable import OpsAssessment
@testable import OpsCore

/// What a pull request touched (by dependency, not by line), which stack a reference names, and which findings are
/// the same across reformatting, renames and moves.
final class ChangeIdentityTests: XCTestCase {
    func resources(_ yaml: String, file: String = "stack.yaml") throws -> [Resource] {
        try CloudFormationAdapter.resources(in: try DocumentLoader.parse(yaml, file: file)[0], source: InputSource(file: file))
    }

    func dependencyLines(_ resources: [Resource], _ id: String) -> [ClosedRange<Int>] {
        (resources.first { $0.id == id }?.dependencies ?? []).compactMap(\.lines).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Each reference form makes the resource depend on the entry it names, transitively through resources.
    func testDependenciesFollowEveryReferenceForm() throws {
        let found = try resources("""
            Parameters:
              Retention: {Type: Number, Default: 30}
              Env: {Type: String, Default: prod}
            Mappings:
              Sizes: {prod: {Memory: 512}}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Globals:
              Function: {Timeout: 30}
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: {RetentionInDays: !Ref Retention}
              Task:
                Type: AWS::ECS::TaskDefinition
                Condition: IsProd
                Properties: {Memory: !FindInMap [Sizes, !Ref Env, Memory]}
              Named:
                Type: AWS::SNS::Topic
                Properties: {TopicName: !Sub "alerts-${Env}"}
              Alarm:
                Type: AWS::CloudWatch::Alarm
                Properties: {AlarmActions: [!Ref Named], Threshold: !If [IsProd, 1, 5]}
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Handler: index.handler}
              Plain:
                Type: AWS::SNS::Topic
            """)
        XCTAssertEqual(dependencyLines(found, "Logs"), [2...2], "Ref to a parameter")
        XCTAssertEqual(dependencyLines(found, "Task"), [3...3, 5...5, 7...7], "FindInMap, the condition and, through both, the parameter")
        XCTAssertEqual(dependencyLines(found, "Named"), [3...3], "Fn::Sub")
        XCTAssertEqual(dependencyLines(found, "Alarm"), [3...3, 7...7, 18...20], "Fn::If's condition, and the topic it refers to with what that uses")
        XCTAssertEqual(dependencyLines(found, "Fn"), [9...9], "SAM Globals")
        XCTAssertEqual(dependencyLines(found, "Plain"), [])
        let scope = ChangeScope(files: ["stack.yaml": [5...5]])
        XCTAssertEqual(found.filter(scope.touches).map(\.id), ["Task"], "a changed mapping touches what reads it")
    }

    /// A nested stack resource depends on its child template's whole file; a Terraform plan says what changes.
    func testNestedStacksAndTerraformPlans() throws {
        let directory = try ScratchDirectory("nested")
        defer { directory.remove() }
        try directory.write("Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: child.yaml}\n"
                            + "  Reader:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !GetAtt Child.Outputs.Name}\n", to: "parent.yaml")
        try directory.write("Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n", to: "child.yaml")
        let snapshot = try InputLoader().load(paths: [directory.path + "/parent.yaml"]).snapshot
        let scope = ChangeScope(files: [directory.path + "/child.yaml": [3...3]])
        XCTAssertEqual(snapshot.resources.filter(scope.touches).map(\.id).sorted(), ["Child", "Logs", "Reader"],
                       "the child's change touches its stack resource, and through Fn::GetAtt what reads its outputs")
        let plan = try DocumentLoader.parse("""
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "aws_sns_topic.a", "mode": "managed", "type": "aws_sns_topic", "values": {"name": "a"}},
              {"address": "aws_sns_topic.b", "mode": "managed", "type": "aws_sns_topic", "values": {"name": "b"}}]}},
             "resource_changes": [{"address": "aws_sns_topic.a", "change": {"actions": ["no-op"]}},
                                  {"address": "aws_sns_topic.b", "change": {"actions": ["delete", "create"]}}]}
            """, file: "plan.json", syntax: .json)[0]
        let planned = try TerraformPlanAdapter.resources(in: plan, source: InputSource(file: "plan.json"))
        XCTAssertEqual(planned.filter(ChangeScope(files: [:]).touches).map(\.id), ["aws_sns_topic.b"], "the plan's actions decide, not lines")
    }

    /// Each template is its own stack: a `Ref` never names a resource of another file.
    func testReferencesStayWithinTheirStack() throws {
        let alarm = try resources("Resources:\n  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {AlarmActions: [!Ref AlertTopic]}\n", file: "a.yaml")
        let topic = try resources("Resources:\n  AlertTopic:\n    Type: AWS::SNS::Topic\n", file: "b.yaml")
        let apart = Snapshot(resources: alarm + topic, files: ["a.yaml", "b.yaml"])
        XCTAssertEqual(apart.referrers[1], [], "the alarm in a.yaml does not notify b.yaml's topic")
        let together = Snapshot(resources: try resources("Resources:\n  Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties: {AlarmActions: [!Ref AlertTopic]}\n"
                                                         + "  AlertTopic:\n    Type: AWS::SNS::Topic\n"), files: ["stack.yaml"])
        XCTAssertEqual(together.referrers[1], [0])
    }

    /// Fingerprints and identities do not depend on formatting: block or flow style, indentation, key order.
    func testFingerprintsSurviveReformattingAndKeyOrder() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Checkout.path("checks/aws")], rubrics: [rubric])
        let assessor = Assessor(rubric: rubric, checks: checks, day: CalendarDate("2026-11-23")!)
        let properties: [(String, String)] = [("BackupRetentionPeriod", "1"), ("StorageEncrypted", "false"), ("DeletionProtection", "false"),
                                              ("PreferredBackupWindow", "\"18:00-19:00\""), ("Engine", "aurora-mysql")]
        var generator = SystemRandomNumberGenerator()
        var seen: [String]?
        for round in 0..<20 {
            let shuffled = properties.shuffled(using: &generator)
            let indent = String(repeating: " ", count: 2 + round % 3)
            let body = round % 2 == 0
                ? shuffled.map { "\(indent)\(indent)\(indent)\($0.0): \($0.1)" }.joined(separator: "\n")
                : "\(indent)\(indent)\(indent){" + shuffled.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
            let yaml = "Resources:\n\(indent)Db:\n\(indent)\(indent)Type: AWS::RDS::DBCluster\n\(indent)\(indent)Properties:" + (round % 2 == 0 ? "\n" : "\n") + body + "\n"
            let snapshot = Snapshot(resources: try resources(yaml), files: ["stack.yaml"])
            let failing = assessor.identified(assessor.evaluate(snapshot).findings, in: snapshot).filter { $0.status == .fail }
            let keys = failing.map { "\($0.check) \($0.fingerprint) \($0.identity ?? "")" }.sorted()
            XCTAssertGreaterThanOrEqual(keys.count, 3)
            if let seen { XCTAssertEqual(keys, seen, "round \(round):\n\(yaml)") }
            seen = keys
        }
    }

    /// How a failing value compares with the baselined one.
    func testWorseningOfRangesAndPorts() throws {
        let judge = EvidenceWorsening { _ in nil }
        func node(_ yaml: String) throws -> Node { try DocumentLoader.parse(yaml, file: "x")[0] }
        XCTAssertEqual(judge.worse(was: try node("10.0.0.0/16"), now: try node("0.0.0.0/0")), true)
        XCTAssertEqual(judge.worse(was: try node("0.0.0.0/0"), now: try node("10.0.0.0/8")), false)
        XCTAssertEqual(judge.worse(was: try node("{CidrIp: 0.0.0.0/0, FromPort: 22, ToPort: 22, IpProtocol: tcp}"),
                                   now: try node("{CidrIp: 0.0.0.0/0, FromPort: 0, ToPort: 1024, IpProtocol: tcp}")), true, "more ports")
        XCTAssertEqual(judge.worse(was: try node("{CidrIp: 0.0.0.0/0, FromPort: 22, ToPort: 22, IpProtocol: tcp}"),
                                   now: try node("{CidrIp: 0.0.0.0/0, IpProtocol: '-1'}")), true, "every port")
        XCTAssertNil(judge.worse(was: try node("3"), now: try node("1")), "a number the check cannot place is not guessed")
        let retention = EvidenceWorsening { value in (EvidenceWorsening.number(value) ?? 0) >= 7 }
        XCTAssertEqual(retention.worse(was: try node("3"), now: try node("1")), true)
        XCTAssertEqual(retention.worse(was: try node("3"), now: try node("5")), false)
        let cooldown = EvidenceWorsening { value in (EvidenceWorsening.number(value) ?? 0) <= 300 && (EvidenceWorsening.number(value) ?? 0) >= 0 }
        XCTAssertEqual(cooldown.worse(was: try node("600"), now: try node("900")), true, "lower is better here")
    }
}
