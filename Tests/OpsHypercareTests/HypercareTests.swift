import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
@testable import OpsHypercare
import XCTest

/// The hypercare status, week by week, on the plan and the example's records.
final class HypercareTests: XCTestCase {
    let seoul = TimeZone(identifier: "Asia/Seoul")!
    var plan: HypercarePlan!
    var records: HypercareRecords!

    override func setUpWithError() throws {
        plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        records = try HypercareRecords.load(directory: ResourceLocator.path("examples/aicc/hypercare"), plan: plan)
    }

    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Writes `text` to `file` in `directory` and checks that loading the records fails with `file:` + `position`
    /// (line, column and message).
    func assertLoadFails(_ directory: String, _ file: String, _ text: String, at position: String, line: UInt = #line) {
        XCTAssertNoThrow(try text.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8), line: line)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan), line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix(directory + "/" + file + ":" + position), "\(error)", line: line)
        }
    }

    /// An empty records directory, removed when the test ends.
    func scratchDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "opsready-hypercare-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        return directory
    }
    var goLive: Date { instant("2026-12-01T00:00:00+09:00") }

    func status(at text: String, records: HypercareRecords? = nil) -> HypercareStatus {
        HypercareStatus.compute(plan: plan, records: records ?? self.records, goLive: goLive, now: instant(text), timeZone: seoul)
    }

    func testThePlanIsTheSeedsPlan() {
        XCTAssertEqual(plan.weeks, 12)
        XCTAssertEqual(plan.phases.map(\.weeks), [1...2, 3...4, 5...12])
        XCTAssertEqual(plan.kpis.first { $0.id == "availability_percent" }?.min, 99.9)
        XCTAssertEqual(plan.kpis.first { $0.id == "mttr_minutes" }?.max, 30)
        XCTAssertEqual(plan.checklist.count, 13, "§8.2.1 and §8.2.2, less what the KPIs judge")
    }

    /// Weeks start at go-live midnight in Seoul: 2026-12-14 23:59 KST is still week 2, 00:00 is week 3
    /// (though both are 2026-12-14 in UTC).
    func testPhaseBoundariesInSeoulTime() {
        XCTAssertEqual(status(at: "2026-11-30T23:59:00+09:00").week, 0)
        XCTAssertEqual(status(at: "2026-12-01T00:00:00+09:00").phase?.id, "intensive")
        XCTAssertEqual(status(at: "2026-12-14T23:59:00+09:00").week, 2)
        let third = status(at: "2026-12-15T00:00:00+09:00")
        XCTAssertEqual(third.week, 3)
        XCTAssertEqual(third.phase?.id, "business_hours")
        XCTAssertEqual(status(at: "2026-12-29T00:00:00+09:00").phase?.id, "extended")
        XCTAssertEqual(status(at: "2027-02-22T23:59:00+09:00").week, 12)
        XCTAssertNil(status(at: "2027-02-23T00:00:00+09:00").phase, "after week 12 the plan is over")
    }

    /// The example, Monday by Monday: phase, how many KPIs are not yet met, missed activities, projection, exit.
    func testTheExampleWeekByWeek() {
        let expected: [(day: String, week: Int, phase: String?, notMet: Int, missed: Int, projected: String?, exit: Bool)] = [
            ("2026-12-01", 1, "intensive", 23, 0, nil, false),          // nothing measured yet: no data
            ("2026-12-08", 2, "intensive", 22, 0, nil, false),
            ("2026-12-15", 3, "business_hours", 23, 0, nil, false),     // the week-2 P1 breaks December
            ("2026-12-22", 4, "business_hours", 23, 0, nil, false),
            ("2026-12-29", 5, "extended", 22, 1, nil, false),           // the daily report of 12-25 was missed; week 4 had no incident
            ("2027-01-05", 6, "extended", 21, 1, nil, false),
            ("2027-01-12", 7, "extended", 21, 2, nil, false),           // and the weekly report of 01-08
            ("2027-01-19", 8, "extended", 18, 2, nil, false),
            ("2027-01-26", 9, "extended", 5, 2, "2027-02-23", false),
            ("2027-02-02", 10, "extended", 5, 2, "2027-02-23", false),  // weeks 1–9 finished: stabilized, but the five
            ("2027-02-09", 11, "extended", 5, 2, "2027-02-23", false),  // monthly surveys have no value in the judged week
            ("2027-02-16", 12, "extended", 5, 2, "2027-02-23", false),
            ("2027-02-23", 13, nil, 0, 2, "2027-02-23", true),          // the plan is over: hand over
        ]
        for row in expected {
            let s = status(at: row.day + "T10:00:00+09:00")
            XCTAssertEqual(s.week, row.week, row.day)
            XCTAssertEqual(s.phase?.id, row.phase, row.day)
            XCTAssertEqual(s.kpis.filter { $0.state != .met }.count, row.notMet, row.day)
            XCTAssertEqual(s.missedActivities.count, row.missed, row.day)
            XCTAssertEqual(s.projectedExitDate?.description, row.projected, row.day)
            XCTAssertEqual(s.exitReady, row.exit, row.day)
        }
    }

    func testMTTRAndCriticalIncidentsAreComputedFromIncidents() {
        let s = status(at: "2026-12-22T10:00:00+09:00")   // week 4: weeks 1–3 finished
        let mttr = s.kpis.first { $0.kpi.id == "mttr_minutes" }!
        XCTAssertEqual(mttr.series.map(\.period), [1, 2, 3])
        XCTAssertEqual(mttr.series.map(\.value), [55, 75, 50])
        XCTAssertEqual(mttr.state, .notMet)
        let critical = s.kpis.first { $0.kpi.id == "critical_incidents" }!
        XCTAssertEqual(critical.series.map(\.label), ["2026-12"])
        XCTAssertEqual(critical.series.map(\.value), [1])
        XCTAssertEqual(critical.state, .notMet, "the week-2 P1 is in December so far")
        // January so far has none, but December, the last finished month, had one.
        let january = status(at: "2027-01-13T10:00:00+09:00").kpis.first { $0.kpi.id == "critical_incidents" }!
        XCTAssertEqual(january.series.map(\.value), [1, 0])
        XCTAssertEqual(january.series.map(\.partial), [false, true])
        XCTAssertEqual(january.state, .notMet)
        XCTAssertEqual(january.judged?.label, "2026-12")
        XCTAssertEqual(status(at: "2027-02-02T10:00:00+09:00").kpis.first { $0.kpi.id == "critical_incidents" }?.state, .met,
                       "January, the last finished month, had none")
    }

    /// Months are cut at midnight in the workload's time zone: the New Year window (2026-12-31 23:30 → 00:30 KST)
    /// is half December, half January in Seoul, all December in UTC.
    func testMonthlyFiguresAreCutAtMonthBoundariesInSeoulTime() {
        let s = status(at: "2027-01-13T10:00:00+09:00")
        let planned = s.kpis.first { $0.kpi.id == "planned_downtime_hours" }!
        XCTAssertEqual(planned.series.map(\.label), ["2026-12", "2027-01"])
        XCTAssertEqual(planned.series.map(\.value), [2.0, 0.5], "1.5 h on 12-20 and half an hour before midnight; January so far the other half")
        XCTAssertEqual(planned.state, .met, "2 hours is within 'at most 2 hours a month'")
        let utc = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: instant("2027-01-13T10:00:00+09:00"), timeZone: TimeZone(identifier: "UTC")!)
        let plannedUTC = utc.kpis.first { $0.kpi.id == "planned_downtime_hours" }!
        XCTAssertEqual(plannedUTC.series.first { $0.label == "2026-12" }?.value, 2.5, "cut in UTC, the whole window falls in December")
        XCTAssertEqual(plannedUTC.state, .notMet)
        let outage = s.kpis.first { $0.kpi.id == "outage_hours" }!
        XCTAssertEqual(outage.series.map(\.value), [1.25, 0], "the P1 outage of 12-09 lasted 75 minutes")
    }

    /// An outage still open counts up to now; no maintenance log is no data, an empty one is zero.
    func testOpenOutagesAndMissingLogs() {
        let open = HypercareRecords.Incident(id: "INC-9", priority: "P1", detected: instant("2027-01-12T04:00:00+09:00"), resolved: nil, outage: true)
        let withOpen = HypercareRecords(weeks: records.weeks, incidents: (records.incidents ?? []) + [open], checklist: records.checklist, maintenance: nil)
        let s = status(at: "2027-01-13T10:00:00+09:00", records: withOpen)
        let outage = s.kpis.first { $0.kpi.id == "outage_hours" }!
        XCTAssertEqual(outage.series.last?.value, 30, "open since 04:00 the day before")
        XCTAssertEqual(outage.state, .notMet)
        XCTAssertEqual(s.kpis.first { $0.kpi.id == "planned_downtime_hours" }?.state, .noData, "no maintenance log: no data, not zero")
        let empty = HypercareRecords(weeks: records.weeks, incidents: records.incidents, checklist: records.checklist, maintenance: [])
        XCTAssertEqual(status(at: "2027-01-13T10:00:00+09:00", records: empty).kpis.first { $0.kpi.id == "planned_downtime_hours" }?.state, .met)
    }

    /// What the phase makes due, when, and which ones passed without a record.
    func testActivitiesDueAndMissed() {
        let first = status(at: "2026-12-03T10:00:00+09:00")   // week 1, a Thursday
        XCTAssertEqual(first.dueThisWeek.filter { $0.activity.id == "daily_report" }.map(\.due.description).first, "2026-12-01")
        XCTAssertEqual(first.dueThisWeek.filter { $0.activity.id == "daily_report" }.count, 7)
        XCTAssertEqual(first.dueThisWeek.first { $0.activity.id == "weekly_report" }?.due.description, "2026-12-04")
        XCTAssertEqual(first.dueThisWeek.first { $0.activity.id == "weekly_report" }?.state, .upcoming)
        XCTAssertEqual(first.dueThisWeek.first { $0.activity.id == "daily_report" && $0.due.description == "2026-12-05" }?.state, .upcoming)
        XCTAssertTrue(first.missedActivities.isEmpty)

        let week7 = status(at: "2027-01-13T10:00:00+09:00")
        XCTAssertEqual(week7.missedActivities.map { "\($0.activity.id) \($0.due)" }, ["daily_report 2026-12-25", "weekly_report 2027-01-08"])
        XCTAssertEqual(week7.dueThisWeek.map(\.activity.id), ["tuesday_check", "weekly_report"])
        XCTAssertEqual(week7.activities.first { $0.activity.id == "weekly_report" && $0.due.description == "2027-01-01" }?.state, .done,
                       "the week-5 report came on Saturday 01-02, inside its plan week")
        let extended = status(at: "2027-02-24T10:00:00+09:00").activities
        XCTAssertEqual(extended.filter { $0.activity.id == "site_visit" }.map(\.due.description), ["2027-01-11", "2027-01-25", "2027-02-08", "2027-02-22"])
        XCTAssertEqual(extended.filter { $0.activity.id == "month_end_review" }.map(\.due.description), ["2026-12-31", "2027-01-31"])
        XCTAssertEqual(extended.filter { $0.activity.id == "daily_report" }.count, 28, "daily reports in weeks 1-4 only")
        XCTAssertEqual(extended.filter { $0.activity.id == "tuesday_check" }.count, 8)
    }

    /// Response times are judged against the targets the manifest chooses (the seeds disagree on P2–P4), and the
    /// incident's duration says which escalation level (§9.2) it reached.
    func testIncidentResponseAgainstTheChosenTargets() throws {
        let manifest = try Manifest.load(path: ResourceLocator.path("examples/aicc/opsready.yaml"))
        func reviews(_ targets: IncidentTargets?) -> [String: HypercareStatus.IncidentReview] {
            let s = HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: instant("2027-01-13T10:00:00+09:00"), timeZone: seoul,
                                            incidentTargets: targets, escalation: manifest.escalation)
            return Dictionary(uniqueKeysWithValues: s.incidents.map { ($0.incident.id, $0) })
        }
        let plan003 = reviews(IncidentTargets.presets["seed-003"])
        XCTAssertEqual(plan003.count, 5, "incidents detected by the status day")
        XCTAssertEqual(plan003["INC-002"]?.responseMinutes, 20)
        XCTAssertEqual(plan003["INC-002"]?.late, true, "P1: 20 minutes against 15")
        XCTAssertEqual(plan003["INC-001"]?.late, false, "P2: 40 minutes against the plan's 1 hour")
        XCTAssertEqual(plan003["INC-002"]?.escalation?.level, "L3", "75 minutes reach L3 (1 hour)")
        XCTAssertEqual(plan003["INC-004"]?.escalation?.level, "L2", "38 minutes reach L2 (30 minutes)")
        let manual000 = reviews(IncidentTargets.presets["seed-000"])
        XCTAssertEqual(manual000["INC-001"]?.late, true, "P2: 40 minutes against the operator manual's 30")
        XCTAssertEqual(reviews(nil)["INC-002"]?.late, false, "no targets chosen: nothing judged late")
    }

    /// Relative targets from the week-0 baseline, percentages from counts, survey means, availability from outages.
    func testFiguresComputedFromBaselinesCountsSurveysAndOutages() throws {
        let s = status(at: "2027-02-02T10:00:00+09:00")   // week 10: weeks 1–9 finished
        let processing = s.kpis.first { $0.kpi.id == "processing_time_minutes" }!
        XCTAssertEqual(processing.series.first?.value ?? 0, -3.33, accuracy: 0.01, "week 1: 12.4 min against the 12.0 baseline is 3.3 % slower")
        XCTAssertEqual(processing.latest?.value ?? 0, 31.67, accuracy: 0.01, "week 9: 8.2 min is 31.7 % below 12.0")
        XCTAssertEqual(processing.state, .met)
        XCTAssertEqual(s.kpis.first { $0.kpi.id == "error_occurrence" }?.series.map(\.value)[7], 50, "week 8: 20 errors against 40 is the 50 % target, met")
        XCTAssertEqual(s.kpis.first { $0.kpi.id == "training_completion_percent" }?.series.map(\.value).prefix(2), [60, 64.8], "150 and 162 of 250 agents")
        let ease = s.kpis.first { $0.kpi.id == "ease_of_use" }!
        XCTAssertEqual(ease.series.map(\.label), ["w4", "w8"], "the survey ran in weeks 4 and 8 so far")
        XCTAssertEqual(ease.series.map(\.value), [3.75, 4.0], "the mean of eight responses each")
        XCTAssertEqual(ease.series.map(\.count), [8, 8])
        XCTAssertEqual(ease.series.map(\.source), [.survey, .survey])
        XCTAssertEqual(ease.state, .noData, "judged on week 9, which had no survey: week 8's value is not carried forward")
        XCTAssertEqual(ease.judgedLabel, "w9")
        XCTAssertEqual(status(at: "2027-01-26T10:00:00+09:00").kpis.first { $0.kpi.id == "ease_of_use" }?.state, .met, "judged on week 8, surveyed")

        var weeks = records.weeks
        weeks[0] = nil
        weeks[9]?["availability_percent"] = nil
        let outage = HypercareRecords.Incident(id: "INC-X", priority: "P1", detected: instant("2027-01-27T10:00:00+09:00"),
                                               resolved: instant("2027-01-27T13:21:36+09:00"), outage: true)
        let edited = HypercareRecords(weeks: weeks, incidents: (records.incidents ?? []) + [outage], checklist: records.checklist,
                                      maintenance: records.maintenance, activities: records.activities, surveys: records.surveys)
        let without = status(at: "2027-02-02T10:00:00+09:00", records: edited)
        XCTAssertEqual(without.kpis.first { $0.kpi.id == "processing_time_minutes" }?.state, .noData, "no baseline: no reduction to judge")
        let availability = without.kpis.first { $0.kpi.id == "availability_percent" }!
        XCTAssertEqual(availability.latest?.value ?? 0, 98, accuracy: 0.0001, "3.36 hours down in a 168-hour week")
        XCTAssertEqual(availability.latest?.source, .outages)
    }

    func testBadCountsAndSurveysPointAtTheLine() throws {
        let directory = try scratchDirectory()
        assertLoadFails(directory, "weeks.yaml", "- week: 1\n  kpis:\n    training_completion_percent: {count: 300, of: 250}\n", at: "3:34: 'training_completion_percent': count and of must be whole numbers, count between 0 and 'of'")
        try FileManager.default.removeItem(atPath: directory + "/weeks.yaml")
        assertLoadFails(directory, "surveys.csv", "id,survey,date,score\nS1,ease_of_use,2026-12-24,4\nS2,happiness,2026-12-24,5\n", at: "3:4: unknown survey 'happiness'")
    }

    func testAnUnknownActivityPointsAtItsLine() throws {
        let directory = try scratchDirectory()
        assertLoadFails(directory, "activities.yaml", "weekly_report: [2026-12-04]\nweekly_reprot: [2026-12-11]\n", at: "2:1: unknown activity 'weekly_reprot'")
        assertLoadFails(directory, "activities.yaml", "weekly_report: [2026-12-32]\n", at: "1:17: 'weekly_report': expected a day")
    }

    func testChecklistItemsCountFromTheirDay() {
        let week7 = status(at: "2027-01-13T10:00:00+09:00")
        XCTAssertEqual(week7.checklist.filter(\.done).map(\.item.id), ["backup_restore_verified", "incident_procedure_known"])
        XCTAssertTrue(week7.blockers.contains { $0.en == "Completion item open: Handed over to regular maintenance" })
        XCTAssertEqual(status(at: "2027-02-24T10:00:00+09:00").checklist.filter(\.done).count, 13)
    }

    func testMissingWeeksAreNoDataNotZero() {
        var weeks = records.weeks
        weeks[6] = nil
        let gap = HypercareRecords(weeks: weeks, incidents: nil, checklist: records.checklist)
        let s = status(at: "2027-01-13T10:00:00+09:00", records: gap)
        let availability = s.kpis.first { $0.kpi.id == "availability_percent" }!
        XCTAssertEqual(availability.latest?.period, 5, "week 6 is missing, so the latest value is week 5's")
        XCTAssertEqual(availability.state, .noData, "judged on week 6, which has no record: week 5's value is not carried forward")
        XCTAssertNil(availability.judged)
        XCTAssertEqual(availability.judgedLabel, "w6")
        XCTAssertTrue(s.blockers.contains { $0.en == "System availability: no data in w6 (target ≥ 99.9)" })
        XCTAssertEqual(s.kpis.first { $0.kpi.id == "mttr_minutes" }?.state, .noData, "no incident log: no MTTR, not zero")
        XCTAssertFalse(s.exitReady)
    }

    func testStabilizesAndExitsAfterWeekTwelve() {
        let week9 = status(at: "2027-02-02T10:00:00+09:00")    // week 10; weeks 1–9 finished
        XCTAssertEqual(week9.kpis.filter { $0.state == .notMet }.map(\.kpi.id), [], "the example stabilizes by week 9")
        XCTAssertEqual(week9.kpis.filter { $0.state == .noData }.map(\.kpi.id), ["satisfaction", "ease_of_use", "support_satisfaction", "training_effectiveness", "csat"],
                       "the monthly surveys are not measured in week 9")
        XCTAssertFalse(week9.exitReady, "the plan runs twelve weeks")
        XCTAssertTrue(week9.blockers.contains { $0.en == "the plan's 12 weeks are not over (week 10)" })
        XCTAssertEqual(week9.projectedExitDate?.description, "2027-02-23", "the surveys met their targets in week 8, four weeks ago at most")
        let after = status(at: "2027-02-24T10:00:00+09:00")
        XCTAssertTrue(after.exitReady)
        XCTAssertEqual(after.exitWeek, 12)
        XCTAssertTrue(after.blockers.isEmpty)
        let muchLater = status(at: "2027-06-01T10:00:00+09:00")
        XCTAssertTrue(muchLater.exitReady, "once met at the end of week 12 the exit stays met")
        XCTAssertEqual(muchLater.week, 13, "after the plan the week is weeks + 1")
        XCTAssertEqual(muchLater.projectedExitDate?.description, "2027-02-23", "the exit day stops moving")
    }

    func testProjectionFollowsImprovingTrends() {
        let s = status(at: "2027-01-05T10:00:00+09:00")   // week 6
        let availability = s.kpis.first { $0.kpi.id == "availability_percent" }!
        XCTAssertEqual(availability.trend, .improving)
        XCTAssertEqual(availability.state, .notMet)
        XCTAssertNil(s.projectedExitDate, "monthly surveys have one value so far: no trend to project")
        XCTAssertTrue(s.noProjectionReason?.en.contains("too few values") == true, s.noProjectionReason?.en ?? "")
    }

    /// Weeks without a typed availability or response time take them from `opsready probe --record` history.
    func testAvailabilityAndLatencyFromRecordedProbes() throws {
        let directory = try scratchDirectory()
        try "- week: 1\n  kpis: {availability_percent: 99.95}\n".write(toFile: directory + "/weeks.yaml", atomically: true, encoding: .utf8)
        let line = { (at: String, status: String, ms: Double) in
            #"{"at":"\#(at)","probe":"admin-health","kind":"http","target":"https://admin/health","status":"\#(status)","result":{"status":200,"latency_ms":\#(ms)}}"#
        }
        let history = [line("2026-12-02T01:00:00Z", "pass", 400), line("2026-12-09T01:00:00Z", "pass", 800), line("2026-12-10T01:00:00Z", "pass", 1200),
                       line("2026-12-11T01:00:00Z", "pass", 1000), line("2026-12-12T01:00:00Z", "fail", 2000)]
        try (history.joined(separator: "\n") + "\n").write(toFile: directory + "/probes.jsonl", atomically: true, encoding: .utf8)
        let recorded = try HypercareRecords.load(directory: directory, plan: plan)
        let s = status(at: "2026-12-16T10:00:00+09:00", records: recorded)   // week 3: weeks 1–2 finished
        let availability = s.kpis.first { $0.kpi.id == "availability_percent" }!
        XCTAssertEqual(availability.series.map(\.value), [99.95, 75], "week 1 as typed; week 2 from 3 of 4 probes passing")
        let response = s.kpis.first { $0.kpi.id == "response_time_seconds" }!
        XCTAssertEqual(response.series.map(\.value), [0.4, 1.25])
        try (history[0] + "\n{\"probe\": \"x\"}\n").write(toFile: directory + "/probes.jsonl", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan)) { error in
            XCTAssertTrue("\(error)".hasPrefix(directory + "/probes.jsonl:2:1: not a probe record"), "\(error)")
        }
    }

    /// The same records as CSV (a spreadsheet export) give the same figures; empty cells are no data.
    func testRecordsFromCSV() throws {
        let directory = try scratchDirectory()
        try """
            week,availability_percent,response_time_seconds,satisfaction
            1,99.52,2.6,
            2,99.57,2.45,
            3,99.63,2.3,
            4,99.68,2.15,3.9

            """.write(toFile: directory + "/weeks.csv", atomically: true, encoding: .utf8)
        try """
            id,priority,detected,resolved,summary
            INC-001,P2,2026-12-02T09:40:00+09:00,2026-12-02T10:35:00+09:00,"routing delay, queue 3"
            INC-002,P1,2026-12-09T14:05:00+09:00,2026-12-09T15:20:00+09:00,failover

            """.write(toFile: directory + "/incidents.csv", atomically: true, encoding: .utf8)
        let csv = try HypercareRecords.load(directory: directory, plan: plan)
        XCTAssertEqual(csv.weeks[4], ["availability_percent": 99.68, "response_time_seconds": 2.15, "satisfaction": 3.9])
        XCTAssertNil(csv.weeks[1]?["satisfaction"], "an empty cell is no data")
        let fromCSV = status(at: "2026-12-29T10:00:00+09:00", records: csv)
        let fromYAML = status(at: "2026-12-29T10:00:00+09:00")
        let mttr = fromCSV.kpis.first { $0.kpi.id == "mttr_minutes" }
        XCTAssertEqual(mttr?.series.map(\.value), [55, 75, 0, 0], "MTTR from the CSV incidents; weeks 3 and 4 were reported and had none")
        XCTAssertEqual(mttr?.series.map(\.fromAbsence), [false, false, true, true])
        XCTAssertEqual(mttr?.trend, .worsening, "from weeks 1 and 2 only (55 → 75): the incident-free weeks do not flip it to improving")
        for id in ["availability_percent", "critical_incidents"] {
            XCTAssertEqual(fromCSV.kpis.first { $0.kpi.id == id }?.series.map(\.value), fromYAML.kpis.first { $0.kpi.id == id }?.series.map(\.value), id)
        }
        try "week,availability_percent\n1,high\n".write(toFile: directory + "/weeks.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan)) { error in
            XCTAssertEqual("\(error)", directory + "/weeks.csv:2:3: 'availability_percent' must be a number")
        }
        try "- week: 1\n  kpis: {}\n".write(toFile: directory + "/weeks.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan))
    }

    func testBadRecordsPointAtTheLine() throws {
        let directory = try scratchDirectory()
        assertLoadFails(directory, "weeks.yaml", "- week: 1\n  kpis:\n    availability: 99.9\n", at: "3:5: unknown KPI 'availability'")
        try "- week: 1\n  kpis:\n    mttr_minutes: 20\n".write(toFile: directory + "/weeks.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan))
        try "- {id: I, priority: P1, detected: '2026-12-02T10:00:00+09:00', resolved: '2026-12-02T09:00:00+09:00'}\n"
            .write(toFile: directory + "/incidents.yaml", atomically: true, encoding: .utf8)
        try "".write(toFile: directory + "/weeks.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try HypercareRecords.load(directory: directory, plan: plan))
    }
}
