import Foundation
import XCTest
@testable import OpsHypercareStore
@testable import OpsReadyKit

/// What every hypercare history must do, whichever database is behind it: what goes in comes out, re-imports add
/// nothing, corrections update in place, an interrupted import changes nothing, and no incident log stays no data.
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
        XCTAssertEqual(first.rowsBefore, 0)
        XCTAssertGreaterThan(first.rowsAfter, 100)
        let second = try await store.importRecords(example)
        await store.close()
        XCTAssertEqual(second, HypercareImportSummary(rowsBefore: first.rowsAfter, rowsAfter: first.rowsAfter))
    }

    func aCorrectionUpdatesInPlace() async throws {
        let store = try await open("correction")
        let first = try await store.importRecords(example)
        var corrected = example.weeks
        corrected[3]?["availability_percent"] = 99.99
        let second = try await store.importRecords(HypercareRecords(weeks: corrected, incidents: example.incidents, checklist: example.checklist))
        let stored = try await store.records()
        await store.close()
        XCTAssertEqual(second.rowsAfter, first.rowsAfter, "a corrected value replaces the old one")
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
