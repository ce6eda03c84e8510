import Foundation
@testable import OpsCore
@testable import OpsHypercare
@testable import OpsHypercareStore
import OpsReporters
import XCTest

/// What every hypercare history must do, whichever database is behind it: what goes in comes out (the status JSON is
/// byte for byte the same), re-imports change nothing, corrections and removals make the history equal to the
/// records, earlier imports still answer "as known on", an interrupted import changes nothing, and no incident log
/// stays no data.
/// Each store's test case runs every one of these against a fresh store.
struct HypercareStoreContract {
    typealias Store = any HypercareStore & ImportFaultHook
    /// A new, empty store; called again with the same name it reopens that store.
    let open: (_ name: String) async throws -> Store

    let plan: HypercarePlan
    let example: HypercareRecords

    init(open: @escaping (_ name: String) async throws -> Store) throws {
        self.open = open
        plan = try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        example = try HypercareRecords.load(directory: ResourceLocator.path("examples/aicc/hypercare"), plan: plan)
    }

    func status(_ records: HypercareRecords, at text: String) -> HypercareStatus {
        HypercareStatus.compute(plan: plan, records: records, goLive: ISO8601DateFormatter().date(from: "2026-12-01T00:00:00+09:00")!,
                                now: ISO8601DateFormatter().date(from: text)!, timeZone: TimeZone(identifier: "Asia/Seoul")!)
    }

    /// A probe history with second-exact times, as `probe --record` writes it.
    static let probes: [HypercareRecords.ProbeMeasurement] = (0..<48).map { (hour: Int) -> HypercareRecords.ProbeMeasurement in
        let at = Date(timeIntervalSince1970: 1_796_000_000 + Double(hour) * 3600)
        let latency: Double? = hour == 7 ? nil : 180 + Double(hour)
        return HypercareRecords.ProbeMeasurement(at: at, probe: "api-health", passed: hour != 7, latencyMs: latency)
    }

    func theStatusFromTheStoreIsTheStatusFromTheFiles() async throws {
        let store = try await open("round-trip")
        _ = try await store.importRecords(example)
        await store.close()
        let reopened = try await open("round-trip")
        let stored = try await reopened.records()
        await reopened.close()
        for day in ["2026-12-22T10:00:00+09:00", "2027-01-13T10:00:00+09:00", "2027-02-24T10:00:00+09:00"] {
            let a = status(example, at: day), b = status(stored, at: day)
            XCTAssertEqual(a.exitReady, b.exitReady, day)
            XCTAssertEqual(a.blockers, b.blockers, day)
            XCTAssertEqual(a.kpis.map { $0.series.map(\.value) }, b.kpis.map { $0.series.map(\.value) }, day)
            XCTAssertEqual(a.projectedExitDate, b.projectedExitDate, day)
        }
        XCTAssertEqual(stored.incidents?.map(\.id), example.incidents?.map(\.id))
        XCTAssertEqual(stored.incidents?.map(\.resolved), example.incidents?.map(\.resolved))
        XCTAssertEqual(stored.checklist, example.checklist)
        XCTAssertEqual(stored.incidents?.map(\.outage), example.incidents?.map(\.outage))
        XCTAssertEqual(stored.incidents?.map(\.responded), example.incidents?.map(\.responded))
        XCTAssertEqual(stored.incidents, example.incidents, "every field of every incident, its handling (notice, fix, updates, review) included")
        XCTAssertEqual(stored.maintenance, example.maintenance)
        XCTAssertEqual(stored.activities, example.activities)
        XCTAssertEqual(stored.surveys.sorted { $0.id < $1.id }, example.surveys.sorted { $0.id < $1.id })
        XCTAssertEqual(stored.weeks[0], example.weeks[0], "the baseline week")
        for day in ["2027-01-13T10:00:00+09:00", "2027-02-24T10:00:00+09:00"] {
            XCTAssertEqual(status(stored, at: day).activities.map(\.state), status(example, at: day).activities.map(\.state), day)
        }
    }

    func probeHistoryRoundTrips() async throws {
        let store = try await open("probes")
        _ = try await store.importRecords(HypercareRecords(weeks: [:], incidents: nil, checklist: [:], probes: Self.probes))
        let stored = try await store.records().probes
        await store.close()
        XCTAssertEqual(stored.map(\.at), Self.probes.map(\.at))
        XCTAssertEqual(stored.map(\.passed), Self.probes.map(\.passed))
        XCTAssertEqual(stored.map(\.latencyMs), Self.probes.map(\.latencyMs))
    }

