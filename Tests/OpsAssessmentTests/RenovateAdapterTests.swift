import Foundation
@testable import OpsAssessment
import OpsDocument
import XCTest

/// Renovate's configuration, in the shapes its documentation gives (renovate.json with `$schema`, `extends` presets,
/// `schedule` as text or cron): one dependency-update resource with how often it proposes updates.
final class RenovateAdapterTests: XCTestCase {
    private func interval(_ json: String) throws -> String? {
        let document = try DocumentLoader.parse(json, file: "renovate.json")[0]
        XCTAssertTrue(RenovateAdapter.recognizes(document), json)
        return try RenovateAdapter.resources(in: document).first?.properties?["Interval"]?.string
    }

    func testTheScheduleSaysHowOften() throws {
        XCTAssertEqual(try interval(#"{"extends": ["config:recommended"]}"#), "daily", "no schedule: every run")
        XCTAssertEqual(try interval(#"{"extends": ["config:recommended", "schedule:earlyMondays"]}"#), "weekly")
        XCTAssertEqual(try interval(#"{"extends": ["config:recommended", "schedule:monthly"]}"#), "monthly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["before 6am on monday"]}"#), "weekly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["every weekend"]}"#), "weekly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["after 10pm every weekday"]}"#), "daily")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["on the first day of the month"]}"#), "monthly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["* 0-3 1 * *"]}"#), "monthly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["* 0-3 * * 1"]}"#), "weekly")
        XCTAssertEqual(try interval(#"{"$schema": "https://docs.renovatebot.com/renovate-schema.json", "schedule": ["on the first day of the month", "before 5am on monday"]}"#),
                       "weekly", "the most frequent of several entries")
        XCTAssertEqual(try interval(#"{"extends": ["config:recommended"], "enabled": false}"#), "disabled")
    }

    func testOtherDocumentsAreNotRenovateAndBadValuesAreErrors() throws {
        XCTAssertFalse(RenovateAdapter.recognizes(try DocumentLoader.parse(#"{"extends": ["eslint:recommended"]}"#, file: ".eslintrc.json")[0]))
        XCTAssertFalse(RenovateAdapter.recognizes(try DocumentLoader.parse("Resources: {}\nextends: ['config:x']\n", file: "t.yaml")[0]))
        let bad = try DocumentLoader.parse(#"{"extends": ["config:recommended"], "schedule": [3]}"#, file: "renovate.json")[0]
        XCTAssertThrowsError(try RenovateAdapter.resources(in: bad)) { XCTAssertEqual("\($0)", "renovate.json:1:50: 'schedule' must list strings") }
    }
}
