import OpsTestSupport
import XCTest
@testable import OpsAssessment
import OpsDocument

/// Template forms real repositories use besides plain CloudFormation, written here in the shapes AWS documents:
/// the `AWS::LanguageExtensions` transform's `Fn::ForEach`, SAM (`AWS::Serverless-2016-10-31`), and Rain sources.
final class TemplateFormsTests: XCTestCase {
    func load(_ text: String, _ name: String = "template.yaml") throws -> [Resource] {
        let directory = try ScratchDirectory("forms")
        defer { directory.remove() }
        return try InputLoader().load(paths: [try directory.write(text, to: name)]).snapshot.resources
    }

    func loadError(_ text: String, _ name: String = "template.yaml") -> String {
        do { _ = try load(text, name); return "loaded" } catch { return (error as? DocumentError).map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" } ?? "\(error)" }
    }

    func testForEachRepeatsItsTemplatePerItem() throws {
        let resources = try load("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::LanguageExtensions
            Parameters:
              Services: {Type: CommaDelimitedList, Default: "api,bot"}
            Resources:
              Fn::ForEach::Logs:
                - Name
                - !Ref Services
                - ${Name}LogGroup:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Sub /aicc/${Name}
                      RetentionInDays: 30
              Fn::ForEach::Topics:
                - Env
                - [prod-1, stage]
                - Topic&{Env}:
                    Type: AWS::SNS::Topic
                    Properties:
                      TopicName: !Ref Env
                      DisplayName: !Length [a, b, c]
            """)
        XCTAssertEqual(resources.map(\.id), ["apiLogGroup", "botLogGroup", "Topicprod1", "Topicstage"])
        XCTAssertEqual(resources[1].properties?["LogGroupName"]?.string, "/aicc/bot")
        XCTAssertEqual(resources[1].location.line, 9, "located in the loop body")
        XCTAssertEqual(resources[2].properties?["TopicName"]?.string, "prod-1")
        XCTAssertEqual(resources[2].properties?["DisplayName"]?.scalar, .int(3))
        let broken = loadError("""
            Resources:
              Fn::ForEach::Broken:
                - Name
                - !Ref Missing
                - ${Name}Topic: {Type: AWS::SNS::Topic}
            """)
        XCTAssertTrue(broken.hasPrefix("4:7: Fn::ForEach::Broken: parameter 'Missing' has no value"), broken)
    }

    /// The transform's lookups: `Fn::FindInMap` with a `DefaultValue`, keyed by the loop's item, and `Fn::ToJsonString`.
    func testLookupsInsideLoops() throws {
        let resources = try load("""
            Transform: AWS::LanguageExtensions
            Mappings:
              Retention: {api: {Days: 90}}
            Resources:
              Fn::ForEach::Logs:
                - Name
                - [api, bot]
                - ${Name}Logs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      RetentionInDays: !FindInMap [Retention, !Ref Name, Days, {DefaultValue: 30}]
                      DataProtectionPolicy: !ToJsonString {Name: !Ref Name, Version: "2021-06-01"}
            """)
        XCTAssertEqual(resources.map { $0.properties?["RetentionInDays"]?.scalar }, [.int(90), .int(30)], "the mapping, else the default")
        XCTAssertEqual(resources[1].properties?["DataProtectionPolicy"]?.string, #"{"Name":"bot","Version":"2021-06-01"}"#)
    }

    func testServerlessFunctionsAreLambdaFunctions() throws {
        let resources = try load("""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 10
                Tracing: Active
                Runtime: python3.12
            Resources:
              Router:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  CodeUri: src/
                  Timeout: 8
                  DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:ap-northeast-2:123456789012:dlq}
                  Tags: {team: aicc}
              Api:
                Type: AWS::Serverless::Api
                Properties: {StageName: prod}
            """)
        let function = try XCTUnwrap(resources.first { $0.id == "Router" })
        XCTAssertEqual(function.type, "AWS::Lambda::Function")
        XCTAssertEqual(function.properties?["Timeout"]?.scalar, .int(8), "the function's own value over Globals")
        XCTAssertEqual(function.properties?["Runtime"]?.string, "python3.12", "from Globals")
        XCTAssertEqual(function.properties?["TracingConfig"]?["Mode"]?.string, "Active")
        XCTAssertEqual(function.properties?["DeadLetterConfig"]?["TargetArn"]?.string, "arn:aws:sqs:ap-northeast-2:123456789012:dlq")
        XCTAssertEqual(function.properties?["Tags"]?.items?.first?["Key"]?.string, "team")
        XCTAssertEqual(resources.first { $0.id == "Api" }?.type, "AWS::ApiGateway::RestApi")
    }

    func testRainSourcesAndTypelessResourcesAreRefusedWhereTheyAre() {
        XCTAssertEqual(loadError("""
            Resources:
              Bucket:
                Type: !Rain::Module "./bucket.yaml"
            """), "3:11: a Rain source (Rain::Module), not a template: run `rain pkg` first and assess what it writes")
        XCTAssertEqual(loadError(#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": {"Rain::Embed": "tags.json"}}}}}"#, "t.json"),
                       "1:73: a Rain source (Rain::Embed), not a template: run `rain pkg` first and assess what it writes")
        XCTAssertEqual(loadError("""
            Resources:
              Topic: {Type: AWS::SNS::Topic}
              Queue:
                Properties: {DelaySeconds: 5}
            """), "3:3: resource 'Queue' has no 'Type'")
    }

    /// In a template too large to walk on one core (runs of 512 resources): the first Rain directive in document order
    /// is the one refused, wherever the runs split, and one outside `Resources` too; a loop deep in the last run is still
    /// expanded.
    func testLargeTemplatesAreWalkedInTemplateOrder() throws {
        func template(_ rainAt: [Int], loopAtEnd: Bool = false, outputs: String = "") -> String {
            var text = "Resources:\n"
            for i in 0..<2_000 {
                let tags = rainAt.contains(i) ? "\n    Properties: {Tags: {Rain::Embed: tags\(i).json}}" : ""
                text += "  Q\(i):\n    Type: AWS::SQS::Queue\(tags)\n"
            }
            if loopAtEnd { text += "  Fn::ForEach::Topics:\n    - Env\n    - [a, b]\n    - Topic${Env}: {Type: AWS::SNS::Topic}\n" }
            return text + outputs
        }
        for rainAt in [[1_500, 1_900], [513, 1_999], [3, 600], [1_024, 1_025]] {
            XCTAssertEqual(loadError(template(rainAt)), "\(2 * rainAt[0] + 4):25: a Rain source (Rain::Embed), not a template: run `rain pkg` first and assess what it writes")
        }
        XCTAssertEqual(loadError(template([], outputs: "Outputs:\n  Tags: {Rain::Embed: late.json}\n")), "4003:10: a Rain source (Rain::Embed), not a template: run `rain pkg` first and assess what it writes")
        let looped = try load(template([], loopAtEnd: true))
        XCTAssertEqual(looped.count, 2_002)
        XCTAssertEqual(looped.suffix(2).map(\.id), ["Topica", "Topicb"])
    }

    /// A document with two inputs' shapes is an error naming both, not read as whichever comes first.
    func testAnAmbiguousDocumentIsRefused() {
        XCTAssertEqual(loadError("""
            Resources:
              Topic: {Type: AWS::SNS::Topic}
            groups:
              - name: g
                rules:
                  - {alert: Down, expr: up == 0}
            """), "1:1: ambiguous input: it has the shape of a CloudFormation template and Prometheus rules; split it, or give each part its own file")
    }
}
