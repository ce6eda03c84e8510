import Foundation

/// A regular expression that must match a whole text, as the metric dictionary writes its names and labels. A
/// pattern without any regular-expression syntax (nearly all: `CPUUtilization`, `AWS/ECS`) is compared as text,
/// which is what the regular expression would do, only without running it on every alert.
struct AnchoredPattern: Sendable {
    private let literal: String?
    private let regex: NSRegularExpression

    /// Nil when `pattern` is not a valid regular expression.
    init?(_ pattern: String) {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return nil }
        self.regex = regex
        literal = pattern.unicodeScalars.contains { Self.syntax.contains($0) } ? nil : pattern
    }

    private static let syntax = Set("\\^$.|?*+()[]{}".unicodeScalars)

    func matches(_ text: String) -> Bool {
        if let literal { return literal == text }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
