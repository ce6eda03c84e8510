import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what improved and regressed between two JSON reports (e.g. milestones).",
        discussion: "Reports are matched finding by finding on check, file, resource and property path, so moved lines do not count as changes."
    )

    @Argument(help: "The earlier report (a milestone name under reports/milestones/, or a JSON report path).")
    var before: String

    @Argument(help: "The later report.")
    var after: String

    @Flag(help: "Exit 1 when the verdict got worse or a failing finding is new.")
    var failOnRegression = false

    func run() throws {
        let diff = try AssessmentDiff.load(before: Self.resolve(before), after: Self.resolve(after))
        FileHandle.standardOutput.write(Data(diff.renderText().utf8))
        if failOnRegression && diff.regressed { throw ExitCode(1) }
    }

    /// A bare name is a milestone; anything with a slash or `.json` is a path.
    static func resolve(_ name: String) -> String {
        name.contains("/") || name.hasSuffix(".json") ? name : "reports/milestones/\(name).json"
    }
}
