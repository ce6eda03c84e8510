import Foundation
import OpsTestSupport
import XCTest

/// `opsready alerts coverage` and `opsready alerts check` as a user runs them.
final class AlertsCommandTests: CLITestCase {
    /// Two services behind one load balancer (AWS's documented CloudFormation shapes); only the API's target group
    /// has an error-rate alarm, so the bot's error-rate cell is missing and the command exits 1.
    static let twoServices = """
        Resources:
          Alb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: {Type: application}
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Alb
              Port: 443
              DefaultActions: [{Type: forward, TargetGroupArn: !Ref ApiGroup}]
          BotRule:
            Type: AWS::ElasticLoadBalancingV2::ListenerRule
            Properties:
              ListenerArn: !Ref Listener
              Priority: 10
              Conditions: [{Field: path-pattern, Values: [/bot/*]}]
              Actions: [{Type: forward, TargetGroupArn: !Ref BotGroup}]
          ApiGroup:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: {Port: 8080, Protocol: HTTP}
          BotGroup:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: {Port: 8080, Protocol: HTTP}
          Api:
            Type: AWS::ECS::Service
            Properties:
              LoadBalancers: [{TargetGroupArn: !Ref ApiGroup, ContainerName: api, ContainerPort: 8080}]
          Bot:
            Type: AWS::ECS::Service
            Properties:
              LoadBalancers: [{TargetGroupArn: !Ref BotGroup, ContainerName: bot, ContainerPort: 8080}]
          ApiErrors:
            Type: AWS::CloudWatch::Alarm
            Properties:
              AlarmName: api-5xx-rate
              Metrics:
                - {Id: rate, Expression: 100 * errors / requests, ReturnData: true}
                - Id: errors
                  MetricStat:
                    Metric:
                      Namespace: AWS/ApplicationELB
                      MetricName: HTTPCode_Target_5XX_Count
                      Dimensions:
                        - {Name: TargetGroup, Value: !GetAtt ApiGroup.TargetGroupFullName}
                        - {Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}
                    Period: 60
                    Stat: Sum
                  ReturnData: false
                - Id: requests
                  MetricStat:
                    Metric:
                      Namespace: AWS/ApplicationELB
                      MetricName: RequestCount
                      Dimensions:
                        - {Name: TargetGroup, Value: !GetAtt ApiGroup.TargetGroupFullName}
                        - {Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}
                    Period: 60
                    Stat: Sum
                  ReturnData: false
              EvaluationPeriods: 3
              Threshold: 5
              ComparisonOperator: GreaterThanThreshold

        """

    func testCoverageNamesTheMissingCellOfTheRightComponent() throws {
        let template = try write(Self.twoServices, "two-services.yaml")
        let run = try opsready(["alerts", "coverage", template, "--format", "json"])
        XCTAssertEqual(run.status, 1, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let components = try XCTUnwrap(json["components"] as? [[String: Any]])
        func row(_ id: String) -> [String: Any]? { components.first { $0["id"] as? String == id } }
        XCTAssertEqual(row("Bot")?["missing"] as? [String], ["service_down", "response_time", "error_rate", "cpu", "memory"])
        XCTAssertEqual(row("Api")?["missing"] as? [String], ["service_down", "response_time", "cpu", "memory"], "the API's error rate is covered")
        XCTAssertEqual(row("Alb")?["missing"] as? [String], ["response_time", "error_rate"],
                       "one target group's alarm is not the load balancer's: it has two")
        let text = try opsready(["alerts", "coverage", template, "--lang", "ko"])
        XCTAssertTrue(text.stdout.contains("커버리지: 필요한 칸"), text.stdout)
        // The assessment says the same on the bot's resource line.
        let assess = try opsready(["assess", template, "--check", "AWS-ECS-015", "--no-color"])
        XCTAssertTrue(assess.stdout.contains("FAIL HIGH AWS-ECS-015 Bot (AWS::ECS::Service) \(template):28:3"), assess.stdout)
        XCTAssertFalse(assess.stdout.contains("AWS-ECS-015 Api "), assess.stdout)
    }

    func testCheckReportsEveryExpressionThatIsNotPromQL() throws {
        let rules = try write("""
            groups:
              - name: g
                rules:
                  - alert: Fine
                    expr: up == 0
                  - alert: NoRange
                    expr: rate(http_requests_total) > 1
                  - record: job:errors:rate5m
                    expr: sum by (job) (rate(errors_total[5m]) > bool 1)
                  - alert: Scalars
                    expr: 1 > 2

            """, "rules.yml")
        let run = try opsready(["alerts", "check", rules])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, """
            \(rules):7:15: error: expr: 1:6: expected type range vector in call to function "rate", got instant vector
            \(rules):11:15: error: expr: 1:3: comparisons between scalars must use BOOL modifier

            """)
        let fine = try write("groups:\n  - name: g\n    rules:\n      - alert: Up\n        expr: up == 0\n", "fine.yml")
        let ok = try opsready(["alerts", "check", fine])
        XCTAssertEqual(ok.status, 0)
        XCTAssertEqual(ok.stdout, "1 rule in 1 file: every expression is PromQL\n")
    }

    /// 100,000 nested parentheses crashed the parser's recursion; 50,000 terms took half a minute. Both are errors now.
    func testDeepAndHugeExpressionsAreInputErrors() throws {
        let deep = String(repeating: "(", count: 100_000) + "up" + String(repeating: ")", count: 100_000)
        let huge = Array(repeating: "up", count: 50_000).joined(separator: " + ")
        for (expr, message) in [(deep, "expression nested deeper than 250 levels"), (huge, "more than 500 binary operators in one expression")] {
            let rules = try write("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: \"\(expr)\"\n", "rules-\(UUID().uuidString.prefix(6)).yml")
            let run = try opsready(["assess", rules])
            XCTAssertEqual(run.status, 2)
            XCTAssertTrue(run.stderr.hasPrefix(rules + ":5:15: error: expr: 1:") && run.stderr.contains(message), run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1)
        }
    }

    /// `checks list --seed` lists the checks that cite one source document, with the citation.
    func testChecksListFiltersBySeed() throws {
        let run = try opsready(["checks", "list", "--seed", "003"])
        XCTAssertEqual(run.status, 0)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        XCTAssertTrue(lines.allSatisfy { $0.contains("003_") }, run.stdout)
        XCTAssertTrue(run.stdout.contains("AWS-ECS-012"), run.stdout)
        XCTAssertFalse(try opsready(["checks", "list", "--seed", "001"]).stdout.contains("AWS-ECS-012\t"))
    }
}
