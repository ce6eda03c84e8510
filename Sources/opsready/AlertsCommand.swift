import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsReporters

struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read alerting configuration: which component each alert covers, rule expressions.",
        subcommands: [Coverage.self, Check.self]
    )

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The coverage proof: every component × every signal it needs, with the alert covering it (where, threshold, duration, route) or what is missing.",
            discussion: "Components are ECS services, load balancers, Lambda functions, databases and caches in the inputs, and the jobs Prometheus rules name; what each needs is the `components` table of checks/alerting/metrics.yaml. Exit 1 when a required cell is missing."
        )

        @Argument(help: "Templates, snapshots, rule files and Alertmanager configs, or directories (default: the manifest's inputs).")
        var paths: [String] = []

        @Option(help: "Workload manifest (opsready.yaml): its inputs.")
        var manifest: String?

        @Option(help: "Output format.")
        var format: FormatChoice<AlertCoverage> = .first

        @Option(help: "Write the output to this file (atomically) instead of standard output.")
        var output: String?

        @Option(help: "Language of the output: ko or en.")
        var lang: Language = .en

        @Flag(help: "List alert expressions that do not parse as unreadable instead of stopping at the first.")
        var lenient = false

        func run() throws {
            var inputs = paths
            if inputs.isEmpty, let manifest { inputs = try Manifest.load(path: manifest).inputs }
            guard !inputs.isEmpty else { throw ValidationError("Give inputs to read, or a --manifest with inputs.") }
            let snapshot = try InputLoader(lenient: lenient).load(paths: inputs).snapshot
            let dictionary: MetricDictionary
            switch MetricDictionary.bundled {
            case .success(let d): dictionary = d
            case .failure(let error): throw error
            }
            let coverage = AlertCoverage.build(snapshot, dictionary: dictionary)
            let text = format.render(coverage, options: ReportOptions(language: lang))
            if let output { try AtomicFile.write(text, to: output) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
            if coverage.rows.contains(where: { !$0.missing.isEmpty }) { throw ExitCode(1) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse every rule expression of Prometheus rule files and PrometheusRule manifests, as promtool check rules does.",
            discussion: "Prints one `file:line:column: error: …` line per expression that is not PromQL and exits 2 if there is any; otherwise how many rules were read."
        )

        @Argument(help: "Prometheus rule files or PrometheusRule manifests (YAML, one or more documents each).")
        var paths: [String]

        func run() throws {
            var rules = 0
            var problems: [DocumentError] = []
            for path in paths {
                var recognised = false
                for document in try DocumentLoader.load(path: path) {
                    guard let groups = PrometheusRulesAdapter.groups(of: document)?.items else { continue }
                    recognised = true
                    rules += groups.reduce(0) { $0 + ($1["rules"]?.items?.count ?? 0) }
                    problems += RuleExpressions.problems(in: document)
                }
                if !recognised { problems.append(DocumentError(file: path, line: 1, column: 1, message: "no Prometheus rule groups in this file")) }
            }
            guard problems.isEmpty else {
                for problem in problems { FileHandle.standardError.write(Data((problem.diagnostic.terminalSafe + "\n").utf8)) }
                throw ExitCode(2)
            }
            print("\(rules) rule\(rules == 1 ? "" : "s") in \(paths.count) file\(paths.count == 1 ? "" : "s"): every expression is PromQL")
        }
    }
}
