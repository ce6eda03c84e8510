import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import OpsTestSupport

/// A fixed assessment of the not-ready example, as of a fixed day, for golden files and validators.
enum ReporterFixtures {
    /// Fingerprints hash the paths findings are reported at, so the golden files need the inputs named as a user at
    /// the checkout's root names them: the tests run there (`make test`), and say so when they do not.
    struct NotAtTheRoot: Error, CustomStringConvertible {
        var description: String { "run the tests from the checkout's root (\(Checkout.root)), as make test does" }
    }

    static func assessment(template: String? = nil, manifest: String? = "examples/aicc-not-ready/opsready.yaml") throws -> Assessment {
        guard FileManager.default.currentDirectoryPath == Checkout.root else { throw NotAtTheRoot() }
        let rubric = try RubricLoader.load(directory: Checkout.path("rubrics/operational-excellence"))
        let checks = try CheckLoader.load(directories: [Checkout.path("checks")], rubrics: [rubric])
        let loadedManifest = try manifest.map { path throws(DocumentError) in try Manifest.load(path: path) }
        let inputs = template.map { [$0] } ?? loadedManifest?.inputs ?? []
        var assessor = Assessor(rubric: rubric, checks: checks, manifest: loadedManifest, day: CalendarDate("2026-11-23")!)
        assessor.seeds = try SeedCatalog.load(path: Checkout.path("rubrics/seeds.yaml"))
        return try assessor.assess(inputs, options: Assessor.Options(failOn: .high, failOnVerdict: .notReady))
    }

    /// Runs a program; nil when it is not installed (exit 127 from env).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let run = try ChildProcess.run(arguments[0], Array(arguments.dropFirst()))
        return run.status == 127 ? nil : (run.status, run.stdout + run.stderr)
    }

    static func temporaryFile(_ text: String, _ name: String) throws -> String {
        try ScratchDirectory("reporters").write(text, to: name)
    }
}
