import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsProbes
import OpsReporters

struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Run the manifest's live probes: HTTP, TLS certificate, TCP and DNS.",
        discussion: "Exit 0 when every probe's condition holds, 1 when one does not, 2 on bad input. Ctrl-C stops and reports what finished."
    )

    @Option(help: "Workload manifest with `probes:`.")
    var manifest: String = "opsready.yaml"

    @Option(name: .customLong("repeat"), help: "Measure each probe this many times and report p50/p95/p99.")
    var repeatCount = 1

    @Option(help: "Seconds between repetitions; the operations scenarios' health-check interval by default (seed 002 §2.2, 30초 간격).")
    var interval: Double = 30

    @Option(help: "Probes in flight at once.")
    var concurrency = 32

    @Option(help: "Seconds all probes together may take.")
    var timeout: Double = 120

    @Option(help: "Append one JSON line per probe (timestamp, status, measurements) to this file: the measurement history.")
    var record: String?

    @Option(help: "Language of the output: ko or en.")
    var lang: Language = .en

    @Option(help: "Output format.")
    var format: FormatChoice<ProbeResults> = .first

    func run() async throws {
        let loaded = try Manifest.load(path: manifest)
        let rubric = try RubricLoader.load(directory: ResourceLocator.path("rubrics/operational-excellence"))
        let probes = try InputOptions.probes(of: loaded, rubric: rubric, directories: try InputOptions.packDirectories(loaded))
        guard !probes.isEmpty else { throw CLIError("\(manifest) declares no probes, and its packs ship none") }
        let results = await ProbeExecution.run(probes, runner: ProbeRunner(concurrency: concurrency, overallTimeoutSeconds: timeout,
                                                                                  repeatCount: repeatCount, intervalSeconds: interval))
        let run = ProbeResults(results)
        if let record { try JSONLinesFile.append(run.records(at: ISO8601DateFormatter().string(from: Date())).map(\.line).joined(), to: record) }
        FileHandle.standardOutput.write(Data(format.render(run, options: ReportOptions(language: lang)).utf8))
        if results.contains(where: { $0.status == .fail || $0.status == .error }) { throw ExitCode(1) }
    }
}

/// An append-only JSON Lines file (the probe history `probe --record` writes): one whole write per run, so a
/// reader never sees half a line.
enum JSONLinesFile {
    static func append(_ lines: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw CLIError("\(path): cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(lines.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CLIError("\(path): could not append the probe results") }
    }
}

/// Runs probes so that Ctrl-C cancels them cleanly instead of killing the process mid-report.
enum ProbeExecution {
    static func run(_ specs: [ProbeSpec], runner: ProbeRunner) async -> [ProbeResult] {
        let task = Task { await runner.run(specs) }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            FileHandle.standardError.write(Data("opsready: interrupted; finishing the probes in flight\n".utf8))
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return await task.value
    }
}
