import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Running another program — git for `--git-diff` and `--compare-to`, the AWS CLI for `collect` — the only place
/// opsready starts one. Its standard output is returned; a failure is one line: the program's last words on
/// standard error, or that it is not installed.
enum ExternalProgram {
    /// A program that could not run or exited with a failure, in one line.
    struct Failure: Error, CustomStringConvertible {
        let command: String
        /// The program's last line on standard error, or why it did not run.
        let reason: String
        var description: String { "\(command): \(reason)" }
    }

    /// Output beyond this is refused rather than held in memory (a diff of generated files, a runaway program).
    static let outputLimit = 256 * 1024 * 1024

    static func run(_ name: String, _ arguments: [String], in directory: String? = nil) async throws -> String {
        let command = ([name] + arguments).joined(separator: " ")
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(.name(name), arguments: Arguments(arguments), workingDirectory: directory.map { FilePath($0) },
                                              output: .string(limit: outputLimit), error: .string(limit: 1024 * 1024))
        } catch let error as SubprocessError where error.code == .executableNotFound {
            throw Failure(command: command, reason: "\(name) is not on PATH")
        } catch {
            throw Failure(command: command, reason: "cannot run it: \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            let said = result.standardError.split(separator: "\n").last.map(String.init) ?? "\(result.terminationStatus)"
            throw Failure(command: command, reason: said)
        }
        return result.standardOutput
    }
}

/// git, for the pull-request gate.
enum Git {
    static func run(_ arguments: [String], in directory: String? = nil) async throws -> String {
        try await ExternalProgram.run("git", arguments, in: directory)
    }

    /// The top directory of the repository `directory` is in.
    static func root(of directory: String) async throws -> String {
        try await run(["-C", directory, "rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
