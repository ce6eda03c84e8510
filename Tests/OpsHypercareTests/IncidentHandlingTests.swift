import Foundation
@testable import OpsCore
import OpsDocument
@testable import OpsHypercare
import OpsReporters
import XCTest

/// Each incident's handling against the plan (notice within 5 minutes, a temporary fix within 30, an update every 30
/// while open, a review for P1/P2), maintenance announced 48 hours ahead, and the scenarios' MTBF and automatic
/// recovery — from the records' own fields, with impossible ones refused at their line.
final class IncidentHandlingTests: XCTestCase {
    var plan: HypercarePlan!
    var directory: String!
    let detected = ISO8601DateFormatter().date(from: "2026-12-09T14:05:00+09:00")!

    override func setUpWithError() throws {
        plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        directory = NSTemporaryDirectory() + "opsready-handling-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { [directory] in try? FileManager.default.removeItem(atPath: directory!) }
    }

    func load(_ files: [String: String]) throws -> HypercareRecords {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] { try FileManager.default.removeItem(atPath: directory + "/" + name) }
        for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        return try HypercareRecords.load(directory: directory, plan: plan)
    }

    func error(_ files: [String: String]) -> String {
        do { _ = try load(files); return "no error" } catch { return "\(error)".replacingOccurrences(of: directory + "/", with: "") }
    }

    func at(_ minutes: Double) -> Date { detected.addingTimeInterval(minutes * 60) }

    func testLapsesFollowThePlan() throws {
        let handling = try XCTUnwrap(plan.incidentHandling)
        func lapses(_ i: HypercareRecords.Incident, now minutes: Double = 600) -> [IncidentLapse] { IncidentLapse.of(i, now: at(minutes), handling: handling) }
        let good = HypercareRecords.Incident(id: "I", priority: "P1", detected: detected, resolved: at(70), notified: at(3), mitigated: at(25),
                                             updates: [at(30), at(55)], review: "docs/postmortems/i.md")
        XCTAssertEqual(lapses(good), [])
        let silent = HypercareRecords.Incident(id: "I", priority: "P1", detected: detected, resolved: at(70))
        XCTAssertEqual(lapses(silent), [.notNotified, .notMitigated, .updateGap(minutes: 70), .noReview])
        let slow = HypercareRecords.Incident(id: "I", priority: "P3", detected: detected, resolved: at(100), notified: at(9), mitigated: at(45),
                                             updates: [at(40)])
        XCTAssertEqual(lapses(slow), [.notifiedLate(minutes: 9), .mitigatedLate(minutes: 45), .updateGap(minutes: 60)], "a P3 needs no written review")
        let quick = HypercareRecords.Incident(id: "I", priority: "P4", detected: detected, resolved: at(20), notified: at(2))
        XCTAssertEqual(lapses(quick), [], "resolved within the fix time: no temporary fix is owed")
        // Open: judged up to now, not later.
        let open = HypercareRecords.Incident(id: "I", priority: "P2", detected: detected, resolved: nil, notified: at(2))
        XCTAssertEqual(lapses(open, now: 20), [])
        XCTAssertEqual(lapses(open, now: 45), [.notMitigated, .updateGap(minutes: 43)])
    }

    func testRecordsReadTheFieldsAndRefuseImpossibleOnes() throws {
        let records = try load(["incidents.csv": """
            id,priority,detected,notified,mitigated,updates,resolved,review,auto_recovered
            I-1,P1,2026-12-09T14:05:00+09:00,2026-12-09T14:08:00+09:00,2026-12-09T14:30:00+09:00,2026-12-09T15:05:00+09:00; 2026-12-09T14:35:00+09:00,2026-12-09T15:20:00+09:00,docs/pm.md,true

            """])
        let incident = try XCTUnwrap(records.incidents?.first)
        XCTAssertEqual(incident.updates, [at(30), at(60)], "a spreadsheet cell's `;`-separated times, in order")
        XCTAssertEqual(incident.review, "docs/pm.md")
        XCTAssertTrue(incident.autoRecovered)
        XCTAssertEqual(error(["incidents.yaml": "- {id: I-1, priority: P1, detected: '2026-12-09T14:05:00+09:00', notified: '2026-12-09T14:00:00+09:00'}\n"]),
                       "incidents.yaml:1:76: incident I-1: 'notified' is before it was detected")
        XCTAssertEqual(error(["incidents.yaml": "- {id: I-1, priority: P1, detected: '2026-12-09T14:05:00+09:00', updates: ['14:35']}\n"]),
                       "incidents.yaml:1:76: 'updates' must be a time with its offset, like 2026-12-08T10:05:00+09:00")
        XCTAssertEqual(error(["incidents.yaml": "- {id: I-1, priority: P1, detected: '2026-12-09T14:05:00+09:00', auto_recovered: maybe}\n"]),
                       "incidents.yaml:1:82: 'auto_recovered' must be true or false (also accepted: yes/no, y/n, 1/0, TRUE/FALSE)")
        XCTAssertEqual(error(["maintenance.yaml": "- {id: M-1, start: '2026-12-20T02:00:00+09:00', end: '2026-12-20T03:00:00+09:00', announced: '2026-12-21T00:00:00+09:00'}\n"]),
                       "maintenance.yaml:1:94: maintenance M-1 is announced after it starts")
    }

    func testReliabilityAndMaintenanceNoticesInTheStatus() throws {
        let seoul = TimeZone(identifier: "Asia/Seoul")!
        let goLive = ISO8601DateFormatter().date(from: "2026-12-01T00:00:00+09:00")!
        let now = ISO8601DateFormatter().date(from: "2026-12-31T00:00:00+09:00")!   // 720 hours after go-live
        let records = try load([
            "incidents.yaml": """
                - {id: I-1, priority: P1, outage: true, detected: '2026-12-09T14:05:00+09:00', resolved: '2026-12-09T15:05:00+09:00', auto_recovered: true}
                - {id: I-2, priority: P3, detected: '2026-12-10T10:00:00+09:00', resolved: '2026-12-10T10:20:00+09:00'}

                """,
            "maintenance.yaml": """
                - {id: M-1, start: '2026-12-20T02:00:00+09:00', end: '2026-12-20T03:00:00+09:00', announced: '2026-12-19T10:00:00+09:00'}
                - {id: M-2, start: '2026-12-27T02:00:00+09:00', end: '2026-12-27T03:00:00+09:00', announced: '2026-12-24T10:00:00+09:00'}
                - {id: M-3, start: '2027-01-01T02:00:00+09:00', end: '2027-01-01T03:00:00+09:00'}
                - {id: M-4, start: '2027-01-20T02:00:00+09:00', end: '2027-01-20T03:00:00+09:00'}

                """,
        ])
        let status = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: now, timeZone: seoul)
        let r = try XCTUnwrap(status.reliability)
        XCTAssertEqual(r.failures, 1)
        XCTAssertEqual(r.operatingHours, 719, accuracy: 0.001, "720 hours less the hour of outage")
        XCTAssertEqual(r.mtbfHours ?? 0, 719, accuracy: 0.001)
        XCTAssertFalse(r.mtbfMet, "719 hours is not more than 720")
        XCTAssertEqual(r.autoRecoveryPercent, 50)
        XCTAssertFalse(r.autoRecoveryMet)
        XCTAssertEqual(status.maintenanceNotices.map(\.window.id), ["M-1", "M-3"], "16 hours ahead, and none yet for a window within 48 hours; M-4 is not due yet")
        let text = HypercarePhrases.incidentLines(status, .en).joined(separator: "\n")
        XCTAssertTrue(text.contains("MTBF 719h (target > 720h) ✗ · recovered automatically 1/2 (50%) (target > 95%) ✗"), text)
        XCTAssertTrue(text.contains("! M-1: maintenance announced 16h ahead (48h ahead)"), text)
        XCTAssertTrue(text.contains("! I-1 P1: no notice recorded (within 5m); no temporary fix recorded (within 30m); 60m without an update (every 30m); no post-incident review"), text)
    }
}
