import OpsCore

/// Which best practices this workload's inputs evidence automatically, and with what: per practice, every check and
/// live probe that can evidence it, what input it reads (a template, the repository's pipelines, its documents, …),
/// whether this workload gave that input, and where the evidence is (file:line). `opsready rubric coverage` prints it.
public struct PracticeCoverage: Sendable {
    /// Where a check's evidence comes from, by the resource types it reads.
    public enum Source: String, Sendable, CaseIterable {
        case template, account, alerting, pipeline, dependencies, repository, documents, probe
    }

    public struct Evidence: Sendable {
        public let id: String
        public let source: Source
        public let resourceTypes: [String]
        /// Whether this workload's inputs gave the check something to look at.
        public let evaluated: Bool
        /// Where its findings are, first few (`file:line`).
        public let locations: [String]
    }

    public struct Entry: Sendable {
        public let practice: Practice
        public let question: String
        public let status: PracticeStatus
        /// What automated evidence alone says; nil when none was found.
        public let automated: PracticeStatus?
        public let evidence: [Evidence]
    }

    public let workload: String?
    public let entries: [Entry]

    public var automatedCount: Int { entries.filter { $0.automated != nil }.count }
    /// Practices some check could evidence, but this workload's inputs gave none of them anything to look at.
    public var possibleCount: Int { entries.filter { $0.automated == nil && !$0.evidence.isEmpty }.count }

    public init(_ assessment: Assessment) {
        workload = assessment.context.workload
        var findingsByCheck: [String: [Finding]] = [:]
        for finding in assessment.findings { findingsByCheck[finding.check, default: []].append(finding) }
        let notEvaluated = Set(assessment.context.notEvaluated.map(\.check))
        // Live probes are findings whose check is the probe's id; they evidence the practices they name.
        var probesByPractice: [String: [String]] = [:]
        for (check, findings) in findingsByCheck where findings.contains(where: { $0.resource?.type.hasPrefix("OpsReady::Probe::") == true }) {
            for practice in Set(findings.flatMap(\.practices)) { probesByPractice[practice, default: []].append(check) }
        }
        entries = assessment.questions.flatMap { question in
            question.practices.map { result in
                let checks = assessment.checks.filter { $0.practices.contains(result.practice.id) }.map { check in
                    Evidence(id: check.id, source: Self.source(of: check.resourceTypes), resourceTypes: check.resourceTypes,
                             evaluated: findingsByCheck[check.id] != nil && !notEvaluated.contains(check.id),
                             locations: Self.locations(findingsByCheck[check.id] ?? []))
                }
                let probes = (probesByPractice[result.practice.id] ?? []).sorted().map { id in
                    Evidence(id: id, source: .probe, resourceTypes: [], evaluated: true, locations: Self.locations(findingsByCheck[id] ?? []))
                }
                return Entry(practice: result.practice, question: question.question.id, status: result.status, automated: result.automated,
                             evidence: checks.sorted { $0.id < $1.id } + probes)
            }
        }
    }

    static func locations(_ findings: [Finding]) -> [String] {
        var seen: [String] = []
        for finding in findings {
            guard let location = finding.location else { continue }
            let text = "\(location.file):\(location.line)"
            if !seen.contains(text) { seen.append(text) }
            if seen.count == 3 { break }
        }
        return seen
    }

    static func source(of types: [String]) -> Source {
        guard let type = types.first else { return .template }
        switch type {
        case "OpsReady::Pipeline": return .pipeline
        case "OpsReady::DependencyUpdates": return .dependencies
        case "OpsReady::Repository": return .repository
        case "OpsReady::Document": return .documents
        case "AWS::IAM::AccountSummary", "AWS::IAM::AccountPasswordPolicy": return .account
        default: return type.hasPrefix("OpsReady::") ? .alerting : .template
        }
    }
}
