import OpsAssessment
import OpsCore
/// The report for people at a terminal: verdict and scores first, then each area and question with its
/// failing findings, colour only when asked (on a TTY).
public struct TextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "For people at a terminal: verdict, scores, each question with its failing findings."

    public let language: Language
    public let color: Bool
    /// Also list passing practices and findings.
    public let verbose: Bool

    public init(options: ReportOptions) {
        self.init(language: options.language, color: options.color, verbose: options.verbose)
    }

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
        out.append(paint("opsready \(OpsReady.version)", "1") + " · " + a.rubric.title.text(language)
                   + (a.context.workload.map { " · " + $0.terminalSafe } ?? "") + (a.context.asOf.map { " · " + (ko ? "기준일 " : "as of ") + $0.description } ?? ""))
        let failing = a.count(.fail)
        out.append((ko ? "판정: " : "Verdict: ") + verdictLabel(a.verdict) + "   " + (ko ? "점수: " : "Score: ") + score(a.score) + "/100")
        out.append(ko ? "리소스 \(a.resourceCount)개 · 검사 \(a.checks.count)개 · 실패 \(failing)건 · 통과 \(a.count(.pass))건 · 오류 \(a.count(.error))건"
                      : "\(a.resourceCount) resources · \(a.checks.count) checks · \(failing) failed · \(a.count(.pass)) passed · \(a.count(.error)) errors")
        out.append("")
        out.append(contentsOf: change(a))
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
                    let source = p.attestation.map { " · " + (ko ? "증언 " : "attested ") + "\($0.answer.rawValue) (\($0.by.terminalSafe))" } ?? ""
                    out.append("    \(mark) \(p.practice.id) \(p.practice.title.text(language)) [\(p.status.rawValue), \(ko ? "위험" : "risk") \(p.practice.risk.rawValue)\(source)]")
                    for f in findingsByPractice[p.practice.id] ?? [] {
                        out.append(contentsOf: renderFinding(f, a))
                    }
                }
            }
            out.append("")
        }
        let contradictions = a.contradictions
        if !contradictions.isEmpty {
            out.append(paint(ko ? "모순 (자동 검사와 증언이 다름)" : "Contradictions (automated checks disagree with attestations)", "1;35"))
            for p in contradictions { out.append("  \(p.practice.id): \(p.contradiction!.terminalSafe)") }
            out.append("")
        }
        let expiredAttestations = a.questions.flatMap(\.practices).compactMap(\.expiredAttestation)
        if !expiredAttestations.isEmpty {
            out.append(paint(ko ? "만료된 증언 (미응답으로 처리)" : "Expired attestations (count as unanswered)", "33"))
            for att in expiredAttestations { out.append("  \(att.practice.terminalSafe): \(att.answer.rawValue) by \(att.by.terminalSafe), expired \(att.expires!)") }
            out.append("")
        }
        if !a.waivers.entries.isEmpty {
            out.append(paint(ko ? "예외 승인 (waiver)" : "Waivers", "1"))
            for e in a.waivers.entries {
                let scope = [e.waiver.file, e.waiver.resource].compactMap { $0 }.joined(separator: " ").terminalSafe
                let state = e.state == .expired ? paint("EXPIRED", "1;31") : e.state.rawValue
                out.append("  \(e.waiver.check.terminalSafe) \(scope) — \(state), \(ko ? "만료" : "expires") \(e.waiver.expires), \(e.waiver.owner.terminalSafe): \(e.waiver.reason.terminalSafe)")
            }
            out.append("")
        }
        if !a.plan.items.isEmpty {
            out.append(paint(ko ? "개선 계획 (위험·노력 순)" : "Improvement plan (by risk, then effort)", "1"))
            let shown = verbose ? a.plan.items : Array(a.plan.items.prefix(10))
            for (i, item) in shown.enumerated() {
                let blockers = item.blockers.isEmpty ? "" : " — " + item.blockers.map { "\($0.check) \($0.resource?.id ?? "")" }.joined(separator: ", ").terminalSafe
                out.append("  \(i + 1). [\(item.practice.risk.rawValue)/\(item.effort.rawValue)] \(item.practice.id) \(item.practice.title.text(language)) (\(item.status.rawValue))\(blockers)")
            }
            if shown.count < a.plan.items.count {
                out.append(paint(ko ? "  … 외 \(a.plan.items.count - shown.count)개 (--verbose로 전체 보기)" : "  … and \(a.plan.items.count - shown.count) more (--verbose shows all)", "2"))
            }
            out.append("")
        }
        if let targets = a.context.incidentTargets {
            out.append((ko ? "장애 대응 목표: " : "Incident response targets: ") + targets.summary + " (" + targets.source + ")")
            out.append("")
        }
        if !a.context.seedChoices.isEmpty {
            out.append(paint(SeedChoicePhrases.heading(language), "1"))
            for c in a.context.seedChoices {
                out.append("  " + SeedChoicePhrases.chosen(c, seeds: a.context.seeds, language).terminalSafe)
                if verbose, case let others = SeedChoicePhrases.others(c), !others.isEmpty {
                    out.append("      " + (ko ? "다른 값: " : "other values: ") + others.terminalSafe)
                }
            }
            out.append("")
        }
        if !a.context.notEvaluated.isEmpty {
            // "No finding" from these checks means they never looked: say so, so a clean report is not mistaken for one.
            let list = a.context.notEvaluated
            out.append(paint(ko ? "평가하지 못한 검사 \(list.count)개 (입력에 대상 리소스 유형이 없음)" : "Not evaluated: \(list.count) check(s) had nothing of their resource types in the inputs", "33"))
            let shown = verbose ? list : Array(list.prefix(8))
            for n in shown { out.append("  \(n.check) (\(n.resourceTypes.joined(separator: ", ")))") }
            if shown.count < list.count {
                out.append(paint(ko ? "  … 외 \(list.count - shown.count)개 (--verbose로 전체 보기)" : "  … and \(list.count - shown.count) more (--verbose shows all)", "2"))
            }
            out.append("")
        }
        let errors = a.findings.filter { $0.status == .error }
        if !errors.isEmpty {
            out.append(paint(ko ? "평가 오류" : "Evaluation errors", "1;35"))
            for f in errors { out.append(contentsOf: renderFinding(f, a)) }
            out.append("")
        }
        let reasons = GateReasons.list(a, language)
        let line = reasons.isEmpty
            ? (ko ? "게이트: 통과" : "Gate: passed") + (a.gate.failOn.map { ko ? " (\($0.rawValue) 이상 실패 없음)" : " (no failing finding at or above \($0.rawValue))" } ?? "")
            : (ko ? "게이트: 실패 — " : "Gate: FAILED — ") + reasons.joined(separator: "; ")
        out.append(paint(line, reasons.isEmpty ? "32" : "1;31"))
        return out.joined(separator: "\n") + "\n"
    }

    /// In a pull request: before → after, and where each failing finding stands against the baseline, the new and
    /// worse first; nothing without a baseline or a comparison.
    private func change(_ a: Assessment) -> [String] {
        var out: [String] = []
        if let before = a.context.before {
            out.append((ko ? "변경 전 → 후: " : "Before → after: ") + "\(before.verdict.rawValue) \(score(before.score)) → \(verdictLabel(a.verdict)) \(score(a.score))")
            for c in AssessmentDiff.riskChanges(from: before.risks, to: a.questions.map { ($0.question.id, $0.risk) }) {
                out.append("  \(c.question): \(c.before.rawValue) → \(riskLabel(c.after))")
            }
        }
        if a.context.baseline != nil {
            let failing = a.findings.filter { $0.status == .fail }
            let states = Dictionary(grouping: failing.compactMap(\.baselineState), by: { $0 }).mapValues(\.count)
            let counts = [BaselineState.new, .worsened, .moved, .unchanged].map { "\(states[$0] ?? 0) \(label($0))" } + ["\(a.fixed.count) \(ko ? "해결" : "fixed")"]
            out.append((ko ? "기준선 대비: " : "Against the baseline: ") + counts.joined(separator: " · "))
            let gated = failing.filter { a.isNew($0) }
            if !gated.isEmpty {
                out.append(paint(ko ? "새로 생기거나 나빠진 실패" : "New or worse findings", "1;31"))
                for f in gated { out.append(contentsOf: renderFinding(f, a)) }
            }
            if !a.fixed.isEmpty {
                out.append(paint(ko ? "해결됨" : "Fixed", "32"))
                for e in a.fixed { out.append("      \(e.check) \(e.resource.terminalSafe) \(e.file.terminalSafe) \(e.path.terminalSafe)") }
            }
        }
        if !out.isEmpty { out.append("") }
        return out
    }

    private func label(_ state: BaselineState) -> String {
        switch state {
        case .new: return ko ? "신규" : "new"
        case .worsened: return ko ? "악화" : "worse"
        case .moved: return ko ? "이동" : "moved"
        case .unchanged: return ko ? "기준선" : "baselined"
        case .absent: return ko ? "해결" : "fixed"
        }
    }

    private func renderFinding(_ f: Finding, _ a: Assessment) -> [String] {
        let severity: String
        switch f.severity {
        case .critical: severity = paint("CRITICAL", "1;31")
        case .high: severity = paint("HIGH", "31")
        case .medium: severity = paint("MEDIUM", "33")
        case .low: severity = paint("LOW", "2")
        }
        let where_ = [f.location?.description, f.path].compactMap { $0 }.joined(separator: " ").terminalSafe
        let resource = f.resource.map { "\($0.id) (\($0.type))".terminalSafe } ?? (ko ? "(워크로드 전체)" : "(workload)")
        // A failing finding says whether it counts: against the baseline, and inside or outside the change.
        var status = f.status.rawValue.uppercased()
        if f.status == .fail, let state = f.baselineState, state != .new { status = label(state).uppercased() }
        if f.status == .fail && f.untouched { status += ko ? " (변경 밖)" : " (outside the change)" }
        var lines = ["      \(status) \(severity) \(f.check) \(resource) \(where_)",
                     "        \(f.message.text(language).terminalSafe)"]
        if let note = f.note { lines.append("        " + (ko ? "사유: " : "reason: ") + note.terminalSafe) }
        if let note = f.baselineNote { lines.append("        " + note.terminalSafe) }
        if f.status == .fail, let fix = a.check(f.check)?.remediation { lines.append("        " + (ko ? "조치: " : "fix: ") + fix.text(language).terminalSafe) }
        return lines
    }
}
