import OpsCore
import OpsDocument

/// Everything a reporter needs about one run: pure data, computed from the rubric, checks, findings and the
/// workload's attestations and waivers as of one day.
public struct Assessment: Sendable {
    public struct PracticeResult: Sendable {
        public let practice: Practice
        public let status: PracticeStatus
        /// What automated findings alone say, when they say anything.
        public let automated: PracticeStatus?
        /// The current attestation, if any.
        public let attestation: Attestation?
        /// An attestation past its expiry, which no longer counts.
        public let expiredAttestation: Attestation?
        public let contradiction: String?
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
        public let failOnVerdict: Verdict?
        /// Failing findings at or above the threshold.
        public let blocking: Int
        public let expiredWaivers: Int
        public let verdictFailed: Bool
        public var failed: Bool { blocking > 0 || expiredWaivers > 0 || verdictFailed }
    }

    /// A check that ran on nothing: none of its resource types is in the inputs.
    public struct NotEvaluated: Sendable {
        public let check: String
        public let resourceTypes: [String]

        public init(check: String, resourceTypes: [String]) {
            self.check = check
            self.resourceTypes = resourceTypes
        }
    }

    /// The workload facts a report shows.
    public struct Context: Sendable {
        public var workload: String?
        public var asOf: CalendarDate?
        public var incidentTargets: IncidentTargets?
        /// The seed choices that bear on this report, as the workload took them.
        public var seedChoices: [SeedChoices.Chosen] = []
        public var attestations: [String: Attestation] = [:]
        public var waivers: [Waiver] = []
        /// Accepted findings; with one, only new findings fail the gate.
        public var baseline: Baseline?
        /// Source lines of input files, for snippets in reports (read by the CLI).
        public var sources: [String: SourceText] = [:]
        /// The assessment of the base of a change, for "before → after" in PR summaries.
        public var before: AssessmentDiff.Side?
        /// Baselined findings no longer found: not by fingerprint, nor renamed or moved.
        public var fixed: [Baseline.Entry] = []
        /// Checks that had nothing to look at in these inputs: "no finding" from them means "never looked".
        public var notEvaluated: [NotEvaluated] = []
        /// The source documents, to name a check's `seed` for people.
        public var seeds = SeedCatalog()
        /// Every component × signal with the alerts covering it, when the inputs have alerts.
        public var alertCoverage: AlertCoverage?

        public init(workload: String? = nil, asOf: CalendarDate? = nil) {
            self.workload = workload
            self.asOf = asOf
        }

        public init(manifest: Manifest, asOf: CalendarDate) {
            workload = manifest.workload.name
            self.asOf = asOf
            incidentTargets = manifest.incidentTargets
            attestations = manifest.attestations
            waivers = manifest.waivers
        }
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
    /// Changed after `init` only where `init` reads nothing (`Assessor` fills in the alert coverage worked out beside
    /// the scoring).
    public internal(set) var context: Context
    public let waivers: WaiverLedger
    public let plan: ImprovementPlan

