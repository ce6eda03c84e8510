import OpsDocument

/// Everything a reporter needs about one run: pure data, computed from rubric, checks and findings.
public struct Assessment: Sendable {
    public struct PracticeResult: Sendable {
        public let practice: Practice
        public let status: PracticeStatus
        /// Ids of the checks that evidence it.
        public let checks: [String]
    }

    public struct QuestionResult: Sendable {
        public let question: Question
        public let area: String
        public let risk: QuestionRisk
        public let practices: [PracticeResult]
    }

    public struct AreaResult: Sendable {
        public let area: Area
        public let score: Double?
        public let riskCounts: [QuestionRisk: Int]
    }

    public struct Gate: Sendable {
        public let failOn: Severity?
        /// Failing findings at or above the threshold.
        public let blocking: Int
        public var failed: Bool { blocking > 0 }
    }

    public let rubric: Rubric
    public let checks: [Check]
    public let findings: [Finding]
    public let areas: [AreaResult]
    public let questions: [QuestionResult]
    public let score: Double?
    public let verdict: Verdict
    public let gate: Gate
    public let inputs: [String]
    public let resourceCount: Int

    public init(rubric: Rubric, checks: [Check], findings: [Finding], failOn: Severity?, inputs: [String], resourceCount: Int) {
        self.rubric = rubric
        self.checks = checks
        self.findings = findings
        self.inputs = inputs
        self.resourceCount = resourceCount
        var byPractice: [String: [Finding]] = [:]
        var checksByPractice: [String: [String]] = [:]
        for finding in findings { for p in finding.practices { byPractice[p, default: []].append(finding) } }
        for check in checks { for p in check.practices { checksByPractice[p, default: []].append(check.id) } }
        var questions: [QuestionResult] = []
        var areas: [AreaResult] = []
        var all: [(practice: Practice, status: PracticeStatus)] = []
        for area in rubric.areas {
            var areaPractices: [(practice: Practice, status: PracticeStatus)] = []
            var counts: [QuestionRisk: Int] = [:]
            for question in area.questions {
                let results = question.practices.map { practice in
                    PracticeResult(practice: practice, status: Scoring.practiceStatus(practice, findings: byPractice[practice.id] ?? []),
                                   checks: checksByPractice[practice.id] ?? [])
                }
                let pairs = results.map { (practice: $0.practice, status: $0.status) }
                let risk = Scoring.questionRisk(pairs)
                counts[risk, default: 0] += 1
                areaPractices += pairs
                questions.append(QuestionResult(question: question, area: area.id, risk: risk, practices: results))
            }
            all += areaPractices
            areas.append(AreaResult(area: area, score: Scoring.score(areaPractices), riskCounts: counts))
        }
        self.questions = questions
        self.areas = areas
        score = Scoring.score(all)
        verdict = Scoring.verdict(questionRisks: questions.map(\.risk), findings: findings)
        gate = Gate(failOn: failOn, blocking: failOn.map { threshold in findings.filter { $0.status == .fail && $0.severity >= threshold }.count } ?? 0)
    }

    public func check(_ id: String) -> Check? { checks.first { $0.id == id } }

    public func count(_ status: Finding.Status) -> Int { findings.filter { $0.status == status }.count }
}
