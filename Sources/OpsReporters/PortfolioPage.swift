import Foundation
import OpsCore
import OpsPortfolio

/// `opsready serve`'s first page: one row per workload — the latest verdict and score, question risks, waivers, live
/// probes, hypercare week, phase and exit, and the score's trend — sortable and filterable by verdict and phase.
public struct PortfolioPage {
    public let language: Language

    public init(language: Language) { self.language = language }

    private var ko: Bool { language == .ko }
    private func t(_ en: String, _ koText: String) -> String { ko ? koText : en }
    private func e(_ s: String) -> String { Markup.escape(s) }

    public func render(_ overview: PortfolioOverview, query: PortfolioQuery) -> String {
        let rows = overview.rows(query)
        var h = PageFrame.head(title: t("Portfolio readiness", "포트폴리오 준비도"), language: language)
        h += "<header><div><h1>\(t("Portfolio readiness", "포트폴리오 운영 준비도"))</h1><div class=\"muted\">"
        h += "\(overview.rows.count) \(t("workloads", "개 워크로드")) · \(countText(overview, "READY")) · \(countText(overview, "CONDITIONAL")) · "
        h += "\(countText(overview, "NOT_READY"))</div></div>"
        h += "<div class=\"right muted\">\(PageFrame.languageLinks(path: "/", query: queryString(query, sort: query.sort, descending: query.descending), current: language))</div></header>"
        h += "<section><form class=\"filters\" method=\"get\" action=\"/\">"
        h += "<input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
        h += "<input type=\"hidden\" name=\"sort\" value=\"\(query.sort.rawValue)\"><input type=\"hidden\" name=\"order\" value=\"\(query.descending ? "desc" : "asc")\">"
        h += "<label>\(t("Verdict", "판정")) <select name=\"verdict\" id=\"verdict-filter\">"
        h += option("", t("all", "전체"), selected: query.verdict == nil)
        for verdict in ["READY", "CONDITIONAL", "NOT_READY"] { h += option(verdict, verdict, selected: query.verdict == verdict) }
        h += "</select></label><label>\(t("Hypercare phase", "하이퍼케어 단계")) <select name=\"phase\" id=\"phase-filter\">"
        h += option("", t("all", "전체"), selected: query.phase == nil)
        for phase in overview.plan.phases { h += option(phase.id, phase.title.text(language), selected: query.phase == phase.id) }
        h += option("before", t("before go-live", "오픈 전"), selected: query.phase == "before")
        h += option("after", t("after the plan", "지원 기간 종료"), selected: query.phase == "after")
        h += option("none", t("not tracked", "기록 없음"), selected: query.phase == "none")
        h += "</select></label><button type=\"submit\">\(t("Filter", "적용"))</button></form>"
        h += "<table id=\"portfolio\"><thead><tr>"
        h += header(t("Workload", "워크로드"), .name, query) + header(t("Verdict", "판정"), .verdict, query) + header(t("Score", "점수"), .score, query, numeric: true)
        h += header(t("HIGH", "높음"), .high, query, numeric: true) + "<th class=\"num\">\(t("MEDIUM", "중간"))</th>"
        h += "<th class=\"num\">\(t("Expired waivers", "만료된 예외"))</th><th>\(t("Live probes", "라이브 점검"))</th>"
        h += header(t("Hypercare", "하이퍼케어"), .week, query) + "<th>\(t("Score trend", "점수 추이"))</th><th>\(t("Last assessed", "최근 평가"))</th></tr></thead><tbody>"
        for row in rows { h += render(row) }
        if rows.isEmpty {
            h += "<tr><td colspan=\"10\" class=\"muted\">\(t("No workload matches.", "조건에 맞는 워크로드가 없습니다."))</td></tr>"
        }
        h += "</tbody></table></section>"
        return h + PageFrame.foot
    }

