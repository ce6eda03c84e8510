import ArgumentParser
import Foundation
import OpsCore
import OpsDocument
import OpsHypercare

@main
struct Main {
    static func main() async {
        do {
            var command = try Opsready.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as DocumentError {
            Terminal.fail(error.diagnostic)
        } catch let error as CLIError {
            Terminal.fail("error: \(error.message)")
        } catch let error as ExternalProgram.Failure {
            Terminal.fail("error: \(error)")
        } catch {
            // Usage mistakes exit 2 like input errors; help and version exit 0; ExitCode passes through.
            let code = Opsready.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((Opsready.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Opsready.exit(withError: error)
        }
    }
}

struct Opsready: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsready",
        abstract: "Is this cloud workload ready for production? Checks config against the Well-Architected Operational Excellence pillar.",
        version: OpsReady.version,
        subcommands: [Assess.self, Probe.self, Hypercare.self, Serve.self, Collect.self, BaselineCommand.self, Diff.self, RubricCommand.self, Checks.self, Expr.self, Alerts.self]
    )
}

/// An error the CLI reports in one line with exit code 2.
struct CLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

enum Terminal {
    /// One error line on standard error, exit 2. Messages quote input (an unknown key, a value), so the line is made
    /// safe for a terminal or CI log first.
    static func fail(_ line: String) -> Never {
        FileHandle.standardError.write(Data((line.terminalSafe + "\n").utf8))
        exit(2)
    }

    static var colorful: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

extension Language: ExpressibleByArgument {}

/// `--as-of 2027-02-23`: a calendar day, refused as a usage error (exit 2) when it is not one.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
