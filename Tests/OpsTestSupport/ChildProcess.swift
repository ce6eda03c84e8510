import Foundation

/// Running a program from a test: the CLI under test, git, a linter. One place sets up the pipes, so output is
/// read before waiting (a full pipe never blocks the child) and a failure to start is an error, not a hang.
public struct ChildProcess {
    /// What a finished program left.
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public let process = Process()
    private let out = Pipe(), err = Pipe()

    /// Starts `executable` (a path, or a name looked up on PATH) without waiting for it. `environment` entries are
    /// added to this process's environment; `capture: false` sends the output to /dev/null.
    public init(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                stdin: String? = nil, capture: Bool = true) throws {
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = capture ? out : FileHandle.nullDevice
        process.standardError = capture ? err : FileHandle.nullDevice
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
    }

    /// Runs to the end and returns the exit status and output.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           stdin: String? = nil) throws -> Outcome {
        try ChildProcess(executable, arguments, in: directory, environment: environment, stdin: stdin).wait()
    }

    /// Runs the built `opsready` with the checkout as its home (bundled checks and rubrics).
    public static func opsready(_ arguments: [String], in directory: String = Checkout.root, environment: [String: String] = [:],
                                stdin: String? = nil) throws -> Outcome {
        try run(Checkout.opsready, arguments, in: directory, environment: environment.merging(["OPSREADY_HOME": Checkout.root]) { given, _ in given },
                stdin: stdin)
    }

    /// Reads all output, then waits for the exit. Standard error is drained on another thread while standard output
    /// is read: a child that fills one pipe while the other is being read to its end would otherwise never finish.
    public func wait() -> Outcome {
        let errors = ErrorDrain(process.standardError as? Pipe)
        let stdout = (process.standardOutput as? Pipe).map { $0.fileHandleForReading.readDataToEndOfFile() } ?? Data()
        let stderr = errors.finish()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Reads standard error up to its first line break (a server saying where it listens); empty when it ended first.
    public func firstErrorLine() -> String {
        var text = ""
        while !text.contains("\n") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// Sends a signal (SIGINT for Ctrl-C, SIGKILL for a crash).
    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }
}

/// Reads a pipe to its end on its own thread.
private final class ErrorDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe?) {
        guard let pipe else { done.signal(); return }
        Thread.detachNewThread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
    }

    /// What the pipe held, once it has closed.
    func finish() -> Data {
        done.wait()
        return data
    }
}
