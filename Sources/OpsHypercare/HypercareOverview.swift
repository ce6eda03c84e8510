import Foundation
import OpsCore
import OpsDocument

/// Every workload of a shared history at a glance: week and phase, exit, KPIs not met, missed activities and the
/// projected exit, one line each — for a support organization tracking many go-lives.
public struct HypercareOverview: Sendable {
    public struct Row: Sendable {
        public let workload: HypercareWorkload
        public let status: HypercareStatus
    }

    /// The plan every workload is judged against.
    public let plan: HypercarePlan
    public let rows: [Row]

    /// Each workload's status on the day `asOf` falls on in its own time zone (noon), or at `now`, from the records
    /// known by then (later ones left out, as with `status --replay`), against the plan with the seed choices its
    /// records carry (`choices`: the catalogue). A workload whose records are impossible (an incident before go-live)
    /// is an error naming it.
    public static func compute(plan: HypercarePlan, choices: SeedChoices = SeedChoices(), workloads: [(workload: HypercareWorkload, records: HypercareRecords)],
                               now: Date, asOf: CalendarDate?, origin: String) throws(DocumentError) -> HypercareOverview {
        var rows: [Row] = []
        for entry in workloads {
            let zone = Today.timeZone(entry.workload.timeZone)
            let instant = asOf?.noon(in: zone) ?? now
            let goLive = entry.workload.goLive.start(in: zone)
            let records = try entry.records.asOf(instant, goLive: goLive, timeZone: zone, replay: true, origin: "\(origin) (workload \(entry.workload.name))")
            let judged = plan.choosing(choices.resolve(profile: nil, picks: entry.records.seedChoices))
            rows.append(Row(workload: entry.workload, status: HypercareStatus.compute(plan: judged, records: records, goLive: goLive, now: instant, timeZone: zone,
                                                                                       workload: entry.workload.name)))
        }
        return HypercareOverview(plan: plan, rows: rows)
    }
}
