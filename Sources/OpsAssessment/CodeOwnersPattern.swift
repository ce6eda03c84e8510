import Foundation

/// A CODEOWNERS pattern as GitHub reads it (gitignore-like): `*` any name, `**` any depth, a leading `/` anchors at the
/// root, a pattern without an inner `/` matches at any depth, a trailing `/` means everything below a directory.
struct CodeOwnersPattern {
    let text: String
    private let expression: NSRegularExpression?

    init(_ text: String) {
        self.text = text
        var body = text
        let directory = body.hasSuffix("/")
        if directory { body.removeLast() }
        let anchored = body.hasPrefix("/") || body.dropLast().contains("/")
        if body.hasPrefix("/") { body.removeFirst() }
        var regex = ""
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "*" {
                let next = body.index(after: index)
                if next < body.endIndex, body[next] == "*" {
                    regex += ".*"
                    index = body.index(after: next)
                    continue
                }
                regex += "[^/]*"
            } else if character == "?" {
                regex += "[^/]"
            } else {
                regex += NSRegularExpression.escapedPattern(for: String(character))
            }
            index = body.index(after: index)
        }
        let prefix = anchored ? "^" : "^(?:.*/)?"
        let suffix = directory ? "/.*$" : "(?:/.*)?$"
        expression = body.isEmpty ? nil : try? NSRegularExpression(pattern: prefix + regex + suffix)
    }

    /// Whether the pattern covers `path` (relative to the repository's root, no leading `/`).
    func matches(_ path: String) -> Bool {
        if text == "*" || text == "/*" && !path.contains("/") || text == "**" { return true }
        guard let expression else { return false }
        return expression.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}
