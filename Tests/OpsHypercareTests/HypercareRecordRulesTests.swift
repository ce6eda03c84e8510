import Foundation
@testable import OpsCore
import OpsDocument
import OpsReporters
@testable import OpsHypercare
import XCTest

/// Records a spreadsheet or a hand-edited file can hold that cannot be true are input errors at their line, never
/// silently counted; records dated after the status day are refused unless a past day is replayed.
final class HypercareRecordRulesTests: XCTestCase {
    let seoul = TimeZone(identifier: "Asia/Seoul")!
    var plan: HypercarePlan!
    var directory: String!
    var goLive: Date { ISO8601DateFormatter().date(from: "2026-12-01T00:00:00+09:00")! }

    override func setUpWithError() throws {
        plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        directory = NSTemporaryDirectory() + "opsready-rules-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { [directory] in try? FileManager.default.removeItem(atPath: directory!) }
    }

    /// Writes `files` (name → text) into a fresh records directory and returns the loading error.
    func loadError(_ files: [String: String], line: UInt = #line) -> String {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
        for (name, text) in files { try? text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        do {
            _ = try HypercareRecords.load(directory: directory, plan: plan)
            XCTFail("loaded", line: line)
            return ""
        } catch {
            return "\(error)".replacingOccurrences(of: directory + "/", with: "")
        }
    }

    func testImpossibleIncidentsAreRefusedAtTheirLine() {
        XCTAssertEqual(loadError(["incidents.csv": """
            id,priority,detected,responded,resolved
            INC-1,P2,2026-12-02T09:40:00+09:00,2026-12-02T10:50:00+09:00,2026-12-02T10:35:00+09:00

            """]), "incidents.csv:2:36: incident INC-1 is responded to after it was resolved (a response begins at or before the resolution)")
        XCTAssertEqual(loadError(["incidents.yaml": "- {id: INC-1, priority: P2, detected: '2026-12-02T09:40:00+09:00', resolved: '2026-12-02T08:35:00+09:00'}\n"]),
                       "incidents.yaml:1:78: incident INC-1 is resolved before it was detected")
        XCTAssertEqual(loadError(["incidents.yaml": """
            - {id: INC-1, priority: P3, detected: '2026-12-02T09:40:00+09:00'}
            - {id: INC-1, priority: P3, detected: '2026-12-03T09:40:00+09:00'}

            """]), "incidents.yaml:2:8: incident INC-1 is recorded twice")
        XCTAssertEqual(loadError(["maintenance.csv": "id,start,end\nMW-1,2026-12-02T01:00:00+09:00,2026-12-02T02:00:00+09:00\nMW-1,2026-12-09T01:00:00+09:00,2026-12-09T02:00:00+09:00\n"]),
                       "maintenance.csv:3:1: maintenance window MW-1 is recorded twice")
        XCTAssertEqual(loadError(["surveys.csv": "id,survey,date,score\nS-1,csat,2026-12-24,4\nS-1,csat,2026-12-24,5\n"]), "surveys.csv:3:1: survey response S-1 is recorded twice")
        XCTAssertEqual(loadError(["checklist.yaml": "- {id: knowledge_base, done: true}\n- {id: knowledge_base, done: false}\n"]),
                       "checklist.yaml:2:3: checklist item knowledge_base is listed twice")
        XCTAssertEqual(loadError(["incidents.yaml": "- {id: \"INC\\0A\", priority: P3, detected: '2026-12-02T09:40:00+09:00'}\n"]),
                       "incidents.yaml:1:8: 'id' must be text without control characters")
    }

    func testValuesOutsideTheirRangeAreRefused() {
        XCTAssertEqual(loadError(["weeks.csv": "week,availability_percent\n1,100.5\n"]), "weeks.csv:2:3: 'availability_percent' is 100.5; it must be 0–100")
        XCTAssertEqual(loadError(["weeks.csv": "week,peak_tps\n1,-20\n"]), "weeks.csv:2:3: 'peak_tps' is -20; it must be ≥ 0")
        XCTAssertEqual(loadError(["weeks.csv": "week,satisfaction\n1,7\n"]), "weeks.csv:2:3: 'satisfaction' is 7; it must be 1–5")
        XCTAssertEqual(loadError(["surveys.csv": "id,survey,date,score\nS-1,csat,2026-12-24,0\n"]), "surveys.csv:2:21: 'csat' is 0; it must be 1–5")
        XCTAssertEqual(loadError(["weeks.yaml": "- week: 1\n  kpis: {error_rate_percent: .inf}\n"]), "weeks.yaml:2:30: 'error_rate_percent' must be a finite number (at most 1e15 in size)")
        XCTAssertEqual(loadError(["weeks.yaml": "- week: 1\n  kpis: {error_rate_percent: .nan}\n"]), "weeks.yaml:2:30: 'error_rate_percent' must be a finite number (at most 1e15 in size)")
        XCTAssertEqual(loadError(["weeks.yaml": "- week: 1\n  kpis: {peak_tps: 1e300}\n"]), "weeks.yaml:2:20: 'peak_tps' must be a finite number (at most 1e15 in size)")
        XCTAssertEqual(loadError(["weeks.yaml": "- week: 99999999999\n"]), "weeks.yaml:1:9: 'week' must be a whole number from 1 (0 for the baseline before go-live)")
    }

    func testSpreadsheetBooleansAndDates() throws {
        try "id,priority,outage,detected,resolved\nINC-1,P1,TRUE,2026-12-02T09:40:00+09:00,2026-12-02T10:40:00+09:00\nINC-2,P3,no,2026-12-03T09:40:00+09:00,\nINC-3,P3,1,2026-12-04T09:40:00+09:00,\n"
            .write(toFile: directory + "/incidents.csv", atomically: true, encoding: .utf8)
        let records = try HypercareRecords.load(directory: directory, plan: plan)
        XCTAssertEqual(records.incidents?.map(\.outage), [true, false, true])
        XCTAssertEqual(loadError(["incidents.csv": "id,priority,outage,detected\nINC-1,P1,maybe,2026-12-02T09:40:00+09:00\n"]),
                       "incidents.csv:2:10: 'outage' must be true or false (also accepted: yes/no, y/n, 1/0, TRUE/FALSE)")
        XCTAssertEqual(loadError(["incidents.csv": "id,priority,detected\nINC-1,P1,2026/12/02 09:40\n"]),
                       "incidents.csv:2:10: 'detected' must be a time with its offset, like 2026-12-08T10:05:00+09:00")
        XCTAssertEqual(loadError(["surveys.csv": "id,survey,date,score\nS-1,csat,12/24/2026,4\n"]), "surveys.csv:2:10: 'date' must be a day like 2026-12-04 (YYYY-MM-DD)")
    }

    /// Go-live and the status day: an incident before go-live needs `pre_go_live: true`; a week not finished, an
    /// incident, survey, activity or checklist day after the status day is refused, or left out with --replay.
    func testRecordsAgainstGoLiveAndTheStatusDay() throws {
        let now = ISO8601DateFormatter().date(from: "2026-12-16T12:00:00+09:00")!   // week 3
        func cut(_ files: [String: String], replay: Bool = false) throws -> HypercareRecords {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] { try FileManager.default.removeItem(atPath: directory + "/" + name) }
            for (name, text) in files { try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
            return try HypercareRecords.load(directory: directory, plan: plan).asOf(now, goLive: goLive, timeZone: seoul, replay: replay, origin: directory)
        }
        func refusal(_ files: [String: String]) -> String {
            do { _ = try cut(files); XCTFail("accepted"); return "" } catch { return "\(error)".replacingOccurrences(of: directory + "/", with: "") }
        }
        let hint = " (a record from the future: check the date, or judge a past day from these records with --replay)"
        XCTAssertEqual(refusal(["weeks.yaml": "- week: 2\n- week: 3\n"]), "weeks.yaml:2:9: week 3 has not finished by 2026-12-16 (week 3 is under way)" + hint)
        XCTAssertEqual(refusal(["incidents.yaml": "- {id: I-1, priority: P3, detected: '2026-11-30T10:00:00+09:00'}\n"]),
                       "incidents.yaml:1:3: incident I-1 is detected before go-live; mark it pre_go_live: true if that is right")
        XCTAssertEqual(try cut(["incidents.yaml": "- {id: I-1, priority: P3, pre_go_live: true, detected: '2026-11-30T10:00:00+09:00'}\n"]).incidents?.count, 0,
                       "a rehearsal incident is kept out of the figures")
        XCTAssertEqual(refusal(["incidents.yaml": "- {id: I-2, priority: P3, detected: '2026-12-17T10:00:00+09:00'}\n"]), "incidents.yaml:1:3: incident I-2 is detected after 2026-12-16" + hint)
        XCTAssertEqual(refusal(["surveys.yaml": "- {id: S-1, survey: csat, date: 2026-12-20, score: 4}\n"]), "surveys.yaml:1:3: survey response S-1 is dated 2026-12-20, after 2026-12-16" + hint)
        XCTAssertEqual(refusal(["activities.yaml": "weekly_report: [2026-12-18]\n"]), "activities.yaml:1:17: activity weekly_report is recorded on 2026-12-18, after 2026-12-16" + hint)
        XCTAssertEqual(refusal(["checklist.yaml": "- {id: knowledge_base, done: true, date: 2026-12-31}\n"]),
                       "checklist.yaml:1:3: checklist item knowledge_base is done on 2026-12-31, after 2026-12-16" + hint)
        let replayed = try cut(["weeks.yaml": "- week: 2\n- week: 3\n", "incidents.yaml": "- {id: I-3, priority: P3, detected: '2026-12-16T10:00:00+09:00', resolved: '2026-12-16T13:00:00+09:00'}\n"],
                               replay: true)
        XCTAssertEqual(replayed.weeks.keys.sorted(), [2], "--replay leaves the unfinished week out")
        XCTAssertNil(replayed.incidents?.first?.resolved, "as of noon the incident was still open")
    }

    /// An incident with no response past its priority's target is late, and open incidents count toward MTTR with the
    /// time they have been open.
    func testAnUnansweredIncidentIsLateAndCounts() {
        let open = HypercareRecords.Incident(id: "INC-9", priority: "P1", detected: ISO8601DateFormatter().date(from: "2026-12-09T10:00:00+09:00")!, resolved: nil)
        let records = HypercareRecords(weeks: [2: [:]], incidents: [open], checklist: [:])
        let s = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: ISO8601DateFormatter().date(from: "2026-12-09T10:20:00+09:00")!,
                                        timeZone: seoul, incidentTargets: IncidentTargets.presets["seed-003"])
        XCTAssertEqual(s.incidents.first?.late, true, "20 minutes without a response against P1's 15")
        XCTAssertTrue(HypercarePhrases.incidentLines(s, .en).contains("✗ INC-9 P1: no response yet, past the 15m target; no notice recorded (within 5m)"),
                      "\(HypercarePhrases.incidentLines(s, .en))")
        let later = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: ISO8601DateFormatter().date(from: "2026-12-16T10:00:00+09:00")!, timeZone: seoul)
        let mttr = later.kpis.first { $0.kpi.id == "mttr_minutes" }!
        XCTAssertEqual(mttr.judged?.value, 7 * 24 * 60, "open a week: MTTR counts it as a week, not as no incident")
        XCTAssertEqual(mttr.state, .notMet)
    }

    /// Whatever the records, a status that is not ready says why.
    func testNotReadyAlwaysHasBlockers() {
        var generator = SystemRandomNumberGenerator()
        let days = stride(from: -3, through: 140, by: 5).map { goLive.addingTimeInterval(Double($0) * 86_400 + 43_200) }
        for _ in 0..<12 {
            var weeks: [Int: [String: Double]] = [:]
            for week in 1...20 where Bool.random(using: &generator) {
                weeks[week] = Dictionary(uniqueKeysWithValues: plan.kpis.filter { !$0.isDerived }.map { ($0.id, ($0.target ?? 1) * Double.random(in: 0.95...1.3, using: &generator)) })
            }
            let checklist = Dictionary(uniqueKeysWithValues: plan.checklist.filter { _ in Int.random(in: 0..<10, using: &generator) > 0 }.map { ($0.id, CalendarDate?.none) })
            let records = HypercareRecords(weeks: weeks, incidents: [], checklist: checklist, maintenance: [])
            for day in days {
                let s = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: day, timeZone: seoul)
                XCTAssertTrue(s.exitReady || !s.blockers.isEmpty, "not ready without a reason on \(day)")
                XCTAssertTrue(!s.exitReady || s.blockers.isEmpty)
                XCTAssertLessThanOrEqual(s.week, plan.weeks + 1)
            }
        }
    }

    /// A DNS probe's lookup time is the probe's latency like any other kind's, so it reaches the response-time series.
    func testADNSProbesLatencyReachesTheResponseTimeSeries() throws {
        try #"{"at":"2026-12-02T01:00:00Z","probe":"connect-dns","kind":"dns","status":"pass","result":{"addresses":["10.0.0.1"],"lookup_ms":300}}"#
            .appending("\n").write(toFile: directory + "/probes.jsonl", atomically: true, encoding: .utf8)
        let records = try HypercareRecords.load(directory: directory, plan: plan)
        let s = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: ISO8601DateFormatter().date(from: "2026-12-09T12:00:00+09:00")!, timeZone: seoul)
        let response = s.kpis.first { $0.kpi.id == "response_time_seconds" }!
        XCTAssertEqual(response.judged?.value, 0.3)
        XCTAssertEqual(response.judged?.source, .probes)
        XCTAssertEqual(loadError(["probes.jsonl": #"{"at":"2026-12-02T01:00:00Z","probe":"p","status":"pass","result":{"latency_ms":-5}}"# + "\n"]),
                       "probes.jsonl:1:81: the latency must be a finite number of milliseconds, 0 or more")
    }
}

