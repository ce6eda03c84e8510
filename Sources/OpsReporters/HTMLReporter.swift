import Foundation
import OpsAssessment
import OpsCore

/// One self-contained HTML page for a readiness-review meeting: verdict, per-area score chart, the risk of each
/// question, findings by area → question → practice with the offending lines, contradictions, waivers and the
/// improvement plan. No scripts, fonts or network; every user-derived string is escaped.
public struct HTMLReporter: Reporter {
    public static let format = "html"
    public static let fileExtension = "html"
    public static let summary = "One self-contained HTML page with the source lines of each finding."
    public static let showsSourceLines = true

    public let language: Language

    public init(options: ReportOptions) {
        self.init(language: options.language)
    }

    public init(language: Language) {
        self.language = language
    }

    private var ko: Bool { language == .ko }
    private func t(_ en: String, _ koText: String) -> String { ko ? koText : en }
    private func e(_ s: String) -> String { Markup.escape(s) }

    static let style = """
    body{font-family:-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
    main{max-width:1100px;margin:0 auto;padding:24px}
    header{display:flex;gap:24px;align-items:center;background:#fff;border-radius:10px;padding:20px 24px;box-shadow:0 1px 3px #0002}
    h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 10px} h3{font-size:15px;margin:16px 0 6px}
    .muted{color:#667085;font-size:13px}
    .badge{display:inline-block;padding:6px 14px;border-radius:999px;font-weight:700;color:#fff;font-size:18px}
    .READY{background:#12803c}.CONDITIONAL{background:#b7791f}.NOT_READY{background:#c53030}
    .risk{display:inline-block;padding:2px 8px;border-radius:6px;font-size:12px;font-weight:700}
    .r-HIGH{background:#fde2e1;color:#a61b1b}.r-MEDIUM{background:#fff1d6;color:#8a5a00}.r-NONE{background:#dcf5e4;color:#12622f}
    .r-UNANSWERED,.r-NOT_APPLICABLE{background:#eceff3;color:#4a5565}
    .score{font-size:40px;font-weight:800} section{background:#fff;border-radius:10px;padding:16px 24px;margin-top:16px;box-shadow:0 1px 3px #0002}
    table{border-collapse:collapse;width:100%;font-size:14px} th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
    .finding{border-left:4px solid #c53030;padding:6px 12px;margin:8px 0;background:#fcfcfd}
    .sev-critical{border-color:#7a0b0b}.sev-high{border-color:#c53030}.sev-medium{border-color:#d69e2e}.sev-low{border-color:#a0aec0}
    .waived,.suppressed{border-color:#718096;opacity:.85}
    pre{background:#0f172a;color:#e2e8f0;padding:8px 10px;border-radius:6px;overflow-x:auto;font-size:12px;margin:6px 0}
    pre .hit{background:#7f1d1d;display:inline-block;width:100%} code{font-size:12px} td.missing{color:#c53030;font-weight:600}
    """

    public func render(_ a: Assessment) -> String {
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        // No script, no load from anywhere: the page is its own markup and one style sheet.
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">")
        h.append("<title>\(e("opsready · " + (a.context.workload ?? a.rubric.id) + " · " + a.verdict.rawValue))</title>")
        h.append("<style>\(Self.style)</style></head><body><main>")
        let score = a.score.map { String(format: "%.1f", $0) } ?? "—"
        h.append("<header><div><span class=\"badge \(a.verdict.rawValue)\" id=\"verdict\">\(a.verdict.rawValue)</span></div>")
        h.append("<div><h1>\(e(a.context.workload ?? a.rubric.id))</h1><div class=\"muted\">\(e(a.rubric.title.text(language)))"
                 + (a.context.asOf.map { " · " + e(t("as of ", "기준일 ") + $0.description) } ?? "") + "</div>")
        h.append("<div class=\"muted\">\(a.resourceCount) \(t("resources", "리소스")) · \(a.checks.count) \(t("checks", "검사")) · "
                 + "\(a.count(.fail)) \(t("failed", "실패")) · \(a.count(.pass)) \(t("passed", "통과")) · \(a.count(.waived)) \(t("waived", "예외"))</div></div>")
        h.append("<div style=\"margin-left:auto;text-align:right\"><div class=\"score\">\(score)</div><div class=\"muted\">\(t("readiness score / 100", "준비도 점수 / 100"))</div></div></header>")

        h.append("<section><h2>\(t("Score by area", "영역별 점수"))</h2>\(chart(a))</section>")