    func reimportingAddsNothing() async throws {
        let store = try await open("reimport")
        let first = try await store.importRecords(example)
        XCTAssertEqual(first.added, first.rowsAfter)
        XCTAssertGreaterThan(first.rowsAfter, 100)
        let second = try await store.importRecords(example)
        await store.close()
        XCTAssertEqual(second, HypercareImportSummary(added: 0, changed: 0, removed: 0, rowsAfter: first.rowsAfter))
    }

    /// The files say MTTR ✗ once an incident is deleted from them; the history must say the same, not keep the deleted row.
    func removedRecordsLeaveTheHistoryAndEarlierImportsStillAnswer() async throws {
        let store = try await open("removal")
        _ = try await store.importRecords(example)
        try await Task.sleep(nanoseconds: 20_000_000)
        let between = Date()
        try await Task.sleep(nanoseconds: 20_000_000)
        let fewer = HypercareRecords(weeks: example.weeks, incidents: example.incidents?.filter { $0.id != "INC-008" }, checklist: example.checklist,
                                     maintenance: example.maintenance, activities: example.activities, surveys: example.surveys)
        let summary = try await store.importRecords(fewer)
        let now = try await store.records()
        let then = try await store.records(knownOn: between)
        let before = try await store.records(knownOn: Date(timeIntervalSince1970: 0))
        await store.close()
        XCTAssertEqual(summary.removed, 1)
        XCTAssertEqual(summary.added + summary.changed, 0)
        XCTAssertEqual(now.incidents?.map(\.id), fewer.incidents?.map(\.id))
        XCTAssertEqual(then.incidents?.map(\.id), example.incidents?.map(\.id), "as known between the imports: the incident was there")
        XCTAssertTrue(before.isEmpty, "before the first import nothing was known")
        let day = "2027-02-24T10:00:00+09:00"
        XCTAssertEqual(json(now, at: day), json(fewer, at: day))
        XCTAssertNotEqual(json(now, at: day), json(example, at: day), "the removal changes the status")
    }

    func json(_ records: HypercareRecords, at day: String) -> String {
        HypercareJSONReporter(options: ReportOptions()).render(status(records, at: day))
    }

    /// Generated record sets (seeded): the status JSON from the records and from the history they were imported into
    /// are the same text, on several days.
    func theStatusJSONIsTheSameFromTheHistory() async throws {
        var generator = SeededGenerator(seed: 14)
        for round in 0..<6 {
            let records = Self.generated(plan: plan, using: &generator)
            let store = try await open("generated-\(round)")
            _ = try await store.importRecords(records)
            let stored = try await store.records()
            await store.close()
            for day in ["2026-12-20T10:00:00+09:00", "2027-01-30T10:00:00+09:00", "2027-03-10T10:00:00+09:00"] {
                XCTAssertEqual(json(stored, at: day), json(records, at: day), "round \(round), \(day)")
            }
        }
    }

