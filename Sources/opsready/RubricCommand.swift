import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsReporters

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Export a rubric as a Well-Architected Tool custom lens, import a lens, or show which practices a workload evidences.",
        subcommands: [Export.self, Import.self, Coverage.self]
    )

    enum LensFormat: String, ExpressibleByArgument {
        case waLens = "wa-lens"
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the rubric as WA Tool custom lens JSON (schemaVersion 2021-11-01).")

        @Option(name: .customLong("rubrics"), help: "Rubric directory (default: the bundled rubrics/operational-excellence).")
        var rubricDirectory: String?

        @Option(help: "Output format: wa-lens.")
        var format: LensFormat = .waLens

        @Option(help: "Language of the lens text: ko or en.")
        var lang: Language = .en

        @Option(help: "Write to FILE instead of standard output.")
        var output: String?

        func run() throws {
            let rubric = try RubricLoader.load(directory: rubricDirectory ?? ResourceLocator.path("rubrics/operational-excellence"))
            let lens: String
            do { lens = try WellArchitectedLens.export(rubric, language: lang) } catch { throw CLIError("\(error)") }
            if let output { try AtomicFile.write(lens, to: output) } else { FileHandle.standardOutput.write(Data(lens.utf8)) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Read a WA Tool custom lens JSON and write it as a rubric directory.")

        @Argument(help: "Lens JSON file.")
        var file: String

        @Option(help: "Directory to write the rubric into (default: rubrics/<lens name>).")
        var output: String?

        func run() throws {
            let rubric = try WellArchitectedLens.importLens(path: file)
            let directory = output ?? "rubrics/\(rubric.id)"
            try RubricWriter.write(rubric, to: directory)
            print("imported \(rubric.questions.count) questions and \(rubric.practices.count) practices into \(directory)")
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "Per best practice: the checks and probes that can evidence it, whether this workload's inputs gave them anything, and where.",
            discussion: "Reads the same inputs as `assess` (templates, the manifest's repository, alerting config). Exit 0 unless the input is bad (2)."
        )

        @OptionGroup var input: InputOptions

        @Option(help: "Output format.")
        var format: FormatChoice<PracticeCoverage> = .first

        @Option(help: "Language of the output: ko or en.")
        var lang: Language = .en

        func run() throws {
            let loaded = try input.load()
            var options = Assessor.Options(failOn: nil)
            options.readSources = false
            let assessor = loaded.assessor
            let assessment = assessor.assess(try assessor.evaluate(loaded: loaded.loading.result()), options: options)
            FileHandle.standardOutput.write(Data(format.render(PracticeCoverage(assessment), options: ReportOptions(language: lang)).utf8))
        }
    }
}
