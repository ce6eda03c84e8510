import ArgumentParser
import OpsCore
import OpsReporters

/// A `--format` value: one of the registered reporters of a command's result. The choices, their help and the
/// file extensions all come from `Subject.reporters`, so a new format needs no change here.
struct FormatChoice<Subject: Reportable>: ExpressibleByArgument, CaseIterable, Hashable {
    let reporter: any Reporter<Subject>.Type

    init?(argument: String) {
        guard let reporter = Subject.reporter(format: argument) else { return nil }
        self.reporter = reporter
    }

    private init(_ reporter: any Reporter<Subject>.Type) { self.reporter = reporter }

    static var allCases: [FormatChoice] { Subject.reporters.map(FormatChoice.init) }
    static var allValueStrings: [String] { Subject.reporters.map { $0.format } }
    static var allValueDescriptions: [String: String] { Dictionary(uniqueKeysWithValues: Subject.reporters.map { ($0.format, $0.summary) }) }
    var defaultValueDescription: String { reporter.format }

    /// The first registered format: what a command writes when none is asked for.
    static var first: FormatChoice { allCases[0] }

    func render(_ subject: Subject, options: ReportOptions) -> String { reporter.init(options: options).render(subject) }

    /// Streams the rendering into `sink` (a large report is never whole in memory).
    func write(_ subject: Subject, options: ReportOptions, to sink: OutputSink) { reporter.init(options: options).write(subject, to: sink) }

    static func == (a: FormatChoice, b: FormatChoice) -> Bool { a.reporter.format == b.reporter.format }
    func hash(into hasher: inout Hasher) { hasher.combine(reporter.format) }
}
