import Foundation
import OpsCore
import OpsHypercare
import OpsPortfolio

/// `opsready serve`'s page of one workload: the latest assessment (question risks, findings by question with their
/// file:line and source lines, the improvement plan, waivers), the score over every stored assessment with a
/// comparison of any two, and the hypercare status with its KPI charts.
public struct WorkloadPage {
    public let language: Language

    public init(language: Language) { self.language = language }

    private var ko: Bool { language == .ko }
    private func t(_ en: String, _ koText: String) -> String { ko ? koText : en }
    private func e(_ s: String) -> String { Markup.escape(s) }

    /// `record` is the latest assessment's (nil when the workload was never assessed); `diff` the comparison asked for.
    public func render(_ row: PortfolioOverview.Row, record: AssessmentRecord?, diff: AssessmentRecordDiff?, plan: HypercarePlan) -> String {
        var h = PageFrame.head(title: row.workload, language: language)
        h += "<nav><a href=\"/?lang=\(language.rawValue)\">← \(t("Portfolio", "포트폴리오"))</a></nav>"
        let verdict = record?.verdict ?? "NONE"
        h += "<header><div><span class=\"badge big \(e(verdict))\" id=\"verdict\">\(record.map { e($0.verdict) } ?? t("not assessed", "미평가"))</span></div>"
        h += "<div><h1 id=\"workload\">\(e(row.workload))</h1><div class=\"muted\">"
        if let record, let latest = row.latest {
            h += e(record.rubric.text(language)) + (record.asOf.map { " · " + e(t("as of ", "기준일 ") + $0) } ?? "")
            h += " · \(t("recorded", "기록")) \(e(UTCTimestamp.minutes(latest.recordedAt))) · \(e(latest.recordedBy))"
        }
        h += "</div></div><div class=\"right\"><div class=\"score\">\(record?.score.map { String(format: "%.1f", $0) } ?? "—")</div>"
        h += "<div class=\"muted\">\(PageFrame.languageLinks(path: PageFrame.workloadPath(row.workload), query: "", current: language))</div></div></header>"
        h += history(row)
        if let diff { h += comparison(diff) }
        h += hypercare(row, plan: plan)
        if let record {
            h += questions(record)
            h += findings(record)
            h += improvementPlan(record)
            h += waivers(record)
        }
        return h + PageFrame.foot
    }

    private func history(_ row: PortfolioOverview.Row) -> String {
        guard !row.assessments.isEmpty else { return "" }
        var h = "<section id=\"history\"><h2>\(t("Score history", "점수 이력"))</h2>"
        h += ScoreSparkline.svg(row.assessments.compactMap(\.score), width: 480, height: 80, label: t("readiness score per assessment", "평가별 준비도 점수"))
        h += "<table><thead><tr><th>#</th><th>\(t("Recorded", "기록 시각"))</th><th>\(t("As of", "기준일"))</th><th>\(t("By", "실행자"))</th>"
        h += "<th>\(t("Verdict", "판정"))</th><th class=\"num\">\(t("Score", "점수"))</th><th class=\"num\">HIGH</th><th>\(t("Milestone", "마일스톤"))</th></tr></thead><tbody>"
        for a in row.assessments.reversed() {
            h += "<tr><td>\(a.id)</td><td>\(e(UTCTimestamp.minutes(a.recordedAt)))</td><td>\(e(a.asOf))</td><td>\(e(a.recordedBy))</td>"
            h += "<td><span class=\"badge \(e(a.verdict))\">\(e(a.verdict))</span></td><td class=\"num\">\(a.score.map { String(format: "%.1f", $0) } ?? "—")</td>"
            h += "<td class=\"num\">\(a.highRisks)</td><td>\(a.milestone.map(e) ?? "")</td></tr>"
        }
        h += "</tbody></table>"
        if row.assessments.count > 1 {
            let ids = row.assessments.map(\.id)
            h += "<form class=\"filters\" method=\"get\" action=\"\(e(PageFrame.workloadPath(row.workload)))\"><input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
            h += "<label>\(t("Compare", "비교")) <select name=\"from\">" + ids.map { "<option value=\"\($0)\"\($0 == ids[ids.count - 2] ? " selected" : "")>#\($0)</option>" }.joined()
            h += "</select></label><label>\(t("with", "대상")) <select name=\"to\">" + ids.map { "<option value=\"\($0)\"\($0 == ids.last ? " selected" : "")>#\($0)</option>" }.joined()
            h += "</select></label><button type=\"submit\">\(t("Show changes", "변경 보기"))</button></form>"
        }
        return h + "</section>"
    }

