import Foundation
import OpsCore
import OpsDocument

/// The CLI end to end, as a CI gate runs it (`opsready assess FILE --format json --output …`, a fresh process each
/// time), beside libyaml's floor: a process that only reads the same files and parses them into events. Both are
/// timed as whole processes, best of three; the ratio is what the performance goals are stated in.
enum CommandLineBenchmark {
    struct Run {
        let seconds: Double
        let peakMB: Double
    }

    /// Spawns `arguments` (stdout to `output`, stderr to /dev/null), waits, and returns the wall time and the child's
    /// peak RSS. Linux counts this process's resident memory at the spawn into the child's peak, so this process keeps
    /// itself small (it writes no template itself).
    static func spawn(_ arguments: [String], output: String = "/dev/null") throws -> Run {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { throw BenchError("cannot run \(arguments[0])") }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw BenchError("wait for \(arguments[0]) failed") }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // 0: ready; 1: the gate failed (the synthetic workload has failing findings); anything else is a failure.
        let code = (status >> 8) & 0xff
        guard status & 0x7f == 0, code <= 1 else { throw BenchError("\(arguments.joined(separator: " ")) exited with \(status)") }
        return Run(seconds: seconds, peakMB: Double(usage.ru_maxrss) / 1024)
    }

    /// The CLI built beside this benchmark.
    static var cli: String { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("opsready").path }

    static func best(_ arguments: [String]) throws -> Run {
        let runs = try (0..<3).map { _ in try spawn(arguments) }
        return Run(seconds: runs.map(\.seconds).min()!, peakMB: runs.map(\.peakMB).max()!)
    }

    /// One line: the CLI and the floor on `inputs` (files, or one directory of them).
    static func line(label: String, inputs: [String], files: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "opsready-bench-\(getpid()).json"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let opsready = try best([cli, "assess"] + inputs + ["--format", "json", "--output", output])
        let floor = try best([CommandLine.arguments[0], "--raw-parse"] + files)
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        let padded = label.count < 28 ? label + String(repeating: " ", count: 28 - label.count) : label
        return padded + String(format: " %7.1f MB %9.1f ms %9.1f ms %7.1fx %9.0f MB", Double(bytes) / 1_048_576,
                      floor.seconds * 1000, opsready.seconds * 1000, opsready.seconds / floor.seconds, opsready.peakMB)
    }

    /// The floor's process: read each file and parse it into libyaml events.
    static func rawParse(_ files: [String]) throws {
        var events = 0
        for file in files { events += rawEventParse(try DocumentLoader.readFile(path: file)) }
        print(events)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
