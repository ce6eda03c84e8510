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
        return "- \(Self.icon(f.severity)) **\(f.check)** \(f.severity.rawValue) — \(place)\(resource)\(path): \(Self.text(f.message.text(language)))"
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
        let score = a.score.map { String(format: "%.1f", $0) } ?? "—"
        var summary = "**\(ko ? "점수" : "Score")** \(score)/100 · " + counts.joined(separator: " · ")
        let waived = a.count(.waived), fixed = a.fixed.count
        if waived > 0 { summary += " · \(waived) waived" }
        if a.context.baseline != nil { summary += " · \(fixed) \(ko ? "해결됨" : "fixed")" }
        out.append(summary)
        out.append("")
        let reasons = GateReasons.list(a, language)
        out.append(reasons.isEmpty ? "✅ " + (ko ? "게이트 통과" : "Gate passed") : "❌ " + (ko ? "게이트 실패 — " : "Gate failed — ") + reasons.joined(separator: "; "))
        out.append("")

        if let before = a.context.before {
            let old = Dictionary(before.risks.map { ($0.id, $0.risk) }, uniquingKeysWith: { x, _ in x })
            let changed = a.questions.filter { old[$0.question.id] != nil && old[$0.question.id] != $0.risk }
            if !changed.isEmpty {
                out.append("| \(ko ? "질문" : "Question") | \(ko ? "위험" : "Risk") |")
                out.append("| --- | --- |")
                for q in changed { out.append("| \(q.question.id) \(Self.text(q.question.title.text(language))) | \(old[q.question.id]!.rawValue) → **\(q.risk.rawValue)** |") }
                out.append("")
            }
        }

        // New findings first; then the rest, folded. Lists stop before the size limit.
        let new = gated.sorted { ($1.severity, $0.check) < ($0.severity, $1.check) }
        var budget = Self.limit - 2_000 - out.joined(separator: "\n").count
        // Lines are formatted only while they fit: a large result costs no more than the comment shows.
        func section<T>(_ title: String, _ items: [T], folded: Bool, _ format: (T) -> String) {
            guard !items.isEmpty else { return }
            var body: [String] = []
            for (i, item) in items.enumerated() {
                let l = format(item)
                if budget - l.count - 1 < 0 {
                    body.append(ko ? "- … 외 \(items.count - i)건 (전체는 JSON/SARIF 보고서에)" : "- … and \(items.count - i) more (see the JSON or SARIF report)")
                    break
                }
                budget -= l.count + 1
                body.append(l)
            }
            if folded {
                out.append("<details><summary>\(title)</summary>\n")
                out.append(contentsOf: body)
                out.append("\n</details>\n")
            } else {
                out.append("### \(title)")
                out.append(contentsOf: body)
                out.append("")
            }
        }
        let newTitle = a.context.baseline == nil ? (ko ? "실패한 검사" : "Failing findings") : (ko ? "새 실패" : "New findings")
        section("\(newTitle) (\(new.count))", new, folded: false, line)
        let baselined = a.findings.filter { $0.status == .fail && !$0.untouched && !a.isNew($0) }
        section((ko ? "기준선에 있는 실패" : "Baselined findings") + " (\(baselined.count))", baselined, folded: true, line)
        section((ko ? "해결됨" : "Fixed") + " (\(a.fixed.count))", a.fixed, folded: true) { "- ✅ **\($0.check)** `\(Self.code($0.file))` `\(Self.code($0.resource))` `\(Self.code($0.path))`" }
        let exempt = a.findings.filter { ($0.status == .waived || $0.status == .suppressed) && !$0.untouched }
        section((ko ? "예외 처리됨" : "Waived and suppressed") + " (\(exempt.count))", exempt, folded: true) { line($0) + " — _\(Self.text($0.note ?? ""))_" }
        let risky = a.questions.filter { $0.risk == .high || $0.risk == .medium }
        section((ko ? "위험한 질문" : "Questions at risk") + " (\(risky.count))", risky, folded: true) { "- **\($0.question.id)** \($0.risk.rawValue): \(Self.text($0.question.title.text(language)))" }
        out.append("<sub>opsready \(OpsReady.version) · \(a.resourceCount) resources · \(a.checks.count) checks</sub>")
        var text = out.joined(separator: "\n") + "\n"
        if text.count > Self.limit { text = String(text.prefix(Self.limit - 40)) + "\n\n… (truncated)\n" }
        return text
    }
}