    private func comparison(_ diff: AssessmentRecordDiff) -> String {
        func score(_ r: AssessmentRecord) -> String { r.score.map { String(format: "%.1f", $0) } ?? "—" }
        var h = "<section id=\"diff\"><h2>\(t("Changes", "변경 사항"))</h2>"
        h += "<p>\(e(diff.before.verdict)) → <strong>\(e(diff.after.verdict))</strong> · \(t("score", "점수")) \(score(diff.before)) → <strong>\(score(diff.after))</strong></p>"
        if !diff.riskChanges.isEmpty {
            h += "<h3>\(t("Question risks", "질문 위험"))</h3><ul>" + diff.riskChanges.map { c in
                "<li>\(e(c.question)): <span class=\"risk r-\(e(c.before))\">\(e(c.before))</span> → <span class=\"risk r-\(e(c.after))\">\(e(c.after))</span></li>"
            }.joined() + "</ul>"
        }
        h += "<h3>\(t("New failing findings", "새로 실패한 항목")) (\(diff.appeared.count))</h3>" + list(diff.appeared)
        h += "<h3>\(t("Resolved", "해결된 항목")) (\(diff.resolved.count))</h3>" + list(diff.resolved)
        return h + "</section>"
    }

    private func list(_ findings: [AssessmentRecord.Finding]) -> String {
        guard !findings.isEmpty else { return "<p class=\"muted\">—</p>" }
        return "<ul>" + findings.map { f in "<li><code>\(e(f.check))</code> \(e(f.resourceId ?? "")) — \(e(f.title.text(language)))</li>" }.joined() + "</ul>"
    }

    private func hypercare(_ row: PortfolioOverview.Row, plan: HypercarePlan) -> String {
        if let failure = row.hypercareError { return "<section id=\"hypercare\"><h2>\(t("Hypercare", "하이퍼케어"))</h2><p class=\"bad\">\(e(failure))</p></section>" }
        guard let s = row.hypercare else { return "" }
        var h = "<section id=\"hypercare\"><h2>\(t("Hypercare", "하이퍼케어"))</h2>"
        h += "<p>\(t("Week", "주차")) <strong id=\"hypercare-week\">\(s.week)</strong>/\(plan.weeks) · \(e(s.phaseTitle.text(language))) · "
        h += "<span class=\"\(s.exitReady ? "ok" : "bad")\">\(e(HypercarePhrases.exitLine(s, language)))</span></p>"
        if !s.blockers.isEmpty {
            h += "<details id=\"blockers\"><summary>\(s.blockers.count) \(t("blocking the hand-over", "인계 차단 요인"))</summary><ul>"
            h += s.blockers.map { "<li>\(e($0.text(language)))</li>" }.joined() + "</ul></details>"
        }
        h += "<div class=\"charts\">"
        for k in s.kpis {
            h += "<figure class=\"kpi \(k.state.rawValue)\"><figcaption>\(e(k.kpi.title.text(language))) · \(e(HypercarePhrases.judgedText(k, language)))</figcaption>"
            h += HypercareChart.svg(k, weeks: plan.weeks, finished: s.judgedWeek, language: language) + "</figure>"
        }
        return h + "</div><p class=\"muted\">\(e(HypercareChart.legend(language)))</p></section>"
    }

    private func questions(_ record: AssessmentRecord) -> String {
        var h = "<section id=\"questions\"><h2>\(t("Question risks", "질문별 위험"))</h2><table><thead><tr><th>ID</th><th>\(t("Question", "질문"))</th>"
        h += "<th>\(t("Risk", "위험"))</th><th>\(t("Evidenced practices", "근거 있는 모범 사례"))</th></tr></thead><tbody>"
        for q in record.questions {
            let evidenced = q.practices.filter { $0.status != "unanswered" }.count
            h += "<tr><td>\(e(q.id))</td><td>\(e(q.title.text(language)))</td><td><span class=\"risk r-\(e(q.risk))\">\(e(q.risk))</span></td>"
            h += "<td>\(evidenced)/\(q.practices.count)</td></tr>"
        }
        return h + "</tbody></table></section>"
    }

