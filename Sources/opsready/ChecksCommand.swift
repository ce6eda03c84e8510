import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsHypercare
import OpsReporters

struct Checks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Work with check packs.",
        subcommands: [Test.self, List.self, Seeds.self]
    )

    struct Options: ParsableArguments {
        @Argument(help: "Check directories (default: the bundled checks/).")
        var directories: [String] = []

        @Option(name: .customLong("rubrics"), help: "Rubric directory the checks' practice ids refer to.")
        var rubricDirectory: String?

        func load() throws -> (Rubric, [Check]) {
            let rubric = try RubricLoader.load(directory: rubricDirectory ?? ResourceLocator.path("rubrics/operational-excellence"))
            let checks = try CheckLoader.load(directories: directories.isEmpty ? [ResourceLocator.path("checks")] : directories, rubrics: [rubric])
            return (rubric, checks)
        }

        /// The metric dictionaries below the check directories.
        func dictionaryFiles() -> [String] {
            (directories.isEmpty ? [ResourceLocator.path("checks")] : directories).flatMap(InputLoader.templateFiles).filter(MetricDictionary.isDictionaryFile)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every check's passing and failing examples.",
            discussion: "Prints one line per example that misbehaves and `N passed, M failed`; exit 1 when any fails."
        )

        @OptionGroup var options: Options

        func run() throws {
            let (rubric, checks) = try options.load()
            let outcome = CheckExampleRunner.run(checks, rubrics: [rubric])
            for failure in outcome.failures { print("\(failure)".terminalSafe) }
            print("checks: \(outcome.examples - outcome.failures.count) passed, \(outcome.failures.count) failed")
            var failed = outcome.failures.count
            for path in options.dictionaryFiles() {
                let metrics = try MetricDictionary.load(path: path).runExamples()
                for failure in metrics.failures { print(failure.terminalSafe) }
                print("metrics \(path.terminalSafe): \(metrics.examples - metrics.failures.count) passed, \(metrics.failures.count) failed")
                failed += metrics.failures.count
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the checks with severity, practices and title.")

        @OptionGroup var options: Options

        @Option(help: "Language of titles: ko or en.")
        var lang: Language = .en

        @Option(help: "Only the checks that cite this seed document (000, 001, 002, 003, 004, or a file name); adds the citation.")
        var seed: String?

        func run() throws {
            let (_, checks) = try options.load()
            for check in checks {
                if let seed {
                    let citation = check.seed
                    guard citation.components(separatedBy: "; ").contains(where: { $0.hasPrefix(seed) }) else { continue }
                    print("\(check.id.terminalSafe)\t\(check.severity.rawValue)\t\(check.title.text(lang).terminalSafe)\t\(citation.terminalSafe)")
                    continue
                }
                print("\(check.id.terminalSafe)\t\(check.severity.rawValue)\t\(check.practices.joined(separator: ",").terminalSafe)\t\(check.title.text(lang).terminalSafe)")
            }
        }
    }

    struct Seeds: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seeds",
            abstract: "The seed-coverage table (docs/seeds.md): each requirement of the seeds, where it is checked and with what value, or why it cannot be."
        )

        @OptionGroup var options: Options

        @Option(help: "Write the Markdown to this file (atomically) instead of standard output.")
        var output: String?

        func run() throws {
            let (_, checks) = try options.load()
            let page = SeedCoverageReporter(checks: checks, plan: try HypercarePlan.load(path: ResourceLocator.path("rubrics/hypercare/plan.yaml")),
                                            choices: try SeedChoices.bundled(),
                                            unchecked: try SeedUnchecked.load(path: ResourceLocator.path("rubrics/seed-unchecked.yaml")),
                                            seeds: try SeedCatalog.load(path: ResourceLocator.path("rubrics/seeds.yaml"))).markdown()
            if let output { try AtomicFile.write(page, to: output) } else { FileHandle.standardOutput.write(Data(page.utf8)) }
        }
    }
}
