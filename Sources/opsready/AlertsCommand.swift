import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsReporters

struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Read alerting configuration: which component each alert covers, rule expressions.",
        subcommands: [Coverage.self, Route.self, Check.self]
    )

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
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
            let coverage = AlertCoverage.build(snapshot, dictionary: try MetricDictionary.loadBundled())
            let text = format.render(coverage, options: ReportOptions(language: lang))
            if let output { try AtomicFile.write(text, to: output) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
            if coverage.missingCells > 0 { throw ExitCode(1) }
        }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "route",
            abstract: "Which receivers an alert with these labels reaches, as `amtool config routes test` prints them.",
            discussion: "Labels are name=value, as arguments or in --labels a=b,c=d. Prints the receivers joined by commas; --explain also prints each route taken with its grouping and timings. Exit 1 when --expect names other receivers."
        )

        @Option(help: "Alertmanager configuration (a file, or a Kubernetes Secret holding alertmanager.yaml).")
        var config: String

        @Option(help: "Labels as name=value pairs separated by commas.")
        var labels: String?

        @Argument(help: "Labels as name=value.")
        var pairs: [String] = []

        @Flag(help: "Print each route taken: where it is written, its receiver, group_by and timings.")
        var explain = false

        @Option(help: "The receivers expected, comma-separated; exit 1 when they differ.")
        var expect: String?

        func run() throws {
            var set: [String: String] = [:]
            for pair in pairs + (labels.map { $0.split(separator: ",").map(String.init) } ?? []) {
                guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else { throw ValidationError("a label is name=value, got '\(pair)'") }
                set[String(pair[..<eq]).trimmingCharacters(in: .whitespaces)] = String(pair[pair.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            let snapshot = try InputLoader().load(paths: [config]).snapshot
            let routing = Routing(snapshot)
            guard !routing.isEmpty else { throw CLIError("\(config) has no Alertmanager route") }
            let matches = routing.matches(set)
            let receivers = matches.map(\.receiver).joined(separator: ",")
            print(receivers.terminalSafe)
            if explain {
                for m in matches {
                    var line = "  \(m.path) \(m.location.file):\(m.location.line)  receiver: \(m.receiver)  group_by: [\(m.groupBy.joined(separator: ", "))]"
                    line += "  group_wait: \(m.groupWait)s  group_interval: \(m.groupInterval)s  repeat_interval: \(m.repeatInterval)s"
                    if !m.muteTimeIntervals.isEmpty { line += "  muted: \(m.muteTimeIntervals.joined(separator: ", "))" }
                    if !m.activeTimeIntervals.isEmpty { line += "  active: \(m.activeTimeIntervals.joined(separator: ", "))" }
                    print(line.terminalSafe)
                }
            }
            if let expect, expect != receivers {
                FileHandle.standardError.write(Data("expected \(expect), got \(receivers)\n".terminalSafe.utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
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
