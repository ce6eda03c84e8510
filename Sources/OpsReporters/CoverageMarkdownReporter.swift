import OpsAssessment
import OpsCore

/// The coverage matrix as a Markdown table (component × signal), for a pull request or a wiki; also a section of the
/// assessment's Markdown report.
public struct CoverageMarkdownReporter: Reporter {
    public static let format = "markdown"
    public static let fileExtension = "md"
    public static let summary = "A table of component × signal with the covering alerts, for a pull request or wiki."

    let ko: Bool

    public init(options: ReportOptions) { ko = options.language == .ko }

    public func render(_ coverage: AlertCoverage) -> String {
        (["## " + (ko ? "경보 커버리지" : "Alert coverage"), ""] + section(coverage)).joined(separator: "\n") + "\n"
    }

    /// The table and the uncounted alerts, without a heading.
    func section(_ coverage: AlertCoverage) -> [String] {
        let used = coverage.shownSignals
        guard !used.isEmpty else { return [ko ? "경보도, 경보가 필요한 구성요소도 없습니다." : "No alerts, and no component that needs one."] }
        var out = ["| " + (ko ? "구성요소" : "Component") + " | " + used.map { MarkdownReporter.text($0) }.joined(separator: " | ") + " |",
                   "|" + String(repeating: "---|", count: used.count + 1)]
        for row in coverage.shownRows {
            let cells = used.map { signal -> String in
                guard let cell = row.cells.first(where: { $0.signal == signal }) else { return "" }
                if cell.alerts.isEmpty { return cell.required ? "❌ " + (ko ? "없음" : "missing") : "" }
                return cell.alerts.map { a in
                    "✅ **" + MarkdownReporter.text(a.name) + "** " + MarkdownReporter.text(CoveragePhrases.condition(a, ko))
                        + " → " + MarkdownReporter.text(CoveragePhrases.route(a, ko)) + " (" + MarkdownReporter.text(CoveragePhrases.place(a.location)) + ")"
                }.joined(separator: "<br>")
            }
            out.append("| " + MarkdownReporter.text(CoveragePhrases.title(row, ko)) + " | " + cells.joined(separator: " | ") + " |")
        }
        if !coverage.uncounted.isEmpty {
            out += ["", (ko ? "어떤 신호도 덮지 않는 경보(세지 않음): " : "Alerts that cover no signal (not counted): ")
                    + coverage.uncounted.map { "**" + MarkdownReporter.text($0.name) + "** — " + MarkdownReporter.text($0.reason ?? "") }.joined(separator: "; ")]
        }
        return out
    }
}