        h.append("<section><h2>\(t("Questions", "질문별 위험"))</h2><table><tr><th>ID</th><th>\(t("Question", "질문"))</th><th>\(t("Risk", "위험"))</th><th>\(t("Evidenced", "근거"))</th><th>\(t("Machine-evidenced", "자동 근거"))</th></tr>")
        for q in a.questions {
            let evidenced = q.practices.filter { $0.status != .unanswered }.count
            let automated = q.practices.filter { $0.automated != nil }.map(\.practice.id)
            h.append("<tr><td>\(e(q.question.id))</td><td>\(e(q.question.title.text(language)))</td><td><span class=\"risk r-\(q.risk.rawValue)\">\(q.risk.rawValue)</span></td><td>\(evidenced) / \(q.practices.count)</td>"
                     + "<td class=\"automated\">\(automated.count) / \(q.practices.count)\(automated.isEmpty ? "" : " <span class=\"muted\">" + e(automated.joined(separator: ", ")) + "</span>")</td></tr>")
        }
        h.append("</table></section>")

        if let coverage = a.context.alertCoverage {
            h.append("<section><h2>\(t("Alert coverage", "경보 커버리지"))</h2>\(CoverageHTMLReporter(options: ReportOptions(language: language)).table(coverage))</section>")
        }
        h.append("<section><h2>\(t("Findings", "검사 결과"))</h2>")
        var any = false
        var byPractice: [String: [Finding]] = [:]
        for f in a.findings where f.status != .pass { for p in f.practices { byPractice[p, default: []].append(f) } }
        for area in a.areas {
            var areaHTML: [String] = []
            for q in a.questions where q.area == area.area.id {
                var qHTML: [String] = []
                for p in q.practices {
                    guard let findings = byPractice[p.practice.id], !findings.isEmpty else { continue }
                    qHTML.append("<p><b>\(e(p.practice.id))</b> \(e(p.practice.title.text(language))) — \(e(p.status.rawValue))</p>")
                    for f in findings { qHTML.append(finding(f, a)) }
                }
                if !qHTML.isEmpty { areaHTML.append("<h3>\(e(q.question.id)) \(e(q.question.title.text(language)))</h3>" + qHTML.joined()) }
            }
            if !areaHTML.isEmpty {
                any = true
                h.append("<h3>\(e(area.area.title.text(language)))</h3>" + areaHTML.joined())
            }
        }
        if !any { h.append("<p>\(t("No failing findings.", "실패한 검사가 없습니다."))</p>") }
        h.append("</section>")

