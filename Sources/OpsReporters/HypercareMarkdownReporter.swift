import OpsCore
import OpsHypercare

/// The hypercare status as Markdown: for the weekly report or a ticket comment.
public struct HypercareMarkdownReporter: Reporter {
    public static let format = "markdown"
    public static let fileExtension = "md"
    public static let summary = "For the weekly report or a ticket comment."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ s: HypercareStatus) -> String {
        let plan = s.plan
        let ko = language == .ko
        func t(_ en: String, _ k: String) -> String { ko ? k : en }
        var out: [String] = []
        let phase = s.phaseTitle.text(language)
        out.append("## \(MarkdownReporter.text(HypercarePhrases.headline(s, language)))")
        out.append("")
        out.append("\(MarkdownReporter.text(plan.title.text(language))) — \(t("week", "주차")) \(s.week)/\(plan.weeks) · \(MarkdownReporter.text(phase))")
        out.append("")
        out.append("**\(MarkdownReporter.text(HypercarePhrases.exitLine(s, language)))**" + (s.exitReady ? " ✅" : ""))
        if let date = s.projectedExitDate, let week = s.projectedExitWeek {
            out.append("")
            out.append(t("Projected exit: \(date) (after week \(week))", "예상 종료: \(date) (\(week)주차 이후)"))
        } else if let reason = s.noProjectionReason {
            out.append("")
            out.append(t("Projected exit: none — ", "예상 종료: 산출 불가 — ") + MarkdownReporter.text(reason.text(language)))
        }
        if !s.dueThisWeek.isEmpty {
            out.append("")
            out.append(t("Due this week: ", "이번 주 할 일: ") + MarkdownReporter.text(HypercarePhrases.dueSummary(s.dueThisWeek, language)))
        }
        if !s.missedActivities.isEmpty {
            out.append("")
            out.append(t("Missed activities", "누락된 활동") + " (\(s.missedActivities.count)): " + MarkdownReporter.text(HypercarePhrases.missedSummary(s.missedActivities, language)))
        }
        out.append("")
        out.append(t("| KPI | judged | target | state | trend | by week or month |", "| KPI | 판정값 | 목표 | 상태 | 추세 | 주별·월별 |"))
        out.append("| --- | --- | --- | --- | --- | --- |")
        for k in s.kpis {
            let state = k.state == .met ? "✅" : (k.state == .notMet ? "❌" : t("no data", "데이터 없음"))
            let series = k.series.map { "\($0.caption(language)) \($0.valueText(k.kpi, language)) \($0.source.mark)" }.joined(separator: ", ")
            out.append("| \(MarkdownReporter.text(k.kpi.title.text(language))) | \(MarkdownReporter.text(HypercarePhrases.judgedText(k, language))) | \(MarkdownReporter.text(k.kpi.targetText)) | \(state) | \(k.trend.text(language)) | \(MarkdownReporter.text(series)) |")
        }
        out.append("")
        out.append(MarkdownReporter.text(HypercareChart.legend(language)))
        let incidents = HypercarePhrases.incidentLines(s, language)
        if !incidents.isEmpty {
            out.append("")
            out.append(MarkdownReporter.text(incidents[0]))
            for line in incidents.dropFirst() { out.append("- " + MarkdownReporter.text(line)) }
        }
        out.append("")
        out.append(t("Completion checklist", "완료 조건") + ": \(s.checklist.filter(\.done).count)/\(s.checklist.count)")
        for (item, done) in s.checklist { out.append("- [\(done ? "x" : " ")] \(MarkdownReporter.text(item.title.text(language)))") }
        if !s.blockers.isEmpty {
            out.append("")
            out.append(t("### Blocking the hand-over", "### 인계 차단 요인"))
            for b in s.blockers { out.append("- \(MarkdownReporter.text(b.text(language)))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
