import Foundation
import OpsCore
import OpsDocument

/// The one road from inputs to an `Assessment`: the inputs through the adapters into a snapshot, the engine over
/// it (the selected checks; skipped ones reported as such), the findings scoped to a change and compared with a
/// baseline, findings from elsewhere (live probes) added, then scored against the rubric and the workload's
/// attestations and waivers. Every command, the bench and the tests assess through it.
public struct Assessor: Sendable {
    public let rubric: Rubric
    public let checks: [Check]
    public let manifest: Manifest?
    /// Check parameter values: the manifest's, then the command line's.
    public let params: Engine.ParamOverrides
    /// The day attestations and waivers are judged on, and what checks see as `today`.
    public let day: CalendarDate
    public var loader: InputLoader
    /// The source documents' names and section titles, for reports.
    public var seeds = SeedCatalog()
    /// The seed choices as the workload took them (their parameters are already in `params`).
    public var seedChoices: [SeedChoices.Chosen] = []
    /// The one language failing findings' messages are needed in (a run whose reports are all in it and that keeps no
    /// record); nil renders both, as a stored assessment is read in either.
    public var messageLanguage: Language?
    /// The checks that run (the selection applied), and those skipped with the skip that names them.
    public let running: [Check]
    public let skipped: [(check: Check, skip: CheckSelection.Skip)]

    public init(rubric: Rubric, checks: [Check], manifest: Manifest? = nil, params: Engine.ParamOverrides? = nil, day: CalendarDate,
                selection: CheckSelection? = nil, loader: InputLoader = InputLoader()) {
        self.rubric = rubric
        self.checks = checks
        self.manifest = manifest
        self.params = params ?? manifest?.params ?? [:]
        self.day = day
        self.loader = Self.loader(loader, manifest: manifest, day: day)
        (running, skipped) = (selection ?? manifest?.checkSelection ?? CheckSelection()).apply(to: checks)
    }

    /// `loader` as an assessment of `manifest`'s workload on `day` loads: the manifest's repository scanned as evidence
    /// and its history read up to that day, unless `loader` says otherwise.
    public static func loader(_ loader: InputLoader, manifest: Manifest?, day: CalendarDate) -> InputLoader {
        var loader = loader
        if loader.repository == nil { loader.repository = manifest?.repository }
        if loader.historyUntil == nil { loader.historyUntil = day }
        return loader
    }

    /// How the assessment is gated and what it is compared with.
    public struct Options: Sendable {
        /// Fail the gate on a failing finding at or above this severity.
        public var failOn: Severity?
        /// Fail the gate on this verdict or worse.
        public var failOnVerdict: Verdict?
        /// Gate only what a change touched.
        public var scope: ChangeScope?
        /// With one, only new and worsened findings fail the gate.
        public var baseline: Baseline?
        /// The assessment of the change's base, for before → after.
        public var before: AssessmentDiff.Side?
        /// Findings from outside the snapshot: the live probes' results.
        public var extraFindings: [Finding] = []
        /// Read the source lines of files with findings to show (snippets in reports).
        public var readSources = true

        public init(failOn: Severity? = .high, failOnVerdict: Verdict? = nil) {
            self.failOn = failOn
            self.failOnVerdict = failOnVerdict
        }
    }

    /// The snapshot of some inputs and the engine's findings on it, before scoring.
    public struct Evaluation: Sendable {
        public let snapshot: Snapshot
        public let findings: [Finding]
        /// Checks that ran but had nothing to look at: no resource of their types in the inputs.
        public let notEvaluated: [Assessment.NotEvaluated]
    }

    /// Loads `paths` and runs every check: what `baseline update` records and `assess` scores.
    public func evaluate(_ paths: [String]) throws(DocumentError) -> Evaluation {
        try evaluate(loaded: loader.load(paths: paths))
    }

    /// Runs every check on inputs already loaded (an `InputLoading`'s result), once their suppressions name known checks.
    public func evaluate(loaded: InputLoader.Result) throws(DocumentError) -> Evaluation {
        try validateSuppressions(in: loaded.snapshot)
        return evaluate(loaded.snapshot)
    }

    /// Refuses an inline suppression of a check id no loaded check has: a typo would otherwise suppress nothing, silently.
    public func validateSuppressions(in snapshot: Snapshot) throws(DocumentError) {
        let known = Set(checks.map(\.id))
        for resource in snapshot.resources {
            for (id, suppression) in resource.suppressions.sorted(by: { $0.key < $1.key }) where !known.contains(id) {
                throw DocumentError(at: suppression.location, "suppression of '\(id)', which no loaded check has (resource \(resource.id))")
            }
        }
    }

    public func evaluate(_ snapshot: Snapshot) -> Evaluation {
        let findings = Engine(rubrics: [rubric], checks: running).evaluate(snapshot, params: params, today: day, language: messageLanguage)
        // A skipped check is reported once, where it is skipped, with the reason; it is no evidence either way.
        let notRun = skipped.map { entry in
            Finding(check: entry.check.id, status: .skipped, severity: entry.check.severity, practices: entry.check.practices, resource: nil,
                    location: entry.skip.location, path: nil, message: entry.check.title, note: entry.skip.reason)
        }
        let present = Set(snapshot.resources.map(\.type))
        let notEvaluated = running.filter { check in !check.requiresExistence && !check.resourceTypes.contains(where: present.contains) }
            .map { Assessment.NotEvaluated(check: $0.id, resourceTypes: $0.resourceTypes) }
        return Evaluation(snapshot: snapshot, findings: findings + notRun, notEvaluated: notEvaluated)
    }

