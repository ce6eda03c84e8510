import OpsCore
import OpsHypercare

/// The overview for programs: one object per workload.
public struct OverviewJSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "One object per workload, for programs."


    public init(options: ReportOptions) {
    }

    public func render(_ overview: HypercareOverview) -> String {
        let plan = overview.plan, rows = overview.rows
        return JSONValue.object([
            ("plan", .string(plan.id)),
            ("workloads", .array(rows.map { row in
                let s = row.status
                return .object([
                    ("name", .string(row.workload.name)), ("go_live", .string(row.workload.goLive.description)), ("timezone", .string(row.workload.timeZone)),
                    ("week", .int(s.week)), ("phase", .optional(s.phase?.id)), ("exit_ready", .bool(s.exitReady)),
                    ("kpis_not_met", .array(s.kpis.filter { $0.state != .met }.map { .string($0.kpi.id) })), ("blockers", .int(s.blockers.count)),
                    ("missed_activities", .int(s.missedActivities.count)), ("projected_exit", .optional(s.projectedExitDate?.description)),
                ])
            })),
        ]).rendered()
    }
}
