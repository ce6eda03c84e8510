import ArgumentParser
import Foundation
import OpsAssessment
import OpsDocument

struct Alerts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read alerting configuration: check rule expressions.",
        subcommands: [Check.self]
    )

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
