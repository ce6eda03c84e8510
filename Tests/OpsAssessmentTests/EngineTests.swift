@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import OpsExpr
import XCTest

final class EngineTests: XCTestCase {
    private func run(_ checkYAML: String, _ template: String, params: Engine.ParamOverrides = [:]) throws -> [Finding] {
        let check = try Fixtures.check(checkYAML)
        return Engine(rubrics: [try Fixtures.rubric()], checks: [check]).evaluate(try Fixtures.snapshot(template), params: params)
    }

    func testFailingFindingPointsAtTheOffendingPropertyLine() throws {
        let check = Fixtures.checkYAML(types: "AWS::RDS::DBCluster", assert: "int(resource.BackupRetentionPeriod) >= 7")
        let findings = try run(check, """
        Resources:
          Good:
            Type: AWS::RDS::DBCluster
            Properties: {BackupRetentionPeriod: 7}
          Bad:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: aurora-mysql
              BackupRetentionPeriod: "1"
        """)
        XCTAssertEqual(findings.map(\.status), [.pass, .fail])
        XCTAssertEqual(findings[1].location?.description, "template.yaml:9:7")
        XCTAssertEqual(findings[1].path, "Properties.BackupRetentionPeriod")
        XCTAssertEqual(findings[1].message.en, "Bad failed")
        XCTAssertEqual(findings[1].resource, Finding.ResourceRef(type: "AWS::RDS::DBCluster", id: "Bad"))
    }

    func testNestedListPathsAndParameterDefaults() throws {
        let check = Fixtures.checkYAML(types: "AWS::EC2::SecurityGroup", assert: "resource.SecurityGroupIngress.all(r, int(r.FromPort) != 22)")
        let findings = try run(check, """
        Parameters:
          SshPort: {Type: Number, Default: 22}
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              SecurityGroupIngress:
                - {FromPort: 443, ToPort: 443}
                - FromPort: !Ref SshPort
                  ToPort: 22
        """)
        XCTAssertEqual(findings.first?.status, .fail)
        XCTAssertEqual(findings.first?.path, "Properties.SecurityGroupIngress[1].FromPort")
        XCTAssertEqual(findings.first?.location?.line, 9)
    }

    func testCrossResourceReferrersAndRef() throws {
        let check = Fixtures.checkYAML(types: "AWS::ECS::Service", assert: "referrers('AWS::CloudWatch::Alarm').exists(a, ref(a.properties.AlarmActions[0]).type == 'AWS::SNS::Topic')")
        let findings = try run(check, """
        Resources:
          Topic: {Type: AWS::SNS::Topic}
          Watched: {Type: AWS::ECS::Service, Properties: {ServiceName: a}}
          Unwatched: {Type: AWS::ECS::Service, Properties: {ServiceName: b}}
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              AlarmActions: [!Ref Topic]
              Dimensions: [{Name: ServiceName, Value: !GetAtt Watched.Name}]
        """)
        XCTAssertEqual(findings.map { "\($0.resource!.id):\($0.status.rawValue)" }, ["Watched:pass", "Unwatched:fail"])
        XCTAssertEqual(findings[1].location?.description, "template.yaml:4:3", "a coverage gap points at the uncovered resource")
    }

    func testExistenceCheck() throws {
        let check = Fixtures.checkYAML(types: "AWS::CloudTrail::Trail", assert: "bool(resource.IsMultiRegionTrail)", extra: "require: exists")
        XCTAssertEqual(try run(check, "Resources:\n  B: {Type: AWS::S3::Bucket}\n").map(\.status), [.fail])
        XCTAssertNil(try run(check, "Resources:\n  B: {Type: AWS::S3::Bucket}\n").first?.resource)
        XCTAssertEqual(try run(check, "Resources:\n  T: {Type: AWS::CloudTrail::Trail, Properties: {IsMultiRegionTrail: false}}\n").map(\.status), [.fail],
                       "a trail that exists but fails is reported once, on the trail")
        XCTAssertEqual(try run(check, "Resources:\n  T: {Type: AWS::CloudTrail::Trail, Properties: {IsMultiRegionTrail: true}}\n").map(\.status), [.pass])
    }

    func testWorkloadParamsOverrideCheckDefaults() throws {
        let check = Fixtures.checkYAML(types: "AWS::Logs::LogGroup", assert: "int(resource.RetentionInDays) >= params.days", extra: "params: {days: 30}")
        let template = "Resources:\n  L: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 14}}\n"
        XCTAssertEqual(try run(check, template).map(\.status), [.fail])
        XCTAssertEqual(try run(check, template, params: ["days": .int(7)]).map(\.status), [.pass])
    }

    func testEvaluationErrorsAreFindingsNotCrashes() throws {
        let check = Fixtures.checkYAML(types: "AWS::Logs::LogGroup", assert: "resource.RetentionInDays > 1")
        let findings = try run(check, "Resources:\n  L: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: x}}\n")
        XCTAssertEqual(findings.map(\.status), [.error])
        XCTAssertEqual(findings[0].message.en, "'assert' failed: no such key: 'RetentionInDays'")
    }