    /// A record set with random gaps, values, incidents (some open), surveys, probe runs and checklist days.
    static func generated(plan: HypercarePlan, using g: inout SeededGenerator) -> HypercareRecords {
        let goLive = Date(timeIntervalSince1970: 1_796_051_600)  // 2026-12-01T00:00:00+09:00
        var weeks: [Int: [String: Double]] = [0: ["processing_time_minutes": 12, "error_occurrence": 40, "operating_cost_krw_million": 50]]
        for week in 1...14 where Int.random(in: 0..<5, using: &g) > 0 {
            var values: [String: Double] = [:]
            for kpi in plan.kpis where !kpi.isDerived && Bool.random(using: &g) {
                let target = kpi.target ?? 1
                values[kpi.id] = min(kpi.valid.upperBound, max(kpi.valid.lowerBound, (target * Double.random(in: 0.8...1.2, using: &g) * 1000).rounded() / 1000))
            }
            weeks[week] = values
        }
        let incidents = (0..<Int.random(in: 0...6, using: &g)).map { n -> HypercareRecords.Incident in
            let detected = goLive.addingTimeInterval(Double(Int.random(in: 0..<(90 * 24), using: &g)) * 3600 + 0.25)
            let open = Int.random(in: 0..<6, using: &g) == 0
            return HypercareRecords.Incident(id: "INC-\(n)", priority: ["P1", "P2", "P3", "P4"].randomElement(using: &g)!, detected: detected,
                                             resolved: open ? nil : detected.addingTimeInterval(Double(Int.random(in: 5...200, using: &g)) * 60),
                                             outage: Bool.random(using: &g), responded: detected.addingTimeInterval(Double(Int.random(in: 1...5, using: &g)) * 60))
        }
        let surveys = (0..<Int.random(in: 0...20, using: &g)).map { n in
            HypercareRecords.SurveyResponse(id: "S-\(n)", survey: plan.surveys.sorted().randomElement(using: &g)!,
                                            day: CalendarDate(goLive.addingTimeInterval(Double(Int.random(in: 0..<90, using: &g)) * 86_400), in: TimeZone(identifier: "Asia/Seoul")!),
                                            score: Double(Int.random(in: 1...5, using: &g)))
        }
        let probes = (0..<Int.random(in: 0...200, using: &g)).map { _ in
            HypercareRecords.ProbeMeasurement(at: goLive.addingTimeInterval(Double(Int.random(in: 0..<(90 * 24 * 60), using: &g)) * 60), probe: "api",
                                              passed: Int.random(in: 0..<20, using: &g) > 0, latencyMs: Bool.random(using: &g) ? Double(Int.random(in: 50...3000, using: &g)) + 0.5 : nil)
        }
        let checklist = Dictionary(plan.checklist.filter { _ in Bool.random(using: &g) }.map {
            ($0.id, CalendarDate("2027-02-\(String(format: "%02d", Int.random(in: 1...28, using: &g)))"))
        }, uniquingKeysWith: { a, _ in a })
        return HypercareRecords(weeks: weeks, incidents: Bool.random(using: &g) ? incidents : nil, checklist: checklist, probes: probes,
                                maintenance: Bool.random(using: &g) ? [] : nil, activities: ["weekly_report": [CalendarDate("2026-12-04")!]], surveys: surveys)
    }

    func aCorrectionUpdatesInPlace() async throws {
        let store = try await open("correction")
        let first = try await store.importRecords(example)
        var corrected = example.weeks
        corrected[3]?["availability_percent"] = 99.99
        let second = try await store.importRecords(HypercareRecords(weeks: corrected, incidents: example.incidents, checklist: example.checklist))
        let stored = try await store.records()
        await store.close()
        XCTAssertEqual(second.changed, 1, "a corrected value replaces the old one")
        XCTAssertEqual(second.rowsAfter, first.rowsAfter - (example.maintenance.map { $0.count + 1 } ?? 0) - example.surveys.count
                       - example.activities.values.map(\.count).reduce(0, +), "the logs left out of the import are removed")
        XCTAssertEqual(stored.weeks[3]?["availability_percent"], 99.99)
    }

    func anInterruptedImportLeavesThePreviousState() async throws {
        let store = try await open("interrupted")
        _ = try await store.importRecords(example)
        var revised = example.weeks
        for week in revised.keys { revised[week]?["availability_percent"] = 50 }
        var written = 0
        store.afterEachRow = {
            written += 1
            if written == 20 { throw CancellationError() }
        }
        do {
            _ = try await store.importRecords(HypercareRecords(weeks: revised, incidents: example.incidents, checklist: example.checklist))
            XCTFail("the import should have been interrupted")
        } catch is CancellationError {}
        store.afterEachRow = nil
        let kept = try await store.records()
        await store.close()
        XCTAssertEqual(written, 20)
        XCTAssertEqual(kept.weeks[1]?["availability_percent"], 99.52, "the first rows of the failed import were rolled back")
        XCTAssertEqual(kept.weeks.count, 13, "the baseline and twelve weeks")
    }

    func noIncidentLogStaysNoData() async throws {
        let store = try await open("no-incident-log")
        _ = try await store.importRecords(HypercareRecords(weeks: example.weeks, incidents: nil, checklist: [:], maintenance: nil))
        let stored = try await store.records()
        await store.close()
        XCTAssertNil(stored.incidents, "no incident log is no data, not zero incidents")
        XCTAssertNil(stored.maintenance, "no maintenance log is no data, not zero downtime")
    }

    func anEmptyLogIsZeroNotNoData() async throws {
        let store = try await open("empty-logs")
        _ = try await store.importRecords(HypercareRecords(weeks: [:], incidents: [], checklist: [:], maintenance: []))
        let stored = try await store.records()
        await store.close()
        XCTAssertEqual(stored.incidents?.count, 0)
        XCTAssertEqual(stored.maintenance, [])
    }
}

/// A small deterministic random number generator (SplitMix64), so generated record sets are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
