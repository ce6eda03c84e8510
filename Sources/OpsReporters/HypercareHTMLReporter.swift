import OpsCore
import OpsHypercare

/// The hypercare status page: one self-contained HTML file (no scripts, fonts or network) with a chart per KPI
/// — its weekly (or monthly) values against the target line — and the activities due and missed.
public struct HypercareHTMLReporter: Reporter {
    public static let format = "html"
    public static let fileExtension = "html"
    public static let summary = "A status page with a chart per KPI (self-contained HTML)."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ s: HypercareStatus) -> String {
        let plan = s.plan
        let ko = language == .ko
        func t(_ en: String, _ k: String) -> String { ko ? k : en }
        func e(_ text: String) -> String { Markup.escape(text) }
        let phase = s.phaseTitle.text(language)
        var body: [String] = []
        body.append("<h1>\(e(s.workload.isEmpty ? plan.title.text(language) : s.workload))</h1>")
        body.append("<p class=\"meta\">\(e(HypercarePhrases.headline(s, language)))</p>")
        body.append("<p class=\"meta\">\(e(plan.title.text(language))) · \(t("Week", "주차")) \(s.week)/\(plan.weeks) · \(e(phase))</p>")
        body.append("<p class=\"verdict \(s.exitReady ? "ok" : "no")\">\(e(HypercarePhrases.exitLine(s, language)))</p>")
        if let date = s.projectedExitDate, let week = s.projectedExitWeek {
            body.append("<p>\(t("Projected exit", "예상 종료")): <strong>\(date)</strong> (\(t("after week", "주차")) \(week))</p>")
        } else if let reason = s.noProjectionReason {
            body.append("<p>\(t("Projected exit: none", "예상 종료: 산출 불가")) — \(e(reason.text(language)))</p>")
        }
        if !s.dueThisWeek.isEmpty {
            body.append("<p>\(t("Due this week", "이번 주 할 일")): \(e(HypercarePhrases.dueSummary(s.dueThisWeek, language)))</p>")
        }
        if !s.missedActivities.isEmpty {
            body.append("<p class=\"missed\">\(t("Missed activities", "누락된 활동")) (\(s.missedActivities.count)): \(e(HypercarePhrases.missedSummary(s.missedActivities, language)))</p>")
        }
        body.append("<div class=\"grid\">")
        for k in s.kpis {
            body.append("""
                <section class="kpi \(k.state.rawValue)"><h2>\(e(k.kpi.title.text(language)))</h2>
                <p>\(e(HypercarePhrases.judgedText(k, language))) · \(t("target", "목표")) \(e(k.kpi.targetText)) · \(k.trend.text(language))</p>
                \(HypercareChart.svg(k, weeks: plan.weeks, finished: s.judgedWeek, language: language))</section>
                """)
        }
        body.append("</div>")
        body.append("<p class=\"legend\">" + e(HypercareChart.legend(language)) + "</p>")
        let incidents = HypercarePhrases.incidentLines(s, language)
        if !incidents.isEmpty {
            body.append("<h2>\(t("Incidents", "장애"))</h2><p>\(e(incidents[0]))</p>")
            if incidents.count > 1 { body.append("<ul>" + incidents.dropFirst().map { "<li>\(e($0))</li>" }.joined() + "</ul>") }
        }
        body.append("<h2>\(t("Completion checklist", "완료 조건")) \(s.checklist.filter(\.done).count)/\(s.checklist.count)</h2><ul>")
        for (item, done) in s.checklist { body.append("<li>\(done ? "☑" : "☐") \(e(item.title.text(language)))</li>") }
        body.append("</ul>")
        if !s.blockers.isEmpty {
            body.append("<h2>\(t("Blocking the hand-over", "인계 차단 요인"))</h2><ul>")
            for b in s.blockers { body.append("<li>\(e(b.text(language)))</li>") }
            body.append("</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
            <title>\(e(s.workload.isEmpty ? plan.title.text(language) : s.workload)) · \(t("week", "주차")) \(s.week)</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:2rem;color:#1d2330;max-width:70rem}
            .legend{color:#5b6475;font-size:.85rem}
            .meta{color:#5b6475}.verdict{font-weight:700;font-size:1.2rem}.verdict.ok{color:#17803d}.verdict.no{color:#b42318}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}
            .kpi{border:1px solid #d9dee7;border-radius:8px;padding:.6rem .8rem}.kpi h2{font-size:1rem;margin:.2rem 0}
            .kpi p{margin:.2rem 0;color:#5b6475;font-size:.9rem}.kpi.met{border-left:4px solid #17803d}.kpi.not_met{border-left:4px solid #b42318}
            .kpi.no_data{border-left:4px solid #98a2b3}svg{width:100%;height:auto}.missed{color:#b42318}
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }
}
