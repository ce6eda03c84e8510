import Foundation
import OpsDocument

/// Every workload of a shared history at a glance: week and phase, exit, KPIs not met, missed activities and the
/// projected exit, one line each — for a support organization tracking many go-lives.
public struct HypercareOverview: Sendable {
    public struct Row: Sendable {
        public let workload: HypercareWorkload
        public let status: HypercareStatus
    }

    public let rows: [Row]

    /// Each workload's status on the day `asOf` falls on in its own time zone (noon), or at `now`, from the records
    /// known by then (later ones left out, as with `status --replay`). A workload whose records are impossible (an
    /// incident before go-live) is an error naming it.
    public static func compute(plan: HypercarePlan, workloads: [(workload: HypercareWorkload, records: HypercareRecords)], now: Date,
                               asOf: CalendarDate?, origin: String) throws(DocumentError) -> HypercareOverview {
        var rows: [Row] = []
        for entry in workloads {
            let zone = Today.timeZone(entry.workload.timeZone)
            let instant = asOf?.noon(in: zone) ?? now
            let goLive = entry.workload.goLive.start(in: zone)
            let records = try entry.records.asOf(instant, goLive: goLive, timeZone: zone, replay: true, origin: "\(origin) (workload \(entry.workload.name))")
            rows.append(Row(workload: entry.workload, status: HypercareStatus.compute(plan: plan, records: records, goLive: goLive, now: instant, timeZone: zone,
                                                                                       workload: entry.workload.name)))
        }
        return HypercareOverview(rows: rows)
    }

    public func text(plan: HypercarePlan, language: Language) -> String {
        let ko = language == .ko
        var table = [ko ? ["워크로드", "오픈", "주차", "단계", "종료", "미달 KPI", "차단 요인", "누락 활동", "예상 종료"]
                        : ["workload", "go-live", "week", "phase", "exit", "KPIs not met", "blockers", "missed", "projected exit"]]
        for row in rows {
            let s = row.status
            table.append([row.workload.name.terminalSafe, row.workload.goLive.description, "\(s.week)/\(plan.weeks)", s.phaseTitle.text(language),
                          s.exitReady ? (ko ? "인계 가능" : "READY") : (ko ? "아직" : "not yet"),
                          String(s.kpis.filter { $0.state != .met }.count), String(s.blockers.count), String(s.missedActivities.count),
                          s.projectedExitDate?.description ?? "—"])
        }
        let widths = (0..<table[0].count).map { column in table.map { $0[column].terminalWidth }.max() ?? 0 }
        let lines = table.map { cells in
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.terminalWidth) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let head = ko ? "\(plan.title.text(language)) · 워크로드 \(rows.count)개" : "\(plan.title.text(language)) · \(rows.count) workload(s)"
        return ([head, ""] + lines).map(\.terminalSafe).joined(separator: "\n") + "\n"
    }

    public func json(plan: HypercarePlan) -> String {
        JSONValue.object([
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
