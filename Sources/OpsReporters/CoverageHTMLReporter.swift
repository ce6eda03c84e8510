import OpsAssessment
import OpsCore

/// The coverage matrix as a self-contained HTML page; its table is also a section of the assessment's HTML report.
public struct CoverageHTMLReporter: Reporter {
    public static let format = "html"
    public static let fileExtension = "html"
    public static let summary = "A self-contained page with the component × signal table."

    let language: Language
    var ko: Bool { language == .ko }

    public init(options: ReportOptions) { language = options.language }

    public func render(_ coverage: AlertCoverage) -> String {
        "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            + "<title>\(ko ? "경보 커버리지" : "Alert coverage")</title><style>\(HTMLReporter.style)</style></head><body><main><section><h2>"
            + (ko ? "경보 커버리지" : "Alert coverage") + "</h2>" + table(coverage) + "</section></main></body></html>\n"
    }

    /// The table and the uncounted alerts.
    func table(_ coverage: AlertCoverage) -> String {
        let e = Markup.escape
        let used = coverage.shownSignals
        guard !used.isEmpty else { return "<p class=\"muted\">\(ko ? "경보도, 경보가 필요한 구성요소도 없습니다." : "No alerts, and no component that needs one.")</p>" }
        var h = "<table><tr><th>\(ko ? "구성요소" : "Component")</th>" + used.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for row in coverage.shownRows {
            let cells = used.map { signal -> String in
                guard let cell = row.cells.first(where: { $0.signal == signal }) else { return "<td></td>" }
                if cell.alerts.isEmpty { return cell.required ? "<td class=\"missing\">✗ \(ko ? "없음" : "missing")</td>" : "<td></td>" }
                return "<td>" + cell.alerts.map { a in
                    "✓ <code>\(e(a.name))</code> \(e(CoveragePhrases.condition(a, ko)))<br><span class=\"muted\">→ \(e(CoveragePhrases.route(a, ko))) · \(e(CoveragePhrases.place(a.location)))</span>"
                }.joined(separator: "<br>") + "</td>"
            }
            h += "<tr><td>\(e(CoveragePhrases.title(row, ko)))</td>" + cells.joined() + "</tr>"
        }
        h += "</table>"
        if !coverage.uncounted.isEmpty {
            h += "<p class=\"muted\">\(ko ? "어떤 신호도 덮지 않는 경보(세지 않음)" : "Alerts that cover no signal (not counted)"): "
                + coverage.uncounted.map { "<code>\(e($0.name))</code> — \(e($0.reason ?? ""))" }.joined(separator: "; ") + "</p>"
        }
        return h
    }
}
