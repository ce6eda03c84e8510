import OpsCore
import OpsDocument

/// Runs each check's own examples: passing snippets must give no failing finding, failing snippets must give
/// one, at the line marked `# <-` when a line is marked. A check that does not say how to fix what it finds
/// (`remediation`) fails too.
public enum CheckExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public let check: String
        public let location: SourceLocation
        public let reason: String
        public var description: String { "\(location): \(check): \(reason)" }
    }

    public struct Outcome: Sendable {
        public let examples: Int
        public let failures: [Failure]
    }

    public static func run(_ checks: [Check], rubrics: [Rubric]) -> Outcome {
        var failures: [Failure] = []
        var count = 0
        for check in checks {
            count += 1
            if check.remediation == nil {
                failures.append(Failure(check: check.id, location: check.location, reason: "no 'remediation': say how to fix it, in Korean and English"))
            }
            let engine = Engine(rubrics: rubrics, checks: [check])
            for example in check.examples {
                count += 1
                if let reason = verify(example, engine: engine) {
                    let index = check.examples.filter { $0.shouldFail == example.shouldFail }.firstIndex { $0.location == example.location } ?? 0
                    let label = "\(example.shouldFail ? "failing" : "passing") example \(index + 1)"
                    failures.append(Failure(check: check.id, location: example.location, reason: "\(label): \(reason)"))
                }
            }
        }
        return Outcome(examples: count, failures: failures)
    }

    /// The day examples are evaluated on, so that expiry examples are stable: 2026-01-01.
    public static let exampleDay = CalendarDate("2026-01-01")!

    /// nil when the example behaves as declared, otherwise why not.
    static func verify(_ example: CheckExample, engine: Engine) -> String? {
        let exampleDay = Self.exampleDay
        let file = example.location.file
        let snapshot: Snapshot
        do {
            // Examples may be in any input format; a YAML stream may hold several (rules, then Alertmanager).
            var resources: [Resource] = []
            for document in try DocumentLoader.parse(example.source, file: file) {
                guard let found = try InputLoader.resources(in: document, file: file) else {
                    return "snippet is not a recognised input (line \(example.location.line + document.location.line - 1))"
                }
                resources += found
            }
            snapshot = try InputLoader.snapshot(resources, files: [file]) { _ in true }
        } catch {
            let line = error.line.map { example.location.line + $0 - 1 }
            return "snippet does not load: \(line.map { "line \($0): " } ?? "")\(error.message)"
        }
        let findings = engine.evaluate(snapshot, today: exampleDay)
        if let error = findings.first(where: { $0.status == .error }) {
            return "evaluation error: \(error.message.en)"
        }
        let failing = findings.filter { $0.status == .fail }
        if !example.shouldFail {
            guard let first = failing.first else { return nil }
            return "expected no finding, got one at line \(example.location.line + (first.location?.line ?? 1) - 1): \(first.message.en)"
        }
        guard !failing.isEmpty else { return "expected a failing finding, got none" }
        guard let marked = example.markedLine else { return nil }
        if failing.contains(where: { $0.location?.line == marked }) { return nil }
        let got = failing.compactMap { $0.location.map { String(example.location.line + $0.line - 1) } }.joined(separator: ", ")
        return "expected the finding at line \(example.location.line + marked - 1) (marked), got line \(got)"
    }
}
