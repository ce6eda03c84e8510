import OpsCore
import OpsTestSupport
import XCTest
@testable import OpsHypercare

/// The seed choices that bear on hypercare name real KPIs and activities, their defaults are the plan's own values,
/// and a workload's choice changes the target the weeks are judged against (and the citation shown beside it).
final class HypercarePlanChoicesTests: XCTestCase {
    func testChoicesNameThePlansKPIsAndDefaultToItsValues() throws {
        let plan = try HypercarePlan.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))
        let choices = try SeedChoices.load(path: Checkout.path("rubrics/seed-choices.yaml"))
        var kpiChoices = 0
        for choice in choices.choices {
            for option in choice.options {
                for (id, targets) in option.kpis {
                    guard let kpi = plan.kpis.first(where: { $0.id == id }) else { XCTFail("\(choice.id): no KPI \(id)"); continue }
                    kpiChoices += 1
                    guard option.id == choice.defaultOption else { continue }
                    XCTAssertEqual(targets["min"], kpi.min, "\(choice.id): the default is the plan's minimum")
                    XCTAssertEqual(targets["max"], kpi.max, "\(choice.id): the default is the plan's maximum")
                    XCTAssertEqual(targets["reduce_by"], kpi.reduceBy, "\(choice.id): the default is the plan's reduction")
                }
                for (id, day) in option.activities {
                    guard let activity = plan.activities.first(where: { $0.id == id }) else { XCTFail("\(choice.id): no activity \(id)"); continue }
                    XCTAssertNotNil(HypercarePlan.Cadence(day), "\(choice.id): \(day) is a cadence")
                    if option.id == choice.defaultOption { XCTAssertEqual(activity.every.text, day, "\(choice.id): the default is the plan's day") }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(kpiChoices, 12, "response time, MTTR, satisfaction, automation, cost and throughput are choices")
    }

    func testAChoiceMovesTheTargetAndItsCitation() throws {
        let plan = try HypercarePlan.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))
        let choices = try SeedChoices.load(path: Checkout.path("rubrics/seed-choices.yaml"))
        let unchanged = plan.choosing(choices.resolve(profile: nil, picks: [:]))
        XCTAssertEqual(unchanged.kpis.first { $0.id == "mttr_minutes" }?.max, 30)
        XCTAssertEqual(unchanged.kpis.first { $0.id == "mttr_minutes" }?.seed, plan.kpis.first { $0.id == "mttr_minutes" }?.seed, "defaults leave the plan as written")

        let scenarios = plan.choosing(choices.resolve(profile: "seed-002", picks: [:]))
        let mttr = try XCTUnwrap(scenarios.kpis.first { $0.id == "mttr_minutes" })
        XCTAssertEqual(mttr.max, 15)
        XCTAssertFalse(mttr.isMet(by: 20), "20 minutes meets the plan's 30 but not the scenarios' 15")
        XCTAssertTrue(mttr.seed.hasPrefix("002_"), "the target cites the seed it now comes from")
        XCTAssertEqual(scenarios.kpis.first { $0.id == "peak_tps" }?.min, 15000)
        XCTAssertEqual(scenarios.kpis.first { $0.id == "operating_cost_krw_million" }?.reduceBy, 30)

        let monday = plan.choosing(choices.resolve(profile: nil, picks: ["weekly_report_day": "seed-001"]))
        XCTAssertEqual(monday.activities.first { $0.id == "weekly_report" }?.every.text, "monday")
        for phase in monday.phases {
            for activity in phase.due where activity.id == "weekly_report" { XCTAssertEqual(activity.every.text, "monday", "phase \(phase.id) follows the choice") }
        }
    }

    /// A portfolio reads no manifest: the choices a workload's records carry decide the plan it is judged against.
    func testAnOverviewJudgesEachWorkloadWithTheChoicesItsRecordsCarry() throws {
        let plan = try HypercarePlan.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))
        let choices = try SeedChoices.load(path: Checkout.path("rubrics/seed-choices.yaml"))
        let workload = HypercareWorkload(name: "w", goLive: CalendarDate("2026-12-01")!, timeZone: "Asia/Seoul")
        var records = HypercareRecords(weeks: [1: [:]], incidents: [], checklist: [:])
        func mttrTarget() throws -> Double? {
            let overview = try HypercareOverview.compute(plan: plan, choices: choices, workloads: [(workload, records)], now: Date(),
                                                         asOf: CalendarDate("2026-12-10"), origin: "test")
            return overview.rows.first?.status.kpis.first { $0.kpi.id == "mttr_minutes" }?.kpi.max
        }
        XCTAssertEqual(try mttrTarget(), 30)
        records.seedChoices = ["mttr": "seed-002"]
        XCTAssertEqual(try mttrTarget(), 15)
    }
}
