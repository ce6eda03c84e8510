import Foundation
import OpsCore
import OpsHypercare

/// The hypercare status for people at a terminal: week and phase, exit, each KPI with its trend, incidents,
/// the checklist and what blocks the hand-over.
public struct HypercareTextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "For people at a terminal."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ s: HypercareStatus) -> String {
        let plan = s.plan
        let ko = language == .ko
        var lines: [String] = []
        lines.append(HypercarePhrases.headline(s, language))
        lines.append("\(plan.title.text(language)) · \(ko ? "주차" : "week") \(s.week)/\(plan.weeks) · \(s.phaseTitle.text(language))")
        lines.append(HypercarePhrases.exitLine(s, language))
        if !s.dueThisWeek.isEmpty {
            lines.append((ko ? "이번 주 할 일: " : "Due this week: ") + HypercarePhrases.dueSummary(s.dueThisWeek, language))
        }
        if !s.missedActivities.isEmpty {
            lines.append((ko ? "누락된 활동 \(s.missedActivities.count)건: " : "Missed activities (\(s.missedActivities.count)): ")
                + HypercarePhrases.missedSummary(s.missedActivities, language))
        }
        lines.append("")
        lines.append(s.judgedWeek >= 1 ? (ko ? "KPI (완료된 \(s.judgedWeek)주차 기준, 월별 KPI는 지난달과 이번 달)" : "KPIs (judged on week \(s.judgedWeek), the latest finished; monthly ones on last month and this month so far)")
                                       : (ko ? "KPI (완료된 주 없음)" : "KPIs (no week finished yet)"))
        for k in s.kpis {
            let mark = k.state == .met ? "✓" : (k.state == .notMet ? "✗" : "·")
            let value = HypercarePhrases.judgedText(k, language)
            let trend = k.trend == .unknown ? "" : "  \(k.trend.text(language))"
            lines.append("  \(mark) \(k.kpi.title.text(language)): \(value)  \(ko ? "목표" : "target") \(k.kpi.targetText)\(trend)")
        }
        let incidentLines = HypercarePhrases.incidentLines(s, language)
        if !incidentLines.isEmpty {
            lines.append("")
            lines.append(contentsOf: [incidentLines[0]] + incidentLines.dropFirst().map { "  " + $0 })
        }
        let done = s.checklist.filter(\.done).count
        lines.append("")
        lines.append((ko ? "완료 조건: " : "Completion checklist: ") + "\(done)/\(s.checklist.count)")
        if !s.blockers.isEmpty {
            lines.append(ko ? "인계 차단 요인" : "Blocking the hand-over")
            for b in s.blockers { lines.append("  - \(b.text(language))") }
        }
        if let week = s.projectedExitWeek, let date = s.projectedExitDate {
            lines.append((s.exitReady ? (ko ? "종료일: " : "Exit: ") : (ko ? "예상 종료: " : "Projected exit: ")) + "\(date) (\(ko ? "\(week)주차 이후" : "after week \(week)"))")
        } else if let reason = s.noProjectionReason {
            lines.append((ko ? "예상 종료: 산출 불가 — " : "Projected exit: none — ") + reason.text(language))
        }
        // Each entry is one line; text from the records (names, ids) cannot start another.
        return lines.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }
}