    public init(rubric: Rubric, checks: [Check], findings rawFindings: [Finding], failOn: Severity?, failOnVerdict: Verdict? = nil,
                inputs: [String], resourceCount: Int, context: Context = Context()) {
        self.rubric = rubric
        self.checks = checks
        self.inputs = inputs
        self.resourceCount = resourceCount
        self.context = context
        let (findings, ledger) = context.asOf.map { WaiverLedger.apply(context.waivers, to: rawFindings, on: $0) }
            ?? (rawFindings, WaiverLedger(entries: []))
        self.findings = findings
        waivers = ledger

        var byPractice: [String: [Finding]] = [:]
        var checksByPractice: [String: [String]] = [:]
        // Findings come check by check: each run with the same practices is filed under each practice at once.
        var runStart = findings.startIndex
        while runStart < findings.endIndex {
            let practices = findings[runStart].practices
            var runEnd = runStart + 1
            while runEnd < findings.endIndex, findings[runEnd].practices == practices { runEnd += 1 }
            for p in practices { byPractice[p, default: []].append(contentsOf: findings[runStart..<runEnd]) }
            runStart = runEnd
        }
        for check in checks { for p in check.practices { checksByPractice[p, default: []].append(check.id) } }
        let supporting = Set(checks.filter { $0.strength == .supports }.map(\.id))

        var questions: [QuestionResult] = []
        var areas: [AreaResult] = []
        var all: [(practice: Practice, status: PracticeStatus)] = []
        var contradictions = 0
        for area in rubric.areas {
            var areaPractices: [(practice: Practice, status: PracticeStatus)] = []
            var counts: [QuestionRisk: Int] = [:]
            for question in area.questions {
                let results = question.practices.map { practice -> PracticeResult in
                    var current = context.attestations[practice.id]
                    var expired: Attestation?
                    if let a = current, let day = context.asOf, !a.isCurrent(on: day) {
                        expired = a
                        current = nil
                    }
                    let outcome = Scoring.practiceOutcome(findings: byPractice[practice.id] ?? [], attestation: current, supporting: supporting)
                    return PracticeResult(practice: practice, status: outcome.status, automated: outcome.automated, attestation: current,
                                          expiredAttestation: expired, contradiction: outcome.contradiction,
                                          checks: checksByPractice[practice.id] ?? [])
                }
                contradictions += results.filter { $0.contradiction != nil }.count
                let risk = Scoring.questionRisk(question, statuses: Dictionary(uniqueKeysWithValues: results.map { ($0.practice.id, $0.status) }))
                counts[risk, default: 0] += 1
                let pairs = results.map { (practice: $0.practice, status: $0.status) }
                areaPractices += pairs
                questions.append(QuestionResult(question: question, area: area.id, risk: risk, practices: results))
            }
            all += areaPractices
            areas.append(AreaResult(area: area, score: Scoring.score(areaPractices), riskCounts: counts))
        }
        self.questions = questions
        self.areas = areas
        score = Scoring.score(all)

        var facts = Scoring.VerdictFacts()
        for q in questions { facts.risks[q.risk, default: 0] += 1 }
        let tally = Self.tally(findings)
        facts.failing = tally.failingBySeverity
        facts.activeWaivers = ledger.activeCount
        facts.expiredWaivers = ledger.expiredCount
        facts.suppressed = tally.byStatus[.suppressed] ?? 0
        facts.contradictions = contradictions
        facts.score = score
        let verdict = Scoring.verdict(rubric.verdictRules, facts: facts)
        self.verdict = verdict
        gate = Gate(failOn: failOn, failOnVerdict: failOnVerdict,
                    blocking: failOn.map { threshold in
                        findings.count { $0.status == .fail && $0.severity >= threshold && !$0.untouched && Self.gated($0) }
                    } ?? 0,
                    expiredWaivers: ledger.expiredCount,
                    verdictFailed: failOnVerdict.map { verdict >= $0 } ?? false)
        plan = ImprovementPlan(questions, findings: byPractice)
    }

    /// Whether a failing finding counts against the gate: every one without a baseline; with one, the new and
    /// the worsened.
    static func gated(_ finding: Finding) -> Bool {
        switch finding.baselineState {
        case nil, .new?, .worsened?: true
        case .unchanged?, .moved?, .absent?: false
        }
    }

    /// Whether a failing finding is new or worse against the baseline (every finding, without one).
    public func isNew(_ finding: Finding) -> Bool { Self.gated(finding) }

    /// Baselined findings no longer found: neither by fingerprint nor renamed or moved.
    public var fixed: [Baseline.Entry] { context.fixed }

    /// Failing findings that the gate considers: in the change, new against the baseline.
    public var gatedFailures: [Finding] { findings.filter { $0.status == .fail && !$0.untouched && isNew($0) } }

    /// The source lines around a finding, numbered: `(line, text, isTheLine)`.
    public func snippet(for finding: Finding, context radius: Int = 2) -> [(line: Int, text: String, marked: Bool)] {
        guard let location = finding.location, let text = context.sources[location.file], location.line <= text.lineCount else { return [] }
        let range = max(1, location.line - radius)...min(text.lineCount, location.line + radius)
        return range.map { ($0, text.line($0), $0 == location.line) }
    }

    public var contradictions: [PracticeResult] { questions.flatMap(\.practices).filter { $0.contradiction != nil } }

    public func check(_ id: String) -> Check? { checks.first { $0.id == id } }

    public func count(_ status: Finding.Status) -> Int { findings.reduce(0) { $1.status == status ? $0 + 1 : $0 } }

    /// The findings by status and the failing ones by severity, counted in one pass over plain counters (a dictionary
    /// keyed by these enums would hash their names for every finding).
    public func tally() -> (byStatus: [Finding.Status: Int], failingBySeverity: [Severity: Int]) { Self.tally(findings) }

    static func tally(_ findings: [Finding]) -> (byStatus: [Finding.Status: Int], failingBySeverity: [Severity: Int]) {
        var (pass, fail, error, skipped, waived, suppressed) = (0, 0, 0, 0, 0, 0)
        var (low, medium, high, critical) = (0, 0, 0, 0)
        for finding in findings {
            switch finding.status {
            case .pass: pass += 1
            case .error: error += 1
            case .skipped: skipped += 1
            case .waived: waived += 1
            case .suppressed: suppressed += 1
            case .fail:
                fail += 1
                switch finding.severity {
                case .low: low += 1
                case .medium: medium += 1
                case .high: high += 1
                case .critical: critical += 1
                }
            }
        }
        return ([.pass: pass, .fail: fail, .error: error, .skipped: skipped, .waived: waived, .suppressed: suppressed],
                [.low: low, .medium: medium, .high: high, .critical: critical])
    }
}
