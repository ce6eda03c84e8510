import ArgumentParser
import Foundation
import OpsDocument
import OpsExpr
import OpsReadyKit

/// Report formats `assess` can write.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    /// Answers for the Well-Architected Tool, per question, with evidence notes.
    case waAnswers = "wa-answers"

    var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .json: return "json"
        case .waAnswers: return "wa-answers.json"
        }
    }
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

/// The gate threshold, or `none`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess templates and snapshots against the rubric and check packs.",
        discussion: """
        Exit status: 0 the gate passed; 1 the gate failed (a failing finding at or above --fail-on, an expired waiver, \
        or a verdict at or beyond --fail-on-verdict); 2 usage or input error.
        """
    )

    @Argument(help: "Templates or directories to scan (default: the manifest's inputs).")
    var paths: [String] = []

    @Option(help: "Workload manifest (opsready.yaml).")
    var manifest: String?

    @Option(name: .customLong("checks"), help: "Check pack directory; repeat for several (default: the bundled checks/).")
    var checkDirectories: [String] = []

    @Option(name: .customLong("rubrics"), help: "Rubric directory (default: the bundled rubrics/operational-excellence).")
    var rubricDirectory: String?

    @Option(name: .customLong("format"), help: "Report format: text or json; repeat for several.")
    var formats: [ReportFormat] = []

    @Option(help: "Write the report to FILE, or into DIR as opsready-report.<ext> per format.")
    var output: String?

    @Option(help: "Fail (exit 1) on a failing finding at or above: critical, high, medium, low, none.")
    var failOn: FailOn = .high

    @Option(help: "Fail on this verdict or worse: not_ready, conditional, none (default: not_ready with --manifest, none without).")
    var failOnVerdict: FailOnVerdict?

    @Option(help: "Judge attestation and waiver expiry as of this date (YYYY-MM-DD; default: today in the workload's time zone).")
    var asOf: String?

    @Option(help: "Also keep this assessment as reports/milestones/NAME.json, for `opsready diff`.")
    var saveMilestone: String?

    @Option(help: "Language of the report: ko or en.")
    var lang: Language = .en

    @Option(name: .customLong("param"), help: "Override a check threshold, name=value (YAML scalar); repeatable.")
    var params: [String] = []

    @Flag(help: "List passing practices and findings too.")
    var verbose = false

    @Flag(help: "Never colour the text report.")
    var noColor = false

    func run() throws {
        let manifestValue = try manifest.map { path throws(DocumentError) in try Manifest.load(path: path) }
        let rubric = try RubricLoader.load(directory: rubricDirectory ?? ResourceLocator.path("rubrics/operational-excellence"))
        var directories = checkDirectories
        if directories.isEmpty {
            let packs = manifestValue?.packs ?? []
            directories = packs.isEmpty ? [ResourceLocator.path("checks")] : packs.map { ResourceLocator.path("checks/\($0)") }
        }
        let checks = try CheckLoader.load(directories: directories, rubrics: [rubric])
        try manifestValue?.validate(rubric: rubric, checks: checks)
        var inputs = paths
        if inputs.isEmpty { inputs = manifestValue?.inputs ?? [] }
        guard !inputs.isEmpty else { throw ValidationError("Give templates or directories to assess, or a --manifest with inputs.") }
        var overrides = manifestValue?.params ?? [:]
        for item in params {
            guard let eq = item.firstIndex(of: "=") else { throw ValidationError("--param takes name=value, got '\(item)'") }
            let node = try DocumentLoader.parse(String(item[item.index(after: eq)...]), file: "--param").first ?? Node(.scalar(.null), location: SourceLocation(file: "--param", line: 1, column: 1))
            overrides[String(item[..<eq])] = Value(node)
        }
        let declared = Set(checks.flatMap { $0.params.keys })
        if let unknown = overrides.keys.sorted().first(where: { !declared.contains($0) }) {
            throw CLIError("unknown check parameter '\(unknown)' (known: \(declared.sorted().joined(separator: ", ")))")
        }
        let loaded = try InputLoader().load(paths: inputs)
        let engine = Engine(rubrics: [rubric], checks: checks)
        let findings = engine.evaluate(loaded.snapshot, params: overrides)
        var day = manifestValue.map { Today.date(in: $0.workload.timezone) } ?? Today.date(in: nil)
        if let asOf {
            guard let parsed = CalendarDate(asOf) else { throw ValidationError("--as-of takes a date like 2026-12-01, got '\(asOf)'") }
            day = parsed
        }
        let context = manifestValue.map { Assessment.Context(manifest: $0, asOf: day) } ?? Assessment.Context(asOf: day)
        let verdictThreshold = failOnVerdict ?? (manifestValue == nil ? FailOnVerdict.none : .notReady)
        let assessment = Assessment(rubric: rubric, checks: checks, findings: findings, failOn: failOn.severity,
                                    failOnVerdict: verdictThreshold.verdict, inputs: loaded.snapshot.files,
                                    resourceCount: loaded.snapshot.resources.count, context: context)
        if let name = saveMilestone {
            guard name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) != nil else {
                throw ValidationError("--save-milestone takes a name of letters, digits, '.', '_' and '-'")
            }
            try AtomicFile.write(JSONReporter(language: lang).render(assessment), to: "reports/milestones/\(name).json")
        }
        try write(assessment)
        if assessment.gate.failed { throw ExitCode(1) }
    }

    private func write(_ assessment: Assessment) throws {
        let chosen = formats.isEmpty ? [ReportFormat.text] : formats
        var rendered: [(ReportFormat, String)] = []
        for format in chosen {
            switch format {
            case .text: rendered.append((format, TextReporter(language: lang, color: output == nil && !noColor && Terminal.colorful, verbose: verbose).render(assessment)))
            case .json: rendered.append((format, JSONReporter(language: lang).render(assessment)))
            case .waAnswers: rendered.append((format, WellArchitectedLens.answers(assessment, language: lang)))
            }
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
            for (format, text) in rendered { try AtomicFile.write(text, to: output + "/opsready-report." + format.fileExtension) }
        }
        if !chosen.contains(.text) || rendered.count > 1 {
            // Keep people informed when the report went to files.
            let summary = "opsready: \(assessment.verdict.rawValue), score \(assessment.score.map { String(format: "%.1f", $0) } ?? "—"), \(assessment.count(.fail)) failing finding(s); report written to \(output)\n"
            FileHandle.standardError.write(Data(summary.utf8))
        } else {
            FileHandle.standardError.write(Data("opsready: report written to \(output)\n".utf8))
        }
    }
}
