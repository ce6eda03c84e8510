import Foundation
import OpsAssessment
import OpsCore

/// SARIF 2.1.0 for code-scanning services: one rule per check, one result per failing finding, with a stable
/// `partialFingerprints` entry; waived, suppressed and baselined findings are results with `suppressions`.
public struct SARIFReporter: Reporter {
    public static let format = "sarif"
    public static let fileExtension = "sarif"
    public static let summary = "SARIF 2.1.0 for code scanning."

    public let language: Language
    /// Directory that file URIs are made relative to (the repository root).
    public let root: String

    public init(options: ReportOptions) {
        self.init(language: options.language, root: options.root)
    }

    public init(language: Language, root: String = FileManager.default.currentDirectoryPath) {
        self.language = language
        self.root = root.hasSuffix("/") ? root : root + "/"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "note"
        }
    }

    /// GitHub code scanning's `security-severity` (a CVSS-like score as text): what separates critical from high
    /// where `level` cannot.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        }
    }

    static func problemSeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "recommendation"
        }
    }

    /// SARIF's `baselineState`: a moved or worsened finding is the same result, changed.
    static func baselineState(_ state: BaselineState) -> String {
        switch state {
        case .new: return "new"
        case .unchanged: return "unchanged"
        case .worsened, .moved: return "updated"
        case .absent: return "absent"
        }
    }

    /// Paths under the root become URIs relative to `%SRCROOT%` (the checkout, which code-scanning services
    /// know); others stay absolute `file://` URIs.
    func uri(_ path: String) -> (uri: String, base: String?) {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasPrefix(root) { p.removeFirst(root.count) }
        if p.hasPrefix("/") { return (URL(fileURLWithPath: p).absoluteString, nil) }
        return (p.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? p, "%SRCROOT%")
    }

    public func render(_ assessment: Assessment) -> String { OutputSink.text { write(assessment, to: $0) } }

    /// The results are rendered on every core and streamed into the sink; the rules are small enough to build first.
    public func write(_ a: Assessment, to sink: OutputSink) {
        let lang = language
        let checks = a.checks
        let index = Dictionary(uniqueKeysWithValues: checks.enumerated().map { ($1.id, $0) })
        let rules: [JSONValue] = checks.map { check in
            let fix = check.remediation?.text(lang)
                ?? (lang == .ko ? "검사 조건을 만족하도록 설정하세요. 통과 예시는 checks/\(check.pack)/ 의 검사 파일에 있습니다."
                                : "Change the configuration until the check's condition holds; its passing examples are in its file under checks/\(check.pack)/.")
            let practices = check.practices.joined(separator: ", ")
            let source = a.context.seeds.describe(check.seed, language: lang)
            let help = fix + "\n\n" + (lang == .ko ? "요구사항: " : "Requirement: ") + source + "\n" + (lang == .ko ? "모범 사례: " : "Best practices: ") + practices
            let example = check.fixedExample.map { text in
                let fence = MarkdownReporter.fence(for: text)
                return "\n\n" + (lang == .ko ? "통과하는 설정 예:" : "A passing configuration:") + "\n\n\(fence)yaml\n" + text + fence
            } ?? ""
            let markdown = "**\(MarkdownReporter.text(check.title.text(lang)))**\n\n" + (lang == .ko ? "**고치는 법**\n\n" : "**How to fix**\n\n")
                + MarkdownReporter.text(fix) + example + "\n\n" + (lang == .ko ? "**요구사항**: " : "**Requirement**: ") + MarkdownReporter.text(source)
                + "\n\n" + (lang == .ko ? "**모범 사례**: " : "**Best practices**: ") + practices
            return .object([
                ("id", .string(check.id)),
                ("name", .string(check.id.replacingOccurrences(of: "-", with: ""))),
                ("shortDescription", .object([("text", .string(check.title.text(lang)))])),
                ("fullDescription", .object([("text", .string(check.title.en + " / " + check.title.ko))])),
                ("help", .object([("text", .string(help)), ("markdown", .string(markdown))])),
                ("defaultConfiguration", .object([("level", .string(Self.level(check.severity)))])),
                ("properties", .object([
                    ("security-severity", .string(Self.securitySeverity(check.severity))),
                    ("problem.severity", .string(Self.problemSeverity(check.severity))),
                    ("severity", .string(check.severity.rawValue)),
                    ("practices", .array(check.practices.map(JSONValue.string))),
                    ("seed", .string(check.seed)),
                    ("pack", .string(check.pack)),
                    ("title-ko", .string(check.title.ko)),
                    ("tags", .array((["opsready", check.pack] + check.practices).map(JSONValue.string))),
                ])),
            ])
        }
        // Every result, in the change or not: code scanning closes an alert whose result disappears from the upload.
        let reported = a.findings.filter { $0.status == .fail || $0.status == .waived || $0.status == .suppressed }
        var uris: [String: (uri: String, base: String?)] = [:]
        for f in reported { if let file = f.location?.file, uris[file] == nil { uris[file] = uri(file) } }
        let files = uris
        // Written member by member, as a tree of the same fields would print, without building one per result.
        let result: @Sendable (Finding, inout JSONWriter) -> Void = { f, w in
            w.beginObject()
            w.field("ruleId", f.check)
            w.field("ruleIndex", index[f.check] ?? 0)
            w.field("level", Self.level(f.severity))
            w.key("message")
            w.beginObject()
            w.field("text", f.message.text(lang) + (f.path.map { " (\($0))" } ?? ""))
            w.endObject()
            if f.location != nil || f.resource != nil {
                w.key("locations")
                w.beginArray()
                w.beginObject()
                if let l = f.location {
                    let (u, base) = files[l.file] ?? uri(l.file)
                    w.key("physicalLocation")
                    w.beginObject()
                    w.key("artifactLocation")
                    w.beginObject()
                    w.field("uri", u)
                    if let base { w.field("uriBaseId", base) }
                    w.endObject()
                    w.key("region")
                    w.beginObject()
                    w.field("startLine", l.line)
                    w.field("startColumn", l.column)
                    w.endObject()
                    w.endObject()
                }
                if let r = f.resource {
                    w.key("logicalLocations")
                    w.beginArray()
                    w.beginObject()
                    w.field("name", r.id)
                    w.field("fullyQualifiedName", "\(r.type)/\(r.id)")
                    w.field("kind", "resource")
                    w.endObject()
                    w.endArray()
                }
                w.endObject()
                w.endArray()
            }
            w.key("partialFingerprints")
            w.beginObject()
            w.key("opsready/v1")
            w.hexString(f.fingerprintHash)
            w.endObject()
            let suppression: (kind: String, justification: String)?
            switch f.status {
            case .waived: suppression = ("external", f.note ?? "waived")
            case .suppressed: suppression = ("inSource", f.note ?? "suppressed")
            default: suppression = a.isNew(f) ? nil : ("external", "in the baseline")
            }
            if let suppression {
                w.key("suppressions")
                w.beginArray()
                w.beginObject()
                w.field("kind", suppression.kind)
                w.field("status", "accepted")
                w.field("justification", suppression.justification)
                w.endObject()
                w.endArray()
            }
            if let state = f.baselineState { w.field("baselineState", Self.baselineState(state)) }
            w.key("properties")
            w.beginObject()
            w.field("severity", f.severity.rawValue)
            w.field("security-severity", Self.securitySeverity(f.severity))
            w.key("practices")
            w.beginArray()
            for practice in f.practices { w.string(practice) }
            w.endArray()
            if f.untouched { w.field("untouched", true) }
            if let note = f.baselineNote { w.field("baseline-note", note) }
            w.endObject()
            w.endObject()
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        writer.field("version", "2.1.0")
        writer.key("runs")
        writer.beginArray()
        writer.beginObject()
        writer.field("tool", .object([("driver", .object([
            ("name", .string(OpsReady.name)),
            ("version", .string(OpsReady.version)),
            ("semanticVersion", .string(OpsReady.version)),
            ("informationUri", .string("https://github.com/opsready/opsready")),
            ("rules", .array(rules)),
        ]))]))
        writer.field("columnKind", "unicodeCodePoints")
        writer.key("results")
        writer.beginArray()
        JSONElements.write(reported, into: &writer, sink: sink, result)
        writer.endArray()
        writer.field("properties", .object([("verdict", .string(a.verdict.rawValue)), ("score", a.score.map(JSONValue.double) ?? .null)]))
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.newline()
        writer.drain(into: sink)
    }
}
