import OpsAssessment
import OpsCore

/// `opsready rubric coverage` for people: per question, each practice with what evidences it automatically, where,
/// and what this workload did not give (the input a check needs).
public struct PracticeCoverageTextReporter: Reporter {
    public static let format = "text"
    public static let fileExtension = "txt"
    public static let summary = "Per practice, the checks and probes that evidence it and where."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ coverage: PracticeCoverage) -> String {
        let ko = language == .ko
        var lines: [String] = []
        let total = coverage.entries.count
        lines.append((coverage.workload.map { $0.terminalSafe + " · " } ?? "")
                     + (ko ? "자동 근거가 있는 모범 사례 \(coverage.automatedCount)/\(total) · 입력이 있으면 가능 \(coverage.possibleCount)"
                           : "\(coverage.automatedCount) of \(total) practices evidenced automatically · \(coverage.possibleCount) more could be, given the inputs named below"))
        var question = ""
        for entry in coverage.entries {
            if entry.question != question {
                question = entry.question
                lines.append("")
                lines.append(question)
            }
            let state: String
            if let automated = entry.automated {
                state = (ko ? "자동: " : "automated: ") + automated.rawValue
            } else if entry.evidence.isEmpty {
                state = ko ? "팀의 답변만" : "the team's answer only"
            } else {
                state = ko ? "입력이 없어 평가하지 못함" : "not evaluated: no input for it"
            }
            lines.append("  \(entry.practice.id) \(entry.practice.title.text(language).terminalSafe) — \(state)")
            for evidence in entry.evidence {
                let mark = evidence.evaluated ? "✓" : "·"
                let detail = evidence.evaluated ? evidence.locations.map(\.terminalSafe).joined(separator: ", ")
                    : (ko ? "필요한 입력: " : "needs: ") + evidence.resourceTypes.joined(separator: ", ")
                lines.append("    \(mark) \(evidence.id) (\(evidence.source.rawValue)) \(detail)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
