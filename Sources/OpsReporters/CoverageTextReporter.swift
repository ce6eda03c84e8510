import OpsAssessment
import OpsCore

/// The coverage matrix for people: per component, each signal it needs with the alerts that cover it, or MISSING.
public struct CoverageTextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "Per component, each signal it needs with the alerts covering it, or MISSING."

    let ko: Bool

    public init(options: ReportOptions) { ko = options.language == .ko }

    public func render(_ coverage: AlertCoverage) -> String {
        var lines: [String] = []
        for row in coverage.shownRows {
            let cells = row.cells.filter { $0.required || !$0.alerts.isEmpty }
            lines.append(CoveragePhrases.title(row, ko) + (row.location.map { "  " + CoveragePhrases.place($0) } ?? ""))
            for cell in cells {
                if cell.alerts.isEmpty {
                    lines.append("  \(cell.signal.padding(toLength: 19, withPad: " ", startingAt: 0)) \(ko ? "없음" : "MISSING")")
                }
                for a in cell.alerts {
                    lines.append("  \(cell.signal.padding(toLength: 19, withPad: " ", startingAt: 0)) ✓ \(a.name)  \(CoveragePhrases.place(a.location))  "
                                 + "\(CoveragePhrases.condition(a, ko))  → \(CoveragePhrases.route(a, ko))")
                }
            }
        }
        if !coverage.uncounted.isEmpty {
            lines.append(ko ? "어떤 신호도 덮지 않는 경보 (세지 않음)" : "Alerts that cover no signal (not counted)")
            for a in coverage.uncounted {
                lines.append("  \(a.name)  \(CoveragePhrases.place(a.location))  \(a.reason ?? "")")
            }
        }
        let (missing, cells) = (coverage.missingCells, coverage.requiredCells)
        lines.append(ko ? "커버리지: 필요한 칸 \(cells)개 중 \(cells - missing)개 덮임, \(missing)개 없음"
                        : "coverage: \(cells - missing) of \(cells) required cells covered, \(missing) missing")
        return lines.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }
}
