import OpsAssessment
import OpsCore

/// JUnit XML for CI test views: a test suite per rubric question, a test case per check × resource.
public struct JUnitReporter: Reporter {
    public static let format = "junit"
    public static let fileExtension = "junit.xml"
    public static let summary = "JUnit XML for CI test tabs: a test case per check and resource."

    public let language: Language

    public init(options: ReportOptions) {
        self.init(language: options.language)
    }

    public init(language: Language) {
        self.language = language
    }

    /// Follows the Ant JUnit schema CI servers read: suites carry package, id, timestamp and hostname; the
    /// timestamp is the assessment's as-of day (reporters read no clock).
    public func render(_ a: Assessment) -> String {
        let checks = Dictionary(a.checks.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let timestamp = (a.context.asOf?.description ?? "1970-01-01") + "T00:00:00"
        // A finding belongs to the question of its first practice, so each is counted once.
        var questionOf: [String: String] = [:]
        for q in a.questions { for p in q.practices { questionOf[p.practice.id] = q.question.id } }
        let byQuestion = Dictionary(grouping: a.findings) { f in f.practices.first.flatMap { questionOf[$0] } ?? "" }
        var suites: [String] = []
        for (index, q) in a.questions.enumerated() {
            let findings = byQuestion[q.question.id] ?? []
            var cases: [String] = []
            var failures = 0, errors = 0
            for f in findings {
                let name = Markup.escape(f.resource.map { "\($0.id) (\($0.type))" } ?? "workload")
                let title = checks[f.check]?.title.text(language) ?? f.check
                let detail = Markup.escape(([title] + [f.location?.description, f.path].compactMap { $0 }).joined(separator: " — "))
                let body: String
                switch f.status {
                case .fail where !f.untouched:
                    failures += 1
                    body = "<failure type=\"\(f.severity.rawValue)\" message=\"\(Markup.escape(f.message.text(language)))\">\(detail)</failure>"
                case .error:
                    errors += 1
                    body = "<error type=\"evaluation\" message=\"\(Markup.escape(f.message.text(language)))\">\(detail)</error>"
                case .waived, .suppressed, .skipped, .fail:
                    let why = f.untouched ? "not touched by the change" : "\(f.status.rawValue): \(f.note ?? "")"
                    body = "<skipped message=\"\(Markup.escape(why))\"/>"
                case .pass:
                    body = ""
                }
                let open = "    <testcase name=\"\(name)\" classname=\"\(Markup.escape(f.check))\" time=\"0\""
                cases.append(body.isEmpty ? open + "/>" : open + ">" + body + "</testcase>")
            }
            let name = Markup.escape(q.question.id + " " + q.question.title.text(language))
            suites.append(([
                "  <testsuite package=\"\(Markup.escape(a.rubric.id))\" id=\"\(index)\" name=\"\(name)\" timestamp=\"\(timestamp)\" hostname=\"opsready\" tests=\"\(findings.count)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"0\">",
                "    <properties>",
                "      <property name=\"risk\" value=\"\(q.risk.rawValue)\"/>",
                "      <property name=\"area\" value=\"\(Markup.escape(q.area))\"/>",
                "    </properties>",
            ] + cases + ["    <system-out/>", "    <system-err/>", "  </testsuite>"]).joined(separator: "\n"))
        }
        return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<testsuites>"] + suites + ["</testsuites>"]).joined(separator: "\n") + "\n"
    }
}

/// Escaping for XML and HTML text and attributes.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Only XML 1.0 `Char` may be written: C0 controls but tab, LF and CR, and the non-characters U+FFFE/U+FFFF
            // become U+FFFD (Swift strings hold no lone surrogates).
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
