import Foundation
import OpsTestSupport
import XCTest
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import OpsExpr

/// Where the seeds disagree the value is a named choice: the catalogue names real check parameters, its defaults are
/// what the checks say when nobody chooses, and a workload's `seed_profile`/`choices`/`params` decide what runs.
final class SeedChoicesTests: XCTestCase {
    static let catalogue = Checkout.path("rubrics/seed-choices.yaml")

    func testEveryOptionSetsARealParameterAndTheDefaultsAreTheChecksOwn() throws {
        let choices = try SeedChoices.load(path: Self.catalogue)
        let checks = Dictionary(try CheckLoader.load(directories: [Fixtures.checksDirectory], rubrics: [Fixtures.rubric()]).map { ($0.id, $0) }) { a, _ in a }
        XCTAssertGreaterThanOrEqual(choices.choices.count, 15, "the conflicts issue 23 lists are all choices")
        for choice in choices.choices {
            XCTAssertGreaterThan(choice.options.count, 1, "\(choice.id): a choice has something to choose between")
            for option in choice.options {
                for (id, params) in option.params {
                    guard let check = checks[id] else { XCTFail("\(choice.id)/\(option.id): no check \(id)"); continue }
                    for (name, value) in params {
                        guard let declared = check.params[name] else { XCTFail("\(choice.id)/\(option.id): \(id) has no parameter \(name)"); continue }
                        XCTAssertTrue(CheckParams.accepts(declared, value), "\(choice.id)/\(option.id): \(id).\(name) is \(value.displayText), of another type than \(declared.displayText)")
                        if option.id == choice.defaultOption {
                            XCTAssertEqual(declared.displayText, value.displayText, "\(choice.id): the default sets \(id).\(name) to what the check already says")
                        }
                    }
                }
                if let preset = option.incidentTargets { XCTAssertNotNil(IncidentTargets.presets[preset], "\(choice.id): preset \(preset)") }
            }
        }
    }

    func testProfileThenChoicesThenParams() throws {
        let choices = try SeedChoices.load(path: Self.catalogue)
        func cpu(_ chosen: [SeedChoices.Chosen]) -> SeedChoices.Chosen { chosen.first { $0.choice.id == "cpu_alarm" }! }
        XCTAssertEqual(cpu(choices.resolve(profile: nil, picks: [:])).option.id, "seed-000")
        XCTAssertEqual(cpu(choices.resolve(profile: nil, picks: [:])).reason, .byDefault)
        XCTAssertEqual(cpu(choices.resolve(profile: "seed-002", picks: [:])).option.id, "seed-002")
        XCTAssertEqual(cpu(choices.resolve(profile: "seed-002", picks: [:])).reason, .profile)
        XCTAssertEqual(cpu(choices.resolve(profile: "seed-002", picks: ["cpu_alarm": "seed-000"])).reason, .manifest)
        // A profile whose seed says nothing on a value keeps the default.
        XCTAssertEqual(choices.resolve(profile: "seed-002", picks: [:]).first { $0.choice.id == "scale_in_cooldown" }?.reason, .byDefault)
        let overridden = choices.resolve(profile: "seed-002", picks: [:], explicitParams: ["cpu_threshold"])
        XCTAssertEqual(cpu(overridden).reason, .params, "the workload's own params win, and the report says so")
        let parameters = SeedChoices.parameters(overridden, under: ["cpu_threshold": .int(85)])
        XCTAssertEqual(parameters["AWS-CW-003.max_window_seconds"], .int(300))
        XCTAssertNil(parameters["AWS-CW-003.cpu_threshold"], "an explicit parameter is not shadowed by the choice")
        XCTAssertEqual(parameters["cpu_threshold"], .int(85))
    }

