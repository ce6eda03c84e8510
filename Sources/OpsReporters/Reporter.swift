import Foundation
import OpsCore

/// What every renderer may be told: the language, and for the terminal whether to colour and how much to show.
public struct ReportOptions: Sendable {
    public var language: Language
    /// ANSI colour (text on a TTY only).
    public var color: Bool
    /// Also list what passed.
    public var verbose: Bool
    /// The directory paths are made relative to (SARIF's `%SRCROOT%`).
    public var root: String

    public init(language: Language = .en, color: Bool = false, verbose: Bool = false, root: String = FileManager.default.currentDirectoryPath) {
        self.language = language
        self.color = color
        self.verbose = verbose
        self.root = root
    }
}

/// One output format of one command's result (its `Subject`): an assessment, a hypercare status, an overview,
/// probe results. A new format is a type conforming to this and a line in `Reportable.reporters`; the CLI's
/// `--format` choices and help come from there.
public protocol Reporter<Subject>: Sendable {
    associatedtype Subject
    /// The `--format` value.
    static var format: String { get }
    /// The file name ending when written into a directory (`opsready-report.<ext>`).
    static var fileExtension: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    /// Whether it shows lines of the input files (snippets), which are then read for it.
    static var showsSourceLines: Bool { get }
    init(options: ReportOptions)
    func render(_ subject: Subject) -> String
    /// Writes the rendering into `sink`. Formats that grow with the findings stream them; the others write `render`'s text.
    func write(_ subject: Subject, to sink: OutputSink)
}

extension Reporter {
    public static var showsSourceLines: Bool { false }
    public func write(_ subject: Subject, to sink: OutputSink) { sink.write(render(subject)) }
}

/// A result that can be rendered: its formats, in the order `--help` lists them, the first the default.
public protocol Reportable: SendableMetatype {
    static var reporters: [any Reporter<Self>.Type] { get }
}

extension Reportable {
    /// The reporter for a `--format` value, if there is one.
    public static func reporter(format: String) -> (any Reporter<Self>.Type)? {
        reporters.first { $0.format == format }
    }
}