    func testInlineSuppressionNeedsAReasonAndIsReported() throws {
        let check = Fixtures.checkYAML(types: "AWS::Logs::LogGroup", assert: "has(resource.RetentionInDays)")
        let findings = try run(check, """
        Resources:
          L:
            Type: AWS::Logs::LogGroup
            Metadata:
              opsready:
                skip: [{id: TEST-X-001, reason: "kept forever for audit"}]
        """)
        XCTAssertEqual(findings.map(\.status), [.suppressed])
        XCTAssertEqual(findings[0].note, "kept forever for audit")
        XCTAssertThrowsError(try run(check, "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n    Metadata: {opsready: {skip: [{id: TEST-X-001}]}}\n")) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "template.yaml:4:34: inline suppression is missing 'reason'")
        }
    }

    func testParallelEvaluationIsDeterministic() throws {
        var template = "Resources:\n"
        for i in 0..<3000 { template += "  G\(i): {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: \(i % 40)}}\n" }
        let snapshot = try Fixtures.snapshot(template)
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [rubric])
        let engine = Engine(rubrics: [rubric], checks: checks)
        let first = engine.evaluate(snapshot).map { "\($0.check) \($0.resource?.id ?? "-") \($0.status.rawValue) \($0.location?.description ?? "")" }
        for _ in 0..<3 {
            XCTAssertEqual(engine.evaluate(snapshot).map { "\($0.check) \($0.resource?.id ?? "-") \($0.status.rawValue) \($0.location?.description ?? "")" }, first)
        }
        XCTAssertEqual(first.filter { $0.hasPrefix("AWS-LOG-001") && $0.contains(" fail ") }.count, 3000 / 40 * 30)
    }

    /// A run whose reports are all in one language renders failing messages in it alone (half the work on a large
    /// workload); without one, both are kept, as a stored assessment is read in either.
    func testMessagesAreRenderedInTheLanguageAskedForOrBoth() throws {
        let check = try Fixtures.check(Fixtures.checkYAML(types: "AWS::Logs::LogGroup", assert: "has(resource.RetentionInDays)"))
        let snapshot = try Fixtures.snapshot("Resources:\n  Logs: {Type: AWS::Logs::LogGroup, Properties: {}}\n")
        let engine = Engine(rubrics: [try Fixtures.rubric()], checks: [check])
        let both = engine.evaluate(snapshot)[0].message
        XCTAssertEqual([both.ko, both.en], ["Logs 실패", "Logs failed"])
        let korean = engine.evaluate(snapshot, language: .ko)[0].message
        XCTAssertEqual(korean.text(.ko), "Logs 실패")
        let english = engine.evaluate(snapshot, language: .en)[0].message
        XCTAssertEqual(english.text(.en), "Logs failed")
    }

    /// Placeholders that read only parameters are rendered once per check, the rest per resource; the messages read as
    /// if every placeholder were rendered for each resource, overrides, lists, Korean and failed placeholders included.
    func testParameterPlaceholdersReadTheSameRenderedOnce() throws {
        var yaml = Fixtures.checkYAML(types: "AWS::Logs::LogGroup", assert: "has(resource.RetentionInDays)", extra: """
        params:
          owner_tags: [owner, team]
          limits: {days: 30}
        """)
        yaml = yaml.replacingOccurrences(of: #"message: {ko: "{{self.id}} 실패", en: "{{self.id}} failed"}"#, with: #"""
        message: {ko: "{{self.id}}: 태그({{params.owner_tags}}) {{params.limits['days']}}일", en: "{{params.limits.days}} days for {{self.id}}, tags {{params.owner_tags}}, {{params.limits['none']}}, {{params.limits.days + size(resource)}}"}
        """#)
        let check = try Fixtures.check(yaml)
        let snapshot = try Fixtures.snapshot("Resources:\n  Logs: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: x}}\n  Other: {Type: AWS::Logs::LogGroup}\n")
        let engine = Engine(rubrics: [try Fixtures.rubric()], checks: [check])
        let findings = engine.evaluate(snapshot, params: ["TEST-X-001.limits": .map(MapValue(fields: [("days", .int(7))]))])
        XCTAssertEqual(findings.map(\.message.en), ["7 days for Logs, tags [\"owner\", \"team\"], ?, 8", "7 days for Other, tags [\"owner\", \"team\"], ?, 7"])
        XCTAssertEqual(findings.map(\.message.ko), ["Logs: 태그([\"owner\", \"team\"]) 7일", "Other: 태그([\"owner\", \"team\"]) 7일"])
        // The same text as the template rendered whole, placeholder by placeholder, for the same resource.
        var activation = ResourceActivation(engine.activation(for: check, snapshot: snapshot, functions: CheckEnvironment.functions(for: snapshot),
                                                              records: .list(ListValue(snapshot.records)),
                                                              overrides: ["TEST-X-001.limits": .map(MapValue(fields: [("days", .int(7))]))], today: nil))
        activation.bind(snapshot.resources[0], record: snapshot.records[0], index: 0)
        XCTAssertEqual(check.message.render(.en, activation: activation.activation), findings[0].message.en)
        XCTAssertEqual(check.message.render(.ko, activation: activation.activation), findings[0].message.ko)
    }
}
