import Foundation
import OpsCore
import OpsDocument

/// The one road from inputs to an `Assessment`: the inputs through the adapters into a snapshot, the engine over
/// it, the findings scoped to a change, findings from elsewhere (live probes) added, then scored against the
/// rubric and the workload's attestations and waivers. Every command, the bench and the tests assess through it.
public struct Assessor: Sendable {
    public let rubric: Rubric
    public let checks: [Check]
    public let manifest: Manifest?
    /// Check parameter values: the manifest's, then the command line's.
    public let params: Engine.ParamOverrides
    /// The day attestations and waivers are judged on, and what checks see as `today`.
    public let day: CalendarDate
    public var loader: InputLoader

    public init(rubric: Rubric, checks: [Check], manifest: Manifest? = nil, params: Engine.ParamOverrides? = nil, day: CalendarDate,
                loader: InputLoader = InputLoader()) {
        self.rubric = rubric
        self.checks = checks
        self.manifest = manifest
        self.params = params ?? manifest?.params ?? [:]
        self.day = day
        self.loader = loader
    }

    /// How the assessment is gated and what it is compared with.
    public struct Options: Sendable {
        /// Fail the gate on a failing finding at or above this severity.
        public var failOn: Severity?
        /// Fail the gate on this verdict or worse.
        public var failOnVerdict: Verdict?
        /// Gate only what a change touched.
        public var scope: ChangeScope?
        /// Only findings not in it fail the gate.
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
    }

    /// Loads `paths` and runs every check: what `baseline update` records and `assess` scores.
    public func evaluate(_ paths: [String]) throws(DocumentError) -> Evaluation {
        let snapshot = try loader.load(paths: paths).snapshot
        return evaluate(snapshot)
    }

    public func evaluate(_ snapshot: Snapshot) -> Evaluation {
        Evaluation(snapshot: snapshot, findings: Engine(rubrics: [rubric], checks: checks).evaluate(snapshot, params: params, today: day))
    }

    public func assess(_ paths: [String], options: Options = Options()) throws(DocumentError) -> Assessment {
        assess(try evaluate(paths), options: options)
    }

    /// Scores an evaluation.
    public func assess(_ evaluation: Evaluation, options: Options = Options()) -> Assessment {
        var findings = evaluation.findings
        if let scope = options.scope { findings = scope.apply(to: findings, snapshot: evaluation.snapshot) }
        findings += options.extraFindings
        var context = manifest.map { Assessment.Context(manifest: $0, asOf: day) } ?? Assessment.Context(asOf: day)
        context.baseline = options.baseline
        context.before = options.before
        if options.readSources { context.sources = Self.sources(for: findings) }
        return Assessment(rubric: rubric, checks: checks, findings: findings, failOn: options.failOn, failOnVerdict: options.failOnVerdict,
                          inputs: evaluation.snapshot.files, resourceCount: evaluation.snapshot.resources.count, context: context)
    }

    /// Source lines of the files that have findings to show.
    static func sources(for findings: [Finding]) -> [String: [String]] {
        var sources: [String: [String]] = [:]
        for file in Set(findings.filter { $0.status != .pass }.compactMap { $0.location?.file }) {
            guard let bytes = try? DocumentLoader.readFile(path: file) else { continue }
            sources[file] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return sources
    }
}