    public func assess(_ paths: [String], options: Options = Options()) throws(DocumentError) -> Assessment {
        assess(try evaluate(paths), options: options)
    }

    /// The failing findings of an evaluation as a baseline, with what recognises them after a rename, a move or a
    /// worsening.
    public func baseline(_ evaluation: Evaluation) -> Baseline {
        Baseline(failing: identified(evaluation.findings, in: evaluation.snapshot))
    }

    /// Failing findings with their identity (`CanonicalNode.identity`).
    func identified(_ findings: [Finding], in snapshot: Snapshot) -> [Finding] {
        // A resource's configuration is written out once, however many findings it has.
        var bodies: [Int: String] = [:]
        return findings.map { finding in
            guard finding.status == .fail else { return finding }
            var f = finding
            let body: String
            if let ref = f.resource, let index = snapshot.index(id: ref.id, file: f.location?.file) {
                if let known = bodies[index] { body = known } else {
                    body = CanonicalNode.body(snapshot.resources[index].properties)
                    bodies[index] = body
                }
            } else {
                body = CanonicalNode.body(f.evidence)
            }
            f.identity = CanonicalNode.identity(check: f.check, resourceType: f.resource?.type ?? "", path: f.path, body: body)
            return f
        }
    }

    /// Each failing finding's state against the baseline, and the baselined findings now fixed.
    func compare(_ findings: [Finding], with baseline: Baseline, in snapshot: Snapshot) -> ([Finding], [Baseline.Entry]) {
        var findings = identified(findings, in: snapshot)
        let engine = Engine(rubrics: [rubric], checks: running)
        let comparison = BaselineComparison(baseline: baseline, findings: findings) { finding, entry in
            guard let now = finding.evidence, let text = entry.evidence,
                  let was = (try? DocumentLoader.parse(text, file: "baseline", syntax: .json))?.first,
                  let check = checks.first(where: { $0.id == finding.check }), let ref = finding.resource,
                  let index = snapshot.index(id: ref.id, file: finding.location?.file) else { return nil }
            let resource = snapshot.resources[index]
            let judge = EvidenceWorsening { value in
                guard let properties = resource.properties else { return nil }
                var changed = resource
                changed.properties = NodeRewriting.replacing(now, with: value, in: properties)
                return engine.holds(check, on: changed, index: index, in: snapshot, params: params, today: day)
            }
            return judge.worse(was: was, now: now)
        }
        for (index, outcome) in comparison.outcomes {
            findings[index].baselineState = outcome.state
            findings[index].baselineNote = outcome.note
        }
        return (findings, comparison.fixed)
    }

    /// Scores an evaluation.
    public func assess(_ evaluation: Evaluation, options: Options = Options()) -> Assessment {
        var findings = evaluation.findings
        if let scope = options.scope { findings = scope.apply(to: findings, snapshot: evaluation.snapshot) }
        var context = manifest.map { Assessment.Context(manifest: $0, asOf: day) } ?? Assessment.Context(asOf: day)
        if let baseline = options.baseline {
            (findings, context.fixed) = compare(findings, with: baseline, in: evaluation.snapshot)
        }
        findings += options.extraFindings
        context.baseline = options.baseline
        context.before = options.before
        context.notEvaluated = evaluation.notEvaluated
        context.seeds = seeds
        context.seedChoices = relevantChoices
        if let manifest { context.incidentTargets = manifest.incidentTargets(seedChoices) }
        if options.readSources { context.sources = Self.sources(for: findings) }
        let scored = { @Sendable [context, findings] in
            Assessment(rubric: rubric, checks: running + skipped.map(\.check), findings: findings, failOn: options.failOn, failOnVerdict: options.failOnVerdict,
                       inputs: evaluation.snapshot.files, resourceCount: evaluation.snapshot.resources.count, context: context)
        }
        guard evaluation.snapshot.indexByType[AlertFacts.type] != nil, let metrics = try? loader.metrics ?? MetricDictionary.loadBundled() else {
            return scored()
        }
        // The alert coverage matrix and the scoring read nothing of each other: both at once.
        let assessment = ParallelSlots<Assessment>(count: 1)
        let coverage = ParallelSlots<AlertCoverage>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { assessment.set(0, scored()) } else { coverage.set(0, AlertCoverage.build(evaluation.snapshot, dictionary: metrics)) }
        }
        var result = assessment.take(0)!
        result.context.alertCoverage = coverage.take(0)
        return result
    }

    /// The choices a readiness report shows: those setting a parameter of a check that runs, and those about incidents
    /// (targets, escalation); hypercare targets are shown by hypercare reports.
    var relevantChoices: [SeedChoices.Chosen] {
        let ids = Set(running.map(\.id))
        return seedChoices.filter { chosen in
            let options = chosen.choice.options
            if options.contains(where: { $0.incidentTargets != nil || !$0.escalation.isEmpty }) { return true }
            if options.contains(where: { !$0.params.isEmpty }) { return options.contains { $0.params.keys.contains(where: ids.contains) } }
            return options.allSatisfy { $0.kpis.isEmpty && $0.activities.isEmpty }
        }
    }

    /// Source lines of the files that have findings to show.
    static func sources(for findings: [Finding]) -> [String: SourceText] {
        var files = Set<String>()
        for finding in findings where finding.status != .pass {
            if let file = finding.location?.file { files.insert(file) }
        }
        var sources: [String: SourceText] = [:]
        for file in files { sources[file] = SourceText.read(path: file) }
        return sources
    }
}
