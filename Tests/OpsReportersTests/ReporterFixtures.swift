import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument

/// A fixed assessment of the not-ready example, as of a fixed day, for golden files and validators.
enum ReporterFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func assessment(template: String? = nil, manifest: String? = "examples/aicc-not-ready/opsready.yaml") throws -> Assessment {
        let cwd = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        let rubric = try RubricLoader.load(directory: "rubrics/operational-excellence")
        let checks = try CheckLoader.load(directories: ["checks"], rubrics: [rubric])
        let day = CalendarDate("2026-11-23")!
        let loadedManifest = try manifest.map { path throws(DocumentError) in try Manifest.load(path: path) }
        let inputs = template.map { [$0] } ?? loadedManifest?.inputs ?? []
        let loaded = try InputLoader().load(paths: inputs)
        let findings = Engine(rubrics: [rubric], checks: checks).evaluate(loaded.snapshot, params: loadedManifest?.params ?? [:])
        var context = loadedManifest.map { Assessment.Context(manifest: $0, asOf: day) } ?? Assessment.Context(asOf: day)
        for file in Set(findings.compactMap { $0.location?.file }) {
            context.sources[file] = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        }
        return Assessment(rubric: rubric, checks: checks, findings: findings, failOn: .high, failOnVerdict: .notReady,
                          inputs: loaded.snapshot.files, resourceCount: loaded.snapshot.resources.count, context: context)
    }

    /// Runs a program; nil when it is not installed (exit 127 from env).
    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { return nil }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFile(_ text: String, _ name: String) throws -> String {
        let directory = NSTemporaryDirectory() + "opsready-reporters-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