    /// The same alarm passes under the operator manual's 90 % / 10 min and fails under the scenarios' 80 % / 5 min.
    func testAChoiceChangesWhatTheCheckAccepts() throws {
        let rubric = try Fixtures.rubric()
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [rubric])
        let snapshot = try Fixtures.snapshot("""
        Resources:
          Cpu:
            Type: AWS::CloudWatch::Alarm
            Properties: {MetricName: CPUUtilization, Threshold: 90, Period: 60, EvaluationPeriods: 10, ComparisonOperator: GreaterThanThreshold}
        """)
        let choices = try SeedChoices.load(path: Self.catalogue)
        func status(_ params: [String: Value]) -> Finding.Status? {
            Engine(rubrics: [rubric], checks: checks.filter { $0.id == "AWS-CW-003" }).evaluate(snapshot, params: params).first?.status
        }
        XCTAssertEqual(status(SeedChoices.parameters(choices.resolve(profile: nil, picks: [:]), under: [:])), .pass)
        XCTAssertEqual(status(SeedChoices.parameters(choices.resolve(profile: "seed-002", picks: [:]), under: [:])), .fail)
        XCTAssertEqual(status(SeedChoices.parameters(choices.resolve(profile: "seed-002", picks: [:], explicitParams: ["cpu_threshold", "max_window_seconds"]),
                                                     under: ["cpu_threshold": .int(90), "max_window_seconds": .int(600)])), .pass)
        XCTAssertEqual(status(["AWS-CW-003.cpu_threshold": .int(85)]), .fail, "a CHECK.name override reaches that check")
        XCTAssertEqual(status(["AWS-CW-004.cpu_threshold": .int(85)]), .pass, "and no other")
    }

    func testTheManifestNamesAreCheckedAtTheirLines() throws {
        let directory = NSTemporaryDirectory() + "opsready-choices-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let choices = try SeedChoices.load(path: Self.catalogue)
        func error(_ body: String) -> String {
            let path = directory + "/opsready.yaml"
            do {
                try ("workload: {name: w}\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
                _ = try Manifest.load(path: path).seedChoices(choices, explicitParams: [])
                return "no error"
            } catch { return "\(error)".replacingOccurrences(of: directory + "/", with: "") }
        }
        XCTAssertEqual(error("seed_profile: seed-002\nchoices: {cpu_alarm: seed-000}\n"), "no error")
        XCTAssertEqual(error("seed_profile: seed-009\n"), "opsready.yaml:2:15: unknown seed_profile 'seed-009' (known: seed-000, seed-001, seed-002, seed-003)")
        XCTAssertEqual(error("choices:\n  cpu: seed-000\n"), "opsready.yaml:3:8: unknown choice 'cpu' (known: " + choices.choices.map(\.id).joined(separator: ", ") + ")")
        XCTAssertEqual(error("choices:\n  cpu_alarm: seed-003\n"), "opsready.yaml:3:14: choice cpu_alarm has no option 'seed-003' (it has: seed-000, seed-002)")
        XCTAssertEqual(error("choices: [seed-000]\n"), "opsready.yaml:2:10: 'choices' must map choice ids to options such as seed-002")
    }

    /// A manifest without `escalation:` gets the chosen seed's ladder; its own list wins.
    func testTheEscalationLadderComesFromTheChoiceUnlessTheManifestGivesOne() throws {
        let directory = NSTemporaryDirectory() + "opsready-ladder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let choices = try SeedChoices.load(path: Self.catalogue)
        func ladder(_ body: String) throws -> [String] {
            try ("workload: {name: w}\n" + body).write(toFile: directory + "/opsready.yaml", atomically: true, encoding: .utf8)
            let manifest = try Manifest.load(path: directory + "/opsready.yaml")
            return manifest.escalation(try manifest.seedChoices(choices, explicitParams: [])).map { "\($0.level) \($0.within.shortText)" }
        }
        XCTAssertEqual(try ladder(""), ["L1 0s", "L2 30m", "L3 1h", "L4 2h", "L5 4h"], "the default: the hypercare plan's §9.2")
        XCTAssertEqual(try ladder("seed_profile: seed-002\n"), ["L1 5m", "L2 15m", "L3 30m"])
        XCTAssertEqual(try ladder("seed_profile: seed-002\nescalation:\n  - {level: L1, who: ops, within: 10m}\n"), ["L1 10m"])
    }

    func testScopedParametersAreValidatedAgainstTheirCheck() throws {
        let checks = try CheckLoader.load(directories: [Fixtures.checksDirectory + "/aws"], rubrics: [Fixtures.rubric()])
        let at = SourceLocation(file: "opsready.yaml", line: 4, column: 3)
        XCTAssertNoThrow(try CheckParams.validate(["AWS-CW-003.cpu_threshold": .int(80)], locations: ["AWS-CW-003.cpu_threshold": at], checks: checks))
        XCTAssertThrowsError(try CheckParams.validate(["AWS-CW-003.threshold": .int(80)], locations: ["AWS-CW-003.threshold": at], checks: checks)) {
            XCTAssertEqual("\($0)", "opsready.yaml:4:3: check AWS-CW-003 has no parameter 'threshold' (it has: cpu_threshold, max_window_seconds)")
        }
        XCTAssertThrowsError(try CheckParams.validate(["AWS-CW-003.cpu_threshold": .string("high")], locations: ["AWS-CW-003.cpu_threshold": at], checks: checks)) {
            XCTAssertEqual("\($0)", "opsready.yaml:4:3: AWS-CW-003.cpu_threshold must be an integer (default 90), not a string high")
        }
    }
}
