import ArgumentParser
import Foundation
import OpsDocument
import OpsExpr

struct Expr: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expr",
        abstract: "Evaluate and test condition-language (CEL) expressions.",
        subcommands: [Eval.self, Test.self]
    )

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Evaluate one expression and print its value (a check author's REPL).",
            discussion: "A YAML or JSON --input is bound to the variable `input`. Exit 1 when evaluation gives an error."
        )

        @Argument(help: "The expression.")
        var expression: String

        @Option(help: "YAML or JSON file bound to `input`.")
        var input: String?

        @Option(name: .customLong("var"), help: "A variable, name=JSON (or YAML) value; repeatable.")
        var variables: [String] = []

        func run() throws {
            var bindings: [String: Value] = [:]
            if let input {
                let documents = try DocumentLoader.load(path: input)
                bindings["input"] = documents.count == 1 ? Value(documents[0]) : .list(ListValue(nodes: documents))
            }
            for item in variables {
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else { throw ValidationError("--var takes name=value, got '\(item)'") }
                let name = String(item[..<eq])
                let source = String(item[item.index(after: eq)...])
                let nodes = try DocumentLoader.parse(source, file: "--var \(name)")
                bindings[name] = nodes.first.map(Value.init) ?? .null
            }
            let program: Program
            do {
                program = try Program(expression)
            } catch {
                FileHandle.standardError.write(Data("\(expression.terminalSafe)\n\(String(repeating: " ", count: max(0, error.column - 1)))^\nerror: column \(error.column): \(error.message.terminalSafe)\n".utf8))
                throw ExitCode(2)
            }
            do {
                let value = try program.evaluate(Activation(variables: bindings))
                print(ConformanceSuite.render(value).terminalSafe)
            } catch {
                print("error: \(error.message.terminalSafe)")
                throw ExitCode(1)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run a JSON file of cases in the shared conformance format.",
            discussion: "Prints one line per failure and `N passed, M failed`; exit 1 when any case fails."
        )

        @Argument(help: "JSON file of cases.")
        var file: String

        @Flag(help: "Print {\"passed\": N, \"failed\": M, \"failures\": [...]} instead.")
        var json = false

        func run() throws {
            let cases: [ConformanceCase]
            do {
                cases = try ConformanceSuite.load(path: file)
            } catch {
                throw CLIError("\(file): \(error)")
            }
            let failures = cases.compactMap(ConformanceSuite.run)
            let passed = cases.count - failures.count
            if json {
                let object: [String: Any] = [
                    "passed": passed, "failed": failures.count,
                    "failures": failures.map { ["name": $0.testCase.name, "expr": $0.testCase.expr, "reason": $0.reason] },
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                for failure in failures { print("FAIL \(failure.testCase.name): \(failure.testCase.expr) — \(failure.reason)".terminalSafe) }
                print("\(passed) passed, \(failures.count) failed")
            }
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