    private func findings(_ record: AssessmentRecord) -> String {
        let counts = record.findingCounts
        var h = "<section id=\"findings\"><h2>\(t("Findings", "발견 사항"))</h2><p class=\"muted\">"
        h += ["fail", "error", "waived", "suppressed", "skipped", "pass"].compactMap { status in counts[status].map { "\($0) \(status)" } }.joined(separator: " · ") + "</p>"
        var byQuestion: [String: [AssessmentRecord.Finding]] = [:]
        for f in record.findings { byQuestion[f.questions.first ?? "—", default: []].append(f) }
        let order = record.questions.map(\.id) + ["—"]
        for id in order {
            guard let group = byQuestion[id] else { continue }
            let title = record.questions.first { $0.id == id }?.title.text(language) ?? t("Not mapped to a question", "질문 미지정")
            h += "<h3>\(e(id)) · \(e(title))</h3>"
            for f in group {
                h += "<div class=\"finding sev-\(e(f.severity)) \(e(f.status))\"><div><strong>\(e(f.status.uppercased()))</strong> <code>\(e(f.check))</code> "
                h += "\(e(f.title.text(language)))</div><div>\(e(f.message.text(language)))</div>"
                if let file = f.file {
                    h += "<div class=\"muted\">\(e(file))\(f.line.map { ":\($0)" } ?? "")\(f.column.map { ":\($0)" } ?? "")"
                    h += (f.resourceId.map { " · " + e($0) } ?? "") + "</div>"
                }
                if !f.snippet.isEmpty {
                    h += "<pre>" + f.snippet.map { line in
                        let text = e(String(format: "%5d  ", line.line) + line.text)
                        return line.marked ? "<span class=\"hit\">\(text)</span>" : text
                    }.joined(separator: "\n") + "</pre>"
                }
                h += "</div>"
            }
        }
        return h + "</section>"
    }

    private func improvementPlan(_ record: AssessmentRecord) -> String {
        guard !record.plan.isEmpty else { return "" }
        var h = "<section id=\"plan\"><h2>\(t("Improvement plan", "개선 계획"))</h2><table><thead><tr><th>\(t("Practice", "모범 사례"))</th>"
        h += "<th>\(t("Risk", "위험"))</th><th>\(t("Effort", "노력"))</th><th>\(t("Action", "조치"))</th><th>\(t("Blocked by", "차단 항목"))</th></tr></thead><tbody>"
        for item in record.plan {
            h += "<tr><td>\(e(item.practice)) · \(e(item.title.text(language)))</td><td>\(e(item.risk))</td><td>\(e(item.effort))</td>"
            h += "<td>\(e(item.action.text(language)))</td><td>\(item.blockedBy.map { "<code>\(e($0))</code>" }.joined(separator: "<br>"))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }

    private func waivers(_ record: AssessmentRecord) -> String {
        guard !record.waivers.isEmpty else { return "" }
        var h = "<section id=\"waivers\"><h2>\(t("Waivers", "예외"))</h2><table><thead><tr><th>\(t("Check", "검사"))</th><th>\(t("Resource", "리소스"))</th>"
        h += "<th>\(t("Owner", "담당"))</th><th>\(t("Expires", "만료"))</th><th>\(t("State", "상태"))</th><th>\(t("Reason", "사유"))</th></tr></thead><tbody>"
        for w in record.waivers {
            h += "<tr><td><code>\(e(w.check))</code></td><td>\(e(w.resource ?? "*"))</td><td>\(e(w.owner))</td><td>\(e(w.expires))</td>"
            h += "<td class=\"\(w.state == "expired" ? "bad" : "")\">\(e(w.state))</td><td>\(e(w.reason))</td></tr>"
        }
        return h + "</tbody></table></section>"
    }
}
