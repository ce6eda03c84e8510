import OpsReadyKit

/// The hypercare status page: one self-contained HTML file (no scripts, fonts or network) with a chart per KPI
/// — its weekly (or monthly) values against the target line — and the activities due and missed.
public enum HypercareHTML {
    public static func render(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        let ko = language == .ko
        func t(_ en: String, _ k: String) -> String { ko ? k : en }
        func e(_ text: String) -> String { Markup.escape(text) }
        let phase = s.phaseTitle.text(language)
        var body: [String] = []
        body.append("<h1>\(e(plan.title.text(language)))</h1>")
        body.append("<p class=\"meta\">\(t("Week", "주차")) \(s.week)/\(plan.weeks) · \(e(phase))</p>")
        body.append("<p class=\"verdict \(s.exitReady ? "ok" : "no")\">\(s.exitReady ? t("Exit: ready to hand over", "종료 판정: 인계 가능") : t("Exit: not yet", "종료 판정: 아직 아님"))</p>")
        if let date = s.projectedExitDate, let week = s.projectedExitWeek {
            body.append("<p>\(t("Projected exit", "예상 종료")): <strong>\(date)</strong> (\(t("after week", "주차")) \(week))</p>")
        } else if let reason = s.noProjectionReason {
            body.append("<p>\(t("Projected exit: none", "예상 종료: 산출 불가")) — \(e(reason.text(language)))</p>")
        }
        if !s.dueThisWeek.isEmpty {
            body.append("<p>\(t("Due this week", "이번 주 할 일")): \(e(HypercareReport.dueSummary(s.dueThisWeek, language)))</p>")
        }
        if !s.missedActivities.isEmpty {
            body.append("<p class=\"missed\">\(t("Missed activities", "누락된 활동")) (\(s.missedActivities.count)): \(e(HypercareReport.missedSummary(s.missedActivities, language)))</p>")
        }
        body.append("<div class=\"grid\">")
        for k in s.kpis {
            let latest = k.judged.map { "\(HypercarePlan.format($0.value)) (\($0.caption(language)))" } ?? t("no data", "데이터 없음")
            body.append("""
                <section class="kpi \(k.state.rawValue)"><h2>\(e(k.kpi.title.text(language)))</h2>
                <p>\(e(latest)) · \(t("target", "목표")) \(e(k.kpi.targetText)) · \(k.trend.text(language))</p>
                \(chart(k, weeks: plan.weeks))</section>
                """)
        }
        body.append("</div>")
        let incidents = HypercareReport.incidentLines(s, language)
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
            <title>\(e(plan.title.text(language))) · \(t("week", "주차")) \(s.week)</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330;max-width:70rem}
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

    /// Values as a line over weeks 1…`weeks` (or the months they span), the target dashed; met points green, others red.
    static func chart(_ k: HypercareStatus.KPIStatus, weeks: Int) -> String {
        let periods = k.kpi.monthly ? max(k.series.map(\.period).max() ?? 1, Int((Double(weeks) * 7 / 30.44).rounded(.up)) + 1) : weeks
        let width = 300.0, height = 90.0, pad = 8.0
        guard !k.series.isEmpty else { return "<svg viewBox=\"0 0 300 90\" role=\"img\" aria-label=\"no data\"></svg>" }
        let target = k.kpi.target ?? 0
        let values = k.series.map(\.value) + [target]
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high == low { high += 1; low -= 1 }
        let span = high - low
        func x(_ period: Int) -> Double { pad + (width - 2 * pad) * Double(period - 1) / Double(max(periods - 1, 1)) }
        func y(_ value: Double) -> Double { height - pad - (height - 2 * pad) * (value - low) / span }
        func f(_ v: Double) -> String { String((v * 10).rounded() / 10) }
        let points = k.series.map { "\(f(x($0.period))),\(f(y($0.value)))" }.joined(separator: " ")
        var svg = "<svg viewBox=\"0 0 300 90\" role=\"img\" aria-label=\"\(Markup.escape(k.kpi.title.en))\">"
        svg += "<line x1=\"\(f(pad))\" x2=\"\(f(width - pad))\" y1=\"\(f(y(target)))\" y2=\"\(f(y(target)))\" stroke=\"#98a2b3\" stroke-dasharray=\"4 3\"/>"
        svg += "<polyline fill=\"none\" stroke=\"#3060c0\" stroke-width=\"2\" points=\"\(points)\"/>"
        for point in k.series {
            let color = k.kpi.isMet(by: point.value) ? "#17803d" : "#b42318"
            let mark = "<circle cx=\"\(f(x(point.period)))\" cy=\"\(f(y(point.value)))\" r=\"3\" fill=\"\(color)\">"
            svg += mark + "<title>\(Markup.escape(point.caption(.en))): \(HypercarePlan.format(point.value))</title></circle>"
        }
        return svg + "</svg>"
    }
}
