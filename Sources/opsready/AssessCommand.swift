import ArgumentParser
import Foundation
import OpsDocument
import OpsExpr
import OpsReadyKit
import OpsProbes
import OpsReporters

/// Report formats `assess` can write.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, markdown, html
    /// GitHub Actions workflow commands.
    case annotations
    /// Answers for the Well-Architected Tool, per question, with evidence notes.
    case waAnswers = "wa-answers"

    var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .json: return "json"
        case .sarif: return "sarif"
        case .junit: return "junit.xml"
        case .markdown: return "md"
        case .html: return "html"
        case .annotations: return "annotations.txt"
        case .waAnswers: return "wa-answers.json"
        }
    }
}

/// The gate threshold, or `none`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// The verdict at or beyond which the gate fails, or `none`.
enum FailOnVerdict: String, ExpressibleByArgument, CaseIterable {
    case notReady = "not_ready", conditional, none

    var verdict: Verdict? {
        switch self {
        case .notReady: return .notReady
        case .conditional: return .conditional
        case .none: return nil
        }
    }
}

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess templates and snapshots against the rubric and check packs.",
        discussion: """
        Exit status: 0 the gate passed; 1 the gate failed (a failing finding at or above --fail-on, an expired \\
        waiver, or a verdict at or beyond --fail-on-verdict); 2 usage or input error.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("format"), help: "Report format: text, json, sarif, junit, markdown, html, annotations, wa-answers; repeatable.")
    var formats: [ReportFormat] = []

    @Option(help: "Write the report to FILE, or into DIR as opsready-report.<ext> per format.")
    var output: String?

    @Option(help: "Fail (exit 1) on a failing finding at or above: critical, high, medium, low, none.")
    var failOn: FailOn = .high

    @Option(help: "Fail on this verdict or worse: not_ready, conditional, none (default: not_ready with --manifest, none without).")
    var failOnVerdict: FailOnVerdict?

    @Option(help: "Only findings not in this baseline (see `opsready baseline update`) fail the gate.")
    var baseline: String?

    @Option(help: "Gate only resources in these files (one path per line, as `git diff --name-only` prints).")
    var changedFiles: String?

    @Option(help: "Gate only resources whose lines changed since this git revision.")
    var gitDiff: String?

    @Option(help: "Show risk and verdict changes against a JSON report or a git revision (assessed in a temporary worktree).")
    var compareTo: String?

    @Flag(help: "Also run the manifest's live probes and include their results as findings.")
    var probes = false

    @Option(help: "Also keep this assessment as reports/milestones/NAME.json, for `opsready diff`.")
    var saveMilestone: String?

    @Option(help: "Language of the report: ko or en.")
    var lang: Language = .en

    @Flag(help: "List passing practices and findings too.")
    var verbose = false

    @Flag(help: "Never colour the text report.")
    var noColor = false

    func run() throws {
        let loaded = try input.load()
        let result = try InputLoader().load(paths: loaded.inputs)
        let engine = Engine(rubrics: [loaded.rubric], checks: loaded.checks)
        var findings = engine.evaluate(result.snapshot, params: loaded.overrides, today: loaded.day)
        if let scope = try changeScope() { findings = scope.apply(to: findings, snapshot: result.snapshot) }
        if probes {
            guard !loaded.probes.isEmpty else { throw ValidationError("--probes needs a --manifest that declares probes (or packs that ship them)") }
            findings += ProbeExecution.runBlocking(loaded.probes, runner: ProbeRunner()).map(\.finding)
        }

        var context = loaded.manifest.map { Assessment.Context(manifest: $0, asOf: loaded.day) } ?? Assessment.Context(asOf: loaded.day)
        context.baseline = try baseline.map { path throws(DocumentError) in try Baseline.load(path: path) }
        context.sources = Self.sources(for: findings)
        if let compareTo { context.before = try before(compareTo, loaded: loaded) }
        let verdictThreshold = failOnVerdict ?? (loaded.manifest == nil ? FailOnVerdict.none : .notReady)
        let assessment = Assessment(rubric: loaded.rubric, checks: loaded.checks, findings: findings, failOn: failOn.severity,
                                    failOnVerdict: verdictThreshold.verdict, inputs: result.snapshot.files,
                                    resourceCount: result.snapshot.resources.count, context: context)
        if let name = saveMilestone {
            guard name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
                throw ValidationError("--save-milestone takes a name of letters, digits, '.', '_' and '-'")
            }
            try AtomicFile.write(JSONReporter(language: lang).render(assessment), to: "reports/milestones/\(name).json")
        }
        try write(assessment)
        if assessment.gate.failed { throw ExitCode(1) }
    }

    private func changeScope() throws -> ChangeScope? {
        if let changedFiles {
            let text = try DocumentLoader.readFile(path: changedFiles)
            return ChangeScope.changedFiles(String(decoding: text, as: UTF8.self))
        }
        if let gitDiff {
            let root = try Git.root()
            let diff = try Git.run(["diff", "-U0", "--no-color", "--no-ext-diff", gitDiff, "--"])
            // git prints paths from the repository root; findings name them from the current directory.
            let scope = ChangeScope.unifiedDiff(diff)
            return ChangeScope(files: Dictionary(scope.files.map { (root + "/" + $0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
        return nil
    }

    /// The earlier side of a comparison: a saved JSON report, or the same inputs at a git revision.
    private func before(_ reference: String, loaded: InputOptions.Loaded) throws -> AssessmentDiff.Side {
        if reference.hasSuffix(".json") || FileManager.default.fileExists(atPath: reference) {
            return try AssessmentDiff.side(reference)
        }
        let root = try Git.root()
        let worktree = NSTemporaryDirectory() + "opsready-base-\(UUID().uuidString)"
        _ = try Git.run(["worktree", "add", "--detach", "--quiet", worktree, reference])
        defer { _ = try? Git.run(["worktree", "remove", "--force", worktree]) }
        let cwd = FileManager.default.currentDirectoryPath
        let relativeCwd = cwd.hasPrefix(root) ? String(cwd.dropFirst(root.count)) : ""
        let paths = loaded.inputs.map { $0.hasPrefix("/") ? worktree + String($0.dropFirst(root.count)) : worktree + relativeCwd + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let result = try InputLoader().load(paths: paths)
        let findings = Engine(rubrics: [loaded.rubric], checks: loaded.checks).evaluate(result.snapshot, params: loaded.overrides, today: loaded.day)
        let context = loaded.manifest.map { Assessment.Context(manifest: $0, asOf: loaded.day) } ?? Assessment.Context(asOf: loaded.day)
        let base = Assessment(rubric: loaded.rubric, checks: loaded.checks, findings: findings, failOn: nil, inputs: result.snapshot.files,
                              resourceCount: result.snapshot.resources.count, context: context)
        return AssessmentDiff.Side(verdict: base.verdict.rawValue, score: base.score,
                                   risks: base.questions.map { ($0.question.id, $0.risk.rawValue) }, failing: [:])
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

    private func write(_ assessment: Assessment) throws {
        let chosen = formats.isEmpty ? [ReportFormat.text] : formats
        var rendered: [(ReportFormat, String)] = []
        for format in chosen {
            let text: String
            switch format {
            case .text: text = TextReporter(language: lang, color: output == nil && !noColor && Terminal.colorful, verbose: verbose).render(assessment)
            case .json: text = JSONReporter(language: lang).render(assessment)
            case .sarif: text = SARIFReporter(language: lang).render(assessment)
            case .junit: text = JUnitReporter(language: lang).render(assessment)
            case .markdown: text = MarkdownReporter(language: lang).render(assessment)
            case .html: text = HTMLReporter(language: lang).render(assessment)
            case .annotations: text = AnnotationsReporter(language: lang).render(assessment)
            case .waAnswers: text = WellArchitectedLens.answers(assessment, language: lang)
            }
            rendered.append((format, text))
        }
        guard let output else {
            for (_, text) in rendered { FileHandle.standardOutput.write(Data(text.utf8)) }
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if rendered.count == 1 && !(exists && isDirectory.boolValue) && !output.hasSuffix("/") {
            try AtomicFile.write(rendered[0].1, to: output)
        } else {
            try AtomicFile.writeSet(rendered.map { ("opsready-report." + $0.0.fileExtension, $0.1) }, into: output.hasSuffix("/") ? String(output.dropLast()) : output)
        }
        let score = assessment.score.map { String(format: "%.1f", $0) } ?? "—"
        FileHandle.standardError.write(Data("opsready: \(assessment.verdict.rawValue), score \(score), \(assessment.count(.fail)) failing finding(s); report written to \(output)\n".utf8))
    }
}
