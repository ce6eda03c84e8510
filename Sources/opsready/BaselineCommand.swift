import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record today's failing findings so that only new ones fail the gate.",
        subcommands: [Update.self]
    )

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Assess and write the failing findings' fingerprints to a baseline file.")

        @OptionGroup var input: InputOptions

        @Option(help: "Baseline file to write.")
        var output = "reports/baseline.json"

        func run() throws {
            let loaded = try input.load()
            let assessor = loaded.assessor
            let baseline = assessor.baseline(try assessor.evaluate(loaded: loaded.loading.result()))
            try AtomicFile.write(baseline.rendered(), to: output)
            print("baseline: \(baseline.entries.count) failing finding(s) recorded in \(output)")
        }
    }
}
