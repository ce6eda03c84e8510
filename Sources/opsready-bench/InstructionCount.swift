import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsReporters

/// Instruction counts under callgrind: unlike wall time they barely move between runs on a busy machine, so they show
/// whether a change made the work smaller. The CLI itself cannot run under valgrind 3.19 (its async main waits in
/// `rt_sigsuspend`, which valgrind faults on), so `assessOnce` does in this process what `opsready assess FILE
/// --format json --output …` does, synchronously; the floor is `--raw-parse` on the same file. Valgrind cannot read the
/// release build's debug information either, so both run from a stripped copy of this binary.
enum InstructionCount {
    /// What `opsready assess PATHS… --format json --output OUTPUT` does, once.
    static func assessOnce(_ paths: [String], output: String) throws {
        var assessor = try bundledAssessor()
        assessor.messageLanguage = .en
        assessor.loader.tracksDependencies = false
        var options = Assessor.Options()
        options.readSources = false
        let evaluation = try assessor.evaluate(paths)
        let assessment = assessor.assess(evaluation, options: options)
        try AtomicFile.stream(to: output) { JSONReporter(options: ReportOptions()).write(assessment, to: $0) }
        // As the CLI does: the process ends with everything still held, rather than freeing it object by object.
        withExtendedLifetime((evaluation, assessment)) { exit(0) }
    }

    /// One line per input: instructions of the in-process assessment and of libyaml's floor, and their ratio; nil
    /// when valgrind or strip is missing.
    static func section(inputs: [(label: String, inputs: [String], files: [String])]) throws -> [String]? {
        guard let valgrind = executable("valgrind"), let strip = executable("strip") else { return nil }
        let stripped = NSTemporaryDirectory() + "opsready-bench-stripped-\(getpid())"
        defer { unlink(stripped) }
        guard run(strip, ["-o", stripped, CommandLine.arguments[0]]) != nil else { throw BenchError("strip failed") }
        let output = NSTemporaryDirectory() + "opsready-bench-cg-\(getpid()).json"
        defer { unlink(output) }
        return try inputs.map { input in
            guard let ours = instructions(valgrind, [stripped, "--assess-once", output] + input.inputs),
                  let floor = instructions(valgrind, [stripped, "--raw-parse"] + input.files) else {
                throw BenchError("callgrind failed on \(input.label)")
            }
            let padded = input.label.count < 28 ? input.label + String(repeating: " ", count: 28 - input.label.count) : input.label
            return padded + String(format: " %12.1f M %12.1f M %7.1fx", Double(floor) / 1e6, Double(ours) / 1e6, Double(ours) / Double(floor))
        }
    }

    /// Instructions callgrind counted for `arguments`, from its `Collected :` line.
    private static func instructions(_ valgrind: String, _ arguments: [String]) -> Int? {
        guard let log = run(valgrind, ["--tool=callgrind", "--callgrind-out-file=/dev/null"] + arguments, errors: true) else { return nil }
        guard let line = log.split(separator: "\n").first(where: { $0.contains("Collected :") }) else { return nil }
        return line.split(separator: " ").last.flatMap { Int($0) }
    }

    /// Runs a program to its end: its standard output (or error, with `errors`), nil when it fails.
    private static func run(_ program: String, _ arguments: [String], errors: Bool = false) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        if errors {
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
        } else {
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
        }
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    private static func executable(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