/// Weeks are seven calendar days in the workload's time zone, also across a daylight-saving change.
final class HypercareWeeksTests: XCTestCase {
    func testWeeksFollowTheCalendarAcrossDaylightSaving() {
        let newYork = TimeZone(identifier: "America/New_York")!
        let goLive = CalendarDate("2026-09-01")!.start(in: newYork)
        let weeks = HypercareWeeks(goLive: goLive, timeZone: newYork)
        XCTAssertEqual(weeks.dayAfter(week: 12).description, "2026-11-24")
        XCTAssertEqual(CalendarDate(weeks.start(10), in: newYork).description, "2026-11-03", "the week after the change still starts at midnight")
        XCTAssertEqual(weeks.week(of: CalendarDate("2026-11-02")!.start(in: newYork).addingTimeInterval(23.5 * 3600)), 9, "23:30 on Monday is still week 9")
        XCTAssertEqual(weeks.week(of: CalendarDate("2026-11-03")!.start(in: newYork)), 10)
        XCTAssertEqual(weeks.week(of: goLive.addingTimeInterval(-1)), 0)
        XCTAssertEqual(weeks.week(of: CalendarDate("2040-01-01")!.start(in: newYork)), CalendarDate("2026-09-01")!.days(to: CalendarDate("2040-01-01")!) / 7 + 1)
    }
}