        if !a.context.seedChoices.isEmpty {
            h.append("<section><h2>\(e(SeedChoicePhrases.heading(language)))</h2><table><thead><tr><th>\(t("Choice", "선택"))</th><th>\(t("Value", "값"))</th>"
                     + "<th>\(t("Source", "출처"))</th><th>\(t("Other values", "다른 값"))</th></tr></thead><tbody>")
            for c in a.context.seedChoices {
                h.append("<tr><td>\(e(c.choice.title.text(language)))</td><td><b>\(e(c.option.value))</b> <span class=\"muted\">\(e(c.option.id)), "
                         + "\(e(SeedChoicePhrases.reason(c.reason, language)))</span></td><td>\(e(a.context.seeds.describe(c.option.seed, language: language)))</td>"
                         + "<td>\(e(SeedChoicePhrases.others(c)))</td></tr>")
            }
            h.append("</tbody></table></section>")
        }
        if !a.context.notEvaluated.isEmpty {
            h.append("<section><h2>\(t("Not evaluated", "평가하지 못한 검사")) (\(a.context.notEvaluated.count))</h2><p class=\"muted\">"
                     + t("Nothing of these checks' resource types is in the inputs: their silence is not a pass.", "입력에 이 검사들이 보는 리소스 유형이 없습니다. 결과가 없다고 통과한 것이 아닙니다.")
                     + "</p><ul>")
            for n in a.context.notEvaluated { h.append("<li><b>\(e(n.check))</b> \(e(n.resourceTypes.joined(separator: ", ")))</li>") }
            h.append("</ul></section>")
        }
        if !a.contradictions.isEmpty {
            h.append("<section><h2>\(t("Contradictions", "모순"))</h2><ul>")
            for p in a.contradictions { h.append("<li><b>\(e(p.practice.id))</b>: \(e(p.contradiction ?? ""))</li>") }
            h.append("</ul></section>")
        }
        if !a.waivers.entries.isEmpty {
            h.append("<section><h2>\(t("Waivers", "예외 승인"))</h2><table><tr><th>\(t("Check", "검사"))</th><th>\(t("Scope", "범위"))</th><th>\(t("State", "상태"))</th><th>\(t("Expires", "만료"))</th><th>\(t("Reason", "사유"))</th></tr>")
            for w in a.waivers.entries {
                let scope = [w.waiver.file, w.waiver.resource].compactMap { $0 }.joined(separator: " ")
                h.append("<tr><td>\(e(w.waiver.check))</td><td>\(e(scope))</td><td>\(e(w.state.rawValue))</td><td>\(e(w.waiver.expires.description))</td><td>\(e(w.waiver.reason)) (\(e(w.waiver.owner)))</td></tr>")
            }
            h.append("</table></section>")
        }
        if !a.plan.items.isEmpty {
            h.append("<section><h2>\(t("Improvement plan", "개선 계획"))</h2><table><tr><th>#</th><th>\(t("Practice", "실천 항목"))</th><th>\(t("Risk", "위험"))</th><th>\(t("Effort", "노력"))</th><th>\(t("What to do", "할 일"))</th></tr>")
            for (i, item) in a.plan.items.enumerated() {
                let blockers = item.blockers.isEmpty ? "" : "<br><span class=\"muted\">\(t("blocked by", "차단")): " + e(item.blockers.map { "\($0.check) \($0.resource?.id ?? "")" }.joined(separator: ", ")) + "</span>"
                h.append("<tr><td>\(i + 1)</td><td><b>\(e(item.practice.id))</b> \(e(item.practice.title.text(language)))</td><td>\(item.practice.risk.rawValue)</td><td>\(item.effort.rawValue)</td><td>\(e(item.practice.description?.text(language) ?? ""))\(blockers)</td></tr>")
            }
            h.append("</table></section>")
        }
        h.append("<p class=\"muted\">opsready \(OpsReady.version)</p></main></body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    private func finding(_ f: Finding, _ a: Assessment) -> String {
        let title = a.check(f.check)?.title.text(language) ?? f.check
        let place = [f.location?.description, f.path].compactMap { $0 }.joined(separator: " ")
        var html = "<div class=\"finding sev-\(f.severity.rawValue) \(f.status.rawValue)\"><b>\(e(f.check))</b> <span class=\"muted\">\(f.status.rawValue) · \(f.severity.rawValue)</span> — \(e(title))"
        html += "<br><code>\(e(f.resource.map { "\($0.id) (\($0.type))" } ?? t("workload", "워크로드 전체")))</code> <code>\(e(place))</code>"
        html += "<br>\(e(f.message.text(language)))"
        if let note = f.note { html += "<br><span class=\"muted\">\(e(note))</span>" }
        if let note = f.baselineNote { html += "<br><span class=\"muted\">\(e(note))</span>" }
        let lines = a.snippet(for: f)
        if !lines.isEmpty {
            html += "<pre>" + lines.map { l in
                let text = String(format: "%4d  ", l.line) + e(l.text)
                return l.marked ? "<span class=\"hit\">\(text)</span>" : text
            }.joined(separator: "\n") + "</pre>"
        }
        if f.status == .fail, let check = a.check(f.check), let fix = check.remediation {
            html += "<br><b>\(t("How to fix", "고치는 법")):</b> \(e(fix.text(language)))"
            html += "<br><span class=\"muted\">\(t("Requirement", "요구사항")): \(e(a.context.seeds.describe(check.seed, language: language)))</span>"
            if let example = check.fixedExample {
                html += "<details><summary>\(t("A passing configuration", "통과하는 설정 예"))</summary><pre>\(e(example))</pre></details>"
            }
        }
        return html + "</div>"
    }

    /// Horizontal bars, one per area, drawn in inline SVG.
    private func chart(_ a: Assessment) -> String {
        let rowHeight = 34, width = 720, labelWidth = 180
        var svg = "<svg width=\"\(width)\" height=\(rowHeight * a.areas.count + 10) role=\"img\" aria-label=\"\(e(t("Score by area", "영역별 점수")))\">"
        for (i, area) in a.areas.enumerated() {
            let y = i * rowHeight + 5
            let value = area.score ?? 0
            let barWidth = Int(Double(width - labelWidth - 60) * value / 100)
            let color = value >= 80 ? "#12803c" : (value >= 50 ? "#d69e2e" : "#c53030")
            svg += "<text x=\"0\" y=\"\(y + 20)\" font-size=\"14\" fill=\"#1d2430\">\(e(area.area.title.text(language)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width - labelWidth - 60)\" height=\"20\" rx=\"4\" fill=\"#eceff3\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"20\" rx=\"4\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(width - 50)\" y=\"\(y + 20)\" font-size=\"14\" font-weight=\"700\" fill=\"#1d2430\">\(area.score.map { String(format: "%.0f", $0) } ?? "—")</text>"
        }
        return svg + "</svg>"
    }
}
