import Foundation
import OpsCore

/// What every page of `opsready serve` shares: the head (one style sheet, no script), links between languages,
/// paths and query values encoded for URLs.
enum PageFrame {
    static func head(title: String, language: Language) -> String {
        "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>\(Markup.escape("opsready · " + title))</title>"
            + "<link rel=\"stylesheet\" href=\"/assets/opsready.css\"></head><body><main>"
    }

    static let foot = "</main></body></html>\n"

    static func languageLinks(path: String, query: String, current: Language) -> String {
        let stripped = query.split(separator: "&").filter { !$0.hasPrefix("lang=") }.joined(separator: "&")
        return [Language.en, .ko].map { language in
            let label = language == .ko ? "한국어" : "English"
            if language == current { return "<strong>\(label)</strong>" }
            let href = path + "?lang=\(language.rawValue)" + (stripped.isEmpty ? "" : "&" + stripped)
            return "<a href=\"\(Markup.escape(href))\" hreflang=\"\(language.rawValue)\">\(label)</a>"
        }.joined(separator: " · ")
    }

    /// `/workloads/NAME` with the name percent-encoded as one path segment.
    static func workloadPath(_ name: String) -> String { "/workloads/" + queryValue(name) }

    /// Percent-encodes all but RFC 3986's unreserved characters.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
