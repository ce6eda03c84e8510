import OpsAssessment
import OpsCore

/// A pull-request comment: verdict (and how the change moves it), counts by severity, new findings first,
/// details folded; always under GitHub's 65,536-character comment limit.
public struct MarkdownReporter: Reporter {
    public static let format = "markdown"
    public static let fileExtension = "md"
    public static let summary = "Markdown for a pull-request comment or job summary."

    public let language: Language
    public static let limit = 65_000

    public init(options: ReportOptions) {
        self.init(language: options.language)
    }

    public init(language: Language) {
        self.language = language
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "🔴"
        case .high: return "🟠"
        case .medium: return "🟡"
        case .low: return "⚪"
        }
    }

    private var ko: Bool { language == .ko }

    func line(_ f: Finding) -> String {
        let place = f.location.map { "`\(Self.code($0.file)):\($0.line)`" } ?? ""
        let resource = f.resource.map { " `\(Self.code($0.id))`" } ?? ""
        let path = f.path.map { " `\(Self.code($0))`" } ?? ""
        let state = f.baselineState == .worsened ? (ko ? " **악화**" : " **worse**") : ""
        let note = f.baselineNote.map { " — _\(Self.text($0))_" } ?? ""
        return "- \(Self.icon(f.severity)) **\(f.check)**\(state) \(f.severity.rawValue) — \(place)\(resource)\(path): \(Self.text(f.message.text(language)))\(note)"
    }

    /// Text that goes inside inline code: no backtick can close it and no line break can end the paragraph
    /// (control characters are shown as `\u{D}`, as in the text report).
    static func code(_ s: String) -> String {
        String(s.replacingOccurrences(of: "`", with: "'").terminalSafe.drop { $0 == " " })
    }

    /// Text from inputs as inline Markdown that stays text: no HTML, no link, image, emphasis, code span,
    /// strikethrough or heading, no mention, no table cell break and no line break (CR and LF included). CommonMark
    /// punctuation is backslash-escaped, and GitHub's bare-URL autolinks are broken with a zero-width space.
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "!", "|", "~", "#": out += "\\" + String(scalar)
            case "@": out += "@\u{200B}"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.replacingOccurrences(of: "://", with: ":\u{200B}//").replacingOccurrences(of: "www.", with: "www\u{200B}.")
    }

    public func render(_ a: Assessment) -> String {
        var out: [String] = []
        let verdictBefore = a.context.before.map { " (\(ko ? "이전" : "was") \($0.verdict.rawValue))" } ?? ""
        out.append("## opsready: **\(a.verdict.rawValue)**\(verdictBefore)")
        let gated = a.gatedFailures
        var counts = Severity.allCases.reversed().compactMap { s -> String? in
            let n = gated.filter { $0.severity == s }.count
            return n > 0 ? "\(Self.icon(s)) \(n) \(s.rawValue)" : nil
        }
        if counts.isEmpty { counts = [ko ? "실패 없음" : "no failing findings"] }
        func format(_ score: Double?) -> String { score.map { String(format: "%.1f", $0) } ?? "—" }
        let scoreBefore = a.context.before.map { " (\(ko ? "이전" : "was") \(format($0.score)))" } ?? ""
        var summary = "**\(ko ? "점수" : "Score")** \(format(a.score))/100\(scoreBefore) · " + counts.joined(separator: " · ")
        let waived = a.count(.waived), fixed = a.fixed.count
        if waived > 0 { summary += " · \(waived) waived" }
        if a.context.baseline != nil { summary += " · \(fixed) \(ko ? "해결됨" : "fixed")" }
        out.append(summary)
        out.append("")
        let reasons = GateReasons.list(a, language)
        out.append(reasons.isEmpty ? "✅ " + (ko ? "게이트 통과" : "Gate passed") : "❌ " + (ko ? "게이트 실패 — " : "Gate failed — ") + reasons.joined(separator: "; "))
        out.append("")

        if let before = a.context.before {
            let changes = AssessmentDiff.riskChanges(from: before.risks, to: a.questions.map { ($0.question.id, $0.risk) })
            let titles = Dictionary(a.questions.map { ($0.question.id, $0.question.title.text(language)) }, uniquingKeysWith: { x, _ in x })
            if !changes.isEmpty {
                out.append("| \(ko ? "질문" : "Question") | \(ko ? "위험" : "Risk") |")
                out.append("| --- | --- |")
                for c in changes {
                    let mark = c.worsened ? " ⬆️" : " ⬇️"
                    out.append("| \(c.question) \(Self.text(titles[c.question] ?? "")) | \(c.before.rawValue) → **\(c.after.rawValue)**\(mark) |")
                }
                out.append("")
            }
        }

        // New findings first; then the rest, folded. When everything does not fit, the small lists are shown whole and
        // the long ones share what is left, each cut with a pointer to the full reports.
        let new = gated.sorted { ($1.severity, $0.check) < ($0.severity, $1.check) }
        let newTitle = a.context.baseline == nil ? (ko ? "실패한 검사" : "Failing findings") : (ko ? "새로 생기거나 나빠진 실패" : "New or worse findings")
        let baselined = a.findings.filter { $0.status == .fail && !$0.untouched && !a.isNew($0) }
        let exempt = a.findings.filter { ($0.status == .waived || $0.status == .suppressed) && !$0.untouched }
        let risky = a.questions.filter { $0.risk == .high || $0.risk == .medium }
        let room = Self.limit - 2_000 - out.joined(separator: "\n").count
        // Lines are formatted only while they could fit: a result of 100,000 findings costs what the comment shows.
        func lines<T>(_ items: [T], _ format: (T) -> String) -> (lines: [String], size: Int, total: Int) {
            var lines: [String] = []
            var size = 0
            for item in items where size <= room {
                let l = format(item)
                lines.append(l)
                size += l.count + 1
            }
            return (lines, size, items.count)
        }
        // How to fix, once per check that fails in the change.
        var seen = Set<String>()
        let fixes = new.compactMap { f -> (String, String)? in
            guard seen.insert(f.check).inserted, let check = a.check(f.check), let fix = check.remediation else { return nil }
            return (f.check, fix.text(language) + " (" + a.context.seeds.describe(check.seed, language: language) + ")")
        }
        let sections: [(title: String, body: (lines: [String], size: Int, total: Int), folded: Bool)] = [
            ("\(newTitle) (\(new.count))", lines(new, line), false),
            ((ko ? "고치는 법" : "How to fix") + " (\(fixes.count))", lines(fixes) { "- **\($0.0)**: \(Self.text($0.1))" }, true),
            ((ko ? "기준선에 있는 실패" : "Baselined findings") + " (\(baselined.count))", lines(baselined, line), true),
            ((ko ? "해결됨" : "Fixed") + " (\(a.fixed.count))",
             lines(a.fixed) { "- ✅ **\($0.check)** `\(Self.code($0.file))` `\(Self.code($0.resource))` `\(Self.code($0.path))`" }, true),
            ((ko ? "예외 처리됨" : "Waived and suppressed") + " (\(exempt.count))", lines(exempt) { line($0) + " — _\(Self.text($0.note ?? ""))_" }, true),
            (SeedChoicePhrases.heading(language) + " (\(a.context.seedChoices.count))",
             lines(a.context.seedChoices) { "- " + Self.text(SeedChoicePhrases.chosen($0, seeds: a.context.seeds, language)) }, true),
            ((ko ? "평가하지 못한 검사 (대상 리소스 없음)" : "Not evaluated (nothing of their types in the inputs)") + " (\(a.context.notEvaluated.count))",
             lines(a.context.notEvaluated) { "- **\($0.check)** \($0.resourceTypes.map { "`\(Self.code($0))`" }.joined(separator: ", "))" }, true),
            ((ko ? "경보 커버리지" : "Alert coverage") + coverageCount(a.context.alertCoverage),
             lines(a.context.alertCoverage.map { CoverageMarkdownReporter(options: ReportOptions(language: language)).section($0) } ?? []) { $0 }, true),
            ((ko ? "위험한 질문" : "Questions at risk") + " (\(risky.count))",
             lines(risky) { "- **\($0.question.id)** \($0.risk.rawValue): \(Self.text($0.question.title.text(language)))" }, true),
        ]
        let budgets = Self.share(room, among: sections.map(\.body.size))
        for (section, budget) in zip(sections, budgets) where section.body.total > 0 {
            var body: [String] = []
            var left = budget
            for (i, l) in section.body.lines.enumerated() {
                if left - l.count - 1 < 0 {
                    body.append(ko ? "- … 외 \(section.body.total - i)건 (전체는 JSON/SARIF 보고서에)" : "- … and \(section.body.total - i) more (see the JSON or SARIF report)")
                    break
                }
                left -= l.count + 1
                body.append(l)
            }
            if section.folded {
                out.append("<details><summary>\(section.title)</summary>\n")
                out.append(contentsOf: body)
                out.append("\n</details>\n")
            } else {
                out.append("### \(section.title)")
                out.append(contentsOf: body)
                out.append("")
            }
        }
        out.append("<sub>opsready \(OpsReady.version) · \(a.resourceCount) resources · \(a.checks.count) checks</sub>")
        var text = out.joined(separator: "\n") + "\n"
        if text.count > Self.limit { text = String(text.prefix(Self.limit - 40)) + "\n\n… (truncated)\n" }
        return text
    }

    /// "(11 of 12 required cells covered)".
    func coverageCount(_ coverage: AlertCoverage?) -> String {
        guard let coverage else { return "" }
        let (required, missing) = (coverage.requiredCells, coverage.missingCells)
        return ko ? " (필요한 칸 \(required)개 중 \(required - missing)개 덮임)" : " (\(required - missing) of \(required) required cells covered)"
    }

    /// A code fence longer than any run of backticks in `text`, so the text cannot close the block early.
    static func fence(for text: String) -> String {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Splits `total` characters among lists of the given sizes: a list that fits in an equal share of what is left
    /// gets all it needs, the rest share the remainder equally (water-filling), so short lists are never cut for long ones.
    static func share(_ total: Int, among sizes: [Int]) -> [Int] {
        var budgets = Array(repeating: 0, count: sizes.count)
        var left = max(0, total)
        var open = sizes.indices.sorted { sizes[$0] < sizes[$1] }
        while let smallest = open.first {
            let fair = left / open.count
            if sizes[smallest] <= fair {
                budgets[smallest] = sizes[smallest]
                left -= sizes[smallest]
                open.removeFirst()
            } else {
                for index in open { budgets[index] = fair }
                break
            }
        }
        return budgets
    }
}
