import Foundation

/// A regular expression compiled once. CEL's `matches` is RE2 syntax with search (not anchored) semantics;
/// the ICU engine behind `NSRegularExpression` accepts RE2's syntax for the constructs checks use.
public struct CompiledRegex: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as thread-safe.
    private let regex: NSRegularExpression?

    public init(_ pattern: String) throws(EvalError) {
        // ICU rejects the empty pattern, which RE2 accepts and which matches everything.
        if pattern.isEmpty { regex = nil; return }
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw EvalError("invalid regular expression '\(pattern)'")
        }
    }

    public func matches(_ text: String) -> Bool {
        guard let regex else { return true }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
