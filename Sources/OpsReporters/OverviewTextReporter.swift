import OpsCore
import OpsHypercare

/// Every workload of a shared history, one line each: week and phase, exit, KPIs not met, blockers, missed
/// activities and the projected exit — for a support organization tracking many go-lives.
public struct OverviewTextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "A table, one line per workload."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ overview: HypercareOverview) -> String {
        let plan = overview.plan, rows = overview.rows
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
}
