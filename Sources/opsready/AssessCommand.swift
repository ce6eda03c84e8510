import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsExpr
import OpsProbes
import OpsPortfolio
import OpsReporters

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

struct Assess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess templates and snapshots against the rubric and check packs.",
        discussion: """
        Exit status: 0 the gate passed; 1 the gate failed (a failing finding at or above --fail-on, an expired \\
        waiver, or a verdict at or beyond --fail-on-verdict); 2 usage or input error.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("format"), help: "Report format; repeatable.")
    var formats: [FormatChoice<Assessment>] = []

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

    @Option(help: "Also keep this assessment in a store (a SQLite file or postgres:// URL; the one `hypercare record` writes) for `opsready serve`.")
    var store: String?

    @Option(help: "With --store: who ran the assessment (default: the OS user).")
    var by: String?

    @Option(help: "With --store: the workload's name (default: the manifest's workload.name).")
    var workload: String?

    @Option(help: "Language of the report: ko or en.")
    var lang: Language = .en

    @Flag(help: "List passing practices and findings too.")
    var verbose = false

    @Flag(help: "Never colour the text report.")
    var noColor = false

    func validate() throws {
        if store == nil && (by != nil || workload != nil) { throw ValidationError("--by and --workload go with --store") }
        if let workload, !WorkloadName.isValid(workload) {
            throw ValidationError("--workload takes a name of 1–256 characters without control characters")
        }
    }

    func run() async throws {
        let loaded = try input.load(tracksDependencies: changedFiles != nil || gitDiff != nil)
        var assessor = loaded.assessor
        // Every report of this run is in one language; a stored assessment is read in either.
        if store == nil { assessor.messageLanguage = lang }
        var options = Assessor.Options(failOn: failOn.severity, failOnVerdict: (failOnVerdict ?? (loaded.manifest == nil ? .none : .notReady)).verdict)
        options.scope = try await changeScope()
        if probes {
            guard !loaded.probes.isEmpty else { throw ValidationError("--probes needs a --manifest that declares probes (or packs that ship them)") }
            options.extraFindings = await ProbeExecution.run(loaded.probes, runner: ProbeRunner()).map(\.finding)
        }
        options.baseline = try baseline.map { path throws(DocumentError) in try Baseline.load(path: path) }
        if let compareTo { options.before = try await before(compareTo, loaded: loaded) }
        options.readSources = store != nil || chosenFormats.contains { $0.reporter.showsSourceLines }
        let evaluation = try assessor.evaluate(loaded: loaded.loading.result())
        let assessment = assessor.assess(evaluation, options: options)
        if let name = saveMilestone {
            guard name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
                throw ValidationError("--save-milestone takes a name of letters, digits, '.', '_' and '-'")
            }
            try AtomicFile.stream(to: "reports/milestones/\(name).json") { JSONReporter(options: ReportOptions(language: lang)).write(assessment, to: $0) }
        }
        if let store {
            guard let name = workload ?? loaded.manifest?.workload.name else {
                throw ValidationError("--store keeps assessments by workload: give --workload NAME or a --manifest with workload.name")
            }
            try await AssessmentArchiving.keep(assessment, workload: name, by: by ?? AssessmentArchiving.osUser, milestone: saveMilestone, in: store)
        }
        try write(assessment)
        // Freeing the inputs' trees and the findings object by object would take a tenth of a large run; the system
        // takes the memory back at once when the process ends.
        withExtendedLifetime((loaded, evaluation, assessment)) { Foundation.exit(assessment.gate.failed ? 1 : 0) }
    }

    private func changeScope() async throws -> ChangeScope? {
        if let changedFiles {
            let text = try DocumentLoader.readFile(path: changedFiles)
            return ChangeScope.changedFiles(String(decoding: text, as: UTF8.self))
        }
        if let gitDiff {
            let root = try await Git.root(of: repositoryDirectory)
            let diff = try await Git.run(["-C", root, "diff", "-U0", "--no-color", "--no-ext-diff", gitDiff, "--"])
            // git prints paths from the repository root; findings name them from the current directory.
            return ChangeScope.unifiedDiff(diff, root: root)
        }
        return nil
    }

    /// The earlier side of a comparison: a saved JSON report, or the same inputs at a git revision.
    private func before(_ reference: String, loaded: InputOptions.Loaded) async throws -> AssessmentDiff.Side {
        if reference.hasSuffix(".json") || FileManager.default.fileExists(atPath: reference) {
            return try AssessmentDiff.side(reference)
        }
        let root = try await Git.root(of: repositoryDirectory)
        let worktree = NSTemporaryDirectory() + "opsready-base-\(UUID().uuidString)"
        _ = try await Git.run(["-C", root, "worktree", "add", "--detach", "--quiet", worktree, reference])
        do {
            let side = try Self.assessBase(loaded, root: root, worktree: worktree)
            _ = try? await Git.run(["-C", root, "worktree", "remove", "--force", worktree])
            return side
        } catch {
            _ = try? await Git.run(["-C", root, "worktree", "remove", "--force", worktree])
            throw error
        }
    }

    /// Where to look for the repository: the manifest's directory, else the first input's, else here.
    private var repositoryDirectory: String {
        let anchor = input.manifest ?? input.paths.first
        guard let anchor else { return "." }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: anchor, isDirectory: &isDirectory), isDirectory.boolValue { return anchor }
        let parent = (anchor as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// The same inputs as they are in `worktree` (a checkout of the base revision), assessed without a gate.
    private static func assessBase(_ loaded: InputOptions.Loaded, root: String, worktree: String) throws -> AssessmentDiff.Side {
        func inWorktree(_ path: String) -> String? {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard absolute == root || absolute.hasPrefix(root + "/") else { return nil }
            return worktree + String(absolute.dropFirst(root.count))
        }
        let paths = loaded.inputs.compactMap(inWorktree).filter { FileManager.default.fileExists(atPath: $0) }
        var options = Assessor.Options(failOn: nil)
        options.readSources = false
        // The repository's evidence (CODEOWNERS, documents) as it was at the base, not as it is now.
        var assessor = loaded.assessor
        assessor.loader.repository = assessor.loader.repository.flatMap(inWorktree)
        return AssessmentDiff.Side(try assessor.assess(paths, options: options))
    }

    /// The formats asked for; the first registered one when none is.
    private var chosenFormats: [FormatChoice<Assessment>] { formats.isEmpty ? [.first] : formats }

    private func write(_ assessment: Assessment) throws {
        let chosen = chosenFormats
        let options = ReportOptions(language: lang, color: output == nil && !noColor && Terminal.colorful, verbose: verbose)
        guard let output else {
            try AtomicFile.stream(to: "-") { sink in for format in chosen { format.write(assessment, options: options, to: sink) } }
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if chosen.count == 1 && !(exists && isDirectory.boolValue) && !output.hasSuffix("/") {
            try AtomicFile.stream(to: output) { chosen[0].write(assessment, options: options, to: $0) }
        } else {
            try AtomicFile.writeSet(chosen.map { format in ("opsready-report." + format.reporter.fileExtension, { format.write(assessment, options: options, to: $0) }) },
                                    into: output.hasSuffix("/") ? String(output.dropLast()) : output)
        }
        let score = assessment.score.map { String(format: "%.1f", $0) } ?? "—"
        FileHandle.standardError.write(Data("opsready: \(assessment.verdict.rawValue), score \(score), \(assessment.count(.fail)) failing finding(s); report written to \(output)\n".utf8))
    }
}
