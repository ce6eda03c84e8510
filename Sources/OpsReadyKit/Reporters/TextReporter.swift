/// The report for people at a terminal: verdict and scores first, then each area and question with its
/// failing findings, colour only when asked (on a TTY).
public struct TextReporter: Sendable {
    public let language: Language
    public let color: Bool
    /// Also list passing practices and findings.
    public let verbose: Bool

    public init(language: Language, color: Bool, verbose: Bool = false) {
        self.language = language
        self.color = color
        self.verbose = verbose
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func riskLabel(_ risk: QuestionRisk) -> String {
        switch risk {
        case .high: return paint(risk.rawValue, "1;31")
        case .medium: return paint(risk.rawValue, "33")
        case .none: return paint(risk.rawValue, "32")
        default: return paint(risk.rawValue, "2")
        }
    }

    private func verdictLabel(_ verdict: Verdict) -> String {
        switch verdict {
        case .ready: return paint(verdict.rawValue, "1;32")
        case .conditional: return paint(verdict.rawValue, "1;33")
        case .notReady: return paint(verdict.rawValue, "1;31")
        }
    }

    private func score(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    private var ko: Bool { language == .ko }

    public func render(_ a: Assessment) -> String {
        var out: [String] = []
        out.append(paint("opsready \(OpsReady.version)", "1") + " · " + a.rubric.title.text(language))
        let failing = a.count(.fail)
        out.append((ko ? "판정: " : "Verdict: ") + verdictLabel(a.verdict) + "   " + (ko ? "점수: " : "Score: ") + score(a.score) + "/100")
        out.append(ko ? "리소스 \(a.resourceCount)개 · 검사 \(a.checks.count)개 · 실패 \(failing)건 · 통과 \(a.count(.pass))건 · 오류 \(a.count(.error))건"
                      : "\(a.resourceCount) resources · \(a.checks.count) checks · \(failing) failed · \(a.count(.pass)) passed · \(a.count(.error)) errors")
        out.append("")
        var findingsByPractice: [String: [Finding]] = [:]
        for finding in a.findings where finding.status != .pass || verbose {
            for practice in finding.practices { findingsByPractice[practice, default: []].append(finding) }
        }
        for area in a.areas {
            let counts = QuestionRisk.allCases.compactMap { risk in (area.riskCounts[risk] ?? 0) > 0 ? "\(risk.rawValue) \(area.riskCounts[risk]!)" : nil }
            out.append(paint(area.area.title.text(language).uppercased(), "1") + "  " + (ko ? "점수 " : "score ") + score(area.score) + "  " + counts.joined(separator: " · "))
            for q in a.questions where q.area == area.area.id {
                let evidenced = q.practices.filter { $0.status != .unanswered }.count
                let coverage = ko ? "(실천 항목 \(q.practices.count)개 중 \(evidenced)개 근거 있음)" : "(\(evidenced) of \(q.practices.count) practices evidenced)"
                out.append("  \(q.question.id)  \(riskLabel(q.risk))  \(q.question.title.text(language))  " + paint(coverage, "2"))
                for p in q.practices where verbose || p.status == .notMet || p.status == .partiallyMet {
                    let mark = p.status == .met ? paint("✓", "32") : (p.status == .notMet ? paint("✗", "31") : paint("•", "33"))
                    out.append("    \(mark) \(p.practice.id) \(p.practice.title.text(language)) [\(p.status.rawValue), \(ko ? "위험" : "risk") \(p.practice.risk.rawValue)]")
                    for f in findingsByPractice[p.practice.id] ?? [] {
                        out.append(contentsOf: renderFinding(f, a))
                    }
                }
            }
            out.append("")
        }
        let errors = a.findings.filter { $0.status == .error }
        if !errors.isEmpty {
            out.append(paint(ko ? "평가 오류" : "Evaluation errors", "1;35"))
            for f in errors { out.append(contentsOf: renderFinding(f, a)) }
            out.append("")
        }
        if let threshold = a.gate.failOn {
            let line = a.gate.failed
                ? (ko ? "게이트: 실패 — \(threshold.rawValue) 이상 실패 \(a.gate.blocking)건" : "Gate: FAILED — \(a.gate.blocking) failing finding(s) at or above \(threshold.rawValue)")
                : (ko ? "게이트: 통과 (\(threshold.rawValue) 이상 실패 없음)" : "Gate: passed (no failing finding at or above \(threshold.rawValue))")
            out.append(paint(line, a.gate.failed ? "1;31" : "32"))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func renderFinding(_ f: Finding, _ a: Assessment) -> [String] {
        let severity: String
        switch f.severity {
        case .critical: severity = paint("CRITICAL", "1;31")
        case .high: severity = paint("HIGH", "31")
        case .medium: severity = paint("MEDIUM", "33")
        case .low: severity = paint("LOW", "2")
        }
        let where_ = [f.location?.description, f.path].compactMap { $0 }.joined(separator: " ")
        let resource = f.resource.map { "\($0.id) (\($0.type))" } ?? (ko ? "(워크로드 전체)" : "(workload)")
        var lines = ["      \(f.status.rawValue.uppercased()) \(severity) \(f.check) \(resource) \(where_)",
                     "        \(f.message.text(language))"]
        if let note = f.note { lines.append("        " + (ko ? "사유: " : "reason: ") + note) }
        return lines
    }
}