    private func render(_ row: PortfolioOverview.Row) -> String {
        let latest = row.latest
        let verdict = latest?.verdict ?? "NONE"
        var h = "<tr class=\"workload\" data-verdict=\"\(e(verdict))\" data-phase=\"\(e(PortfolioOverview.phase(of: row)))\">"
        h += "<td><a href=\"\(e(PageFrame.workloadPath(row.workload)))?lang=\(language.rawValue)\">\(e(row.workload))</a></td>"
        h += "<td><span class=\"badge \(e(verdict)) verdict\">\(latest.map { e($0.verdict) } ?? t("not assessed", "미평가"))</span></td>"
        h += "<td class=\"num\">\(latest?.score.map { String(format: "%.1f", $0) } ?? "—")</td>"
        h += "<td class=\"num\">\(latest.map { "\($0.highRisks)" } ?? "—")</td><td class=\"num\">\(latest.map { "\($0.mediumRisks)" } ?? "—")</td>"
        h += "<td class=\"num\">\(latest.map { $0.expiredWaivers > 0 ? "<span class=\"bad\">\($0.expiredWaivers)</span>" : "0" } ?? "—")</td>"
        h += "<td>\(probes(latest))</td><td>\(hypercare(row))</td>"
        h += "<td>\(ScoreSparkline.svg(row.assessments.compactMap(\.score), label: t("score over \(row.assessments.count) assessments", "평가 \(row.assessments.count)회의 점수 추이")))</td>"
        h += "<td class=\"muted\">\(latest.map { e(UTCTimestamp.minutes($0.recordedAt)) + " · " + e($0.recordedBy) } ?? "—")</td></tr>"
        return h
    }

    private func probes(_ summary: AssessmentSummary?) -> String {
        guard let summary, let passed = summary.probesPassed, let failed = summary.probesFailed else { return "<span class=\"muted\">—</span>" }
        return failed > 0 ? "<span class=\"bad\">\(failed) \(t("failing", "실패"))</span> / \(passed + failed)" : "<span class=\"ok\">\(passed)/\(passed) \(t("up", "정상"))</span>"
    }

    private func hypercare(_ row: PortfolioOverview.Row) -> String {
        if let failure = row.hypercareError { return "<span class=\"bad\" title=\"\(e(failure))\">\(t("records unusable", "기록 오류"))</span>" }
        guard let s = row.hypercare else { return "<span class=\"muted\">\(t("not tracked", "기록 없음"))</span>" }
        let exit = s.exitReady ? "<span class=\"ok\">\(t("exit ready", "종료 가능"))</span>"
            : "<span class=\"bad\">\(s.blockers.count) \(t("blockers", "종료 차단"))</span>"
        return "\(t("week", "주차")) <span class=\"week\">\(s.week)</span> · \(e(s.phaseTitle.text(language))) · \(exit)"
    }

    private func countText(_ overview: PortfolioOverview, _ verdict: String) -> String {
        "\(overview.rows.filter { $0.latest?.verdict == verdict }.count) \(verdict)"
    }

    private func option(_ value: String, _ label: String, selected: Bool) -> String {
        "<option value=\"\(e(value))\"\(selected ? " selected" : "")>\(e(label))</option>"
    }

    /// A column header that sorts by `sort`, the other way round when it already does.
    private func header(_ label: String, _ sort: PortfolioQuery.Sort, _ query: PortfolioQuery, numeric: Bool = false) -> String {
        let descending = query.sort == sort ? !query.descending : false
        let arrow = query.sort == sort ? (query.descending ? " ▼" : " ▲") : ""
        return "<th\(numeric ? " class=\"num\"" : "")><a href=\"/?\(e(queryString(query, sort: sort, descending: descending)))\">\(label)\(arrow)</a></th>"
    }

    private func queryString(_ query: PortfolioQuery, sort: PortfolioQuery.Sort, descending: Bool) -> String {
        var parts = ["lang=\(language.rawValue)", "sort=\(sort.rawValue)", "order=\(descending ? "desc" : "asc")"]
        if let verdict = query.verdict { parts.append("verdict=\(PageFrame.queryValue(verdict))") }
        if let phase = query.phase { parts.append("phase=\(PageFrame.queryValue(phase))") }
        return parts.joined(separator: "&")
    }
}
