import OpsAssessment
import OpsCore

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, one per gated finding.
public struct AnnotationsReporter: Reporter {
    public static let format = "annotations"
    public static let fileExtension = "annotations.txt"
    public static let summary = "GitHub Actions workflow commands: annotations on the changed lines."

    public let language: Language

    public init(options: ReportOptions) {
        self.init(language: options.language)
    }

    public init(language: Language) {
        self.language = language
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "notice"
        }
    }

    /// Message data: `%`, CR and LF are escaped as the runner expects; other control characters (ESC, BEL…) are
    /// shown as `\u{1B}` so that nothing from an input acts on the log.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A").terminalSafe
    }

    /// Property values: as data, plus `:` and `,`.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    public func render(_ a: Assessment) -> String {
        a.gatedFailures.map { f in
            var properties: [String] = []
            if let l = f.location {
                properties += ["file=\(Self.escapeProperty(l.file))", "line=\(l.line)", "col=\(l.column)"]
            }
            properties.append("title=\(Self.escapeProperty("\(f.check) \(f.severity.rawValue)" + (f.resource.map { " \($0.id)" } ?? "")))")
            let message = f.message.text(language) + (f.path.map { " (\($0))" } ?? "")
            return "::\(Self.command(f.severity)) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }.joined()
    }
}
