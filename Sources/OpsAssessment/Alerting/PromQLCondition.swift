import Foundation
import OpsCore
/// The parts of a simple alert condition that coverage checks need: the metric names, the comparison and the
/// number it compares with (`avg(rate(http_requests_total{status=~"5.."}[5m])) > 0.05`, `up == 0`,
/// `avg_response_time > 3000ms`, `error_rate > 3%`). Anything more complex keeps only its metric names.
struct PromQLCondition {
    var metrics: [String] = []
    var comparison: String?
    var threshold: Double?
    /// `ms` or `%` written after the number, as the seed's rule format does.
    var unit: String?

    static let groupingKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]

    static let keywords: Set<String> = [
        "sum", "avg", "min", "max", "count", "rate", "irate", "increase", "delta", "histogram_quantile", "by", "without", "on",
        "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "abs", "absent", "clamp_max", "clamp_min",
        "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "quantile", "topk", "bottomk", "time", "vector", "scalar",
    ]

    init(_ text: String) {
        let chars = Array(text)
        var depth = 0
        var i = 0
        var inString = false
        var comparisonAt: Int?
        var word = ""
        // After `by`, `without`, `on`, `ignoring` and `group_*`, the parenthesised list holds label names.
        var labelListDepth: Int?
        var expectLabelList = false
        func flushWord(nextChar: Character?) {
            defer { word = "" }
            guard !word.isEmpty, depth >= 0, let first = word.first, first.isLetter || first == "_" else { return }
            if Self.groupingKeywords.contains(word) { expectLabelList = true; return }
            if labelListDepth != nil { return }
            if Self.keywords.contains(word) || nextChar == "(" { return }
            if !metrics.contains(word) { metrics.append(word) }
        }
        var braces = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\"" { inString.toggle(); i += 1; continue }
            if inString { i += 1; continue }
            if c == "{" { flushWord(nextChar: "{"); braces += 1; i += 1; continue }
            if c == "}" { braces -= 1; i += 1; continue }
            if braces > 0 { i += 1; continue }
            if c.isLetter || c.isNumber || c == "_" || c == ":" { word.append(c); i += 1; continue }
            var next: Character? = c
            var k = i
            while k < chars.count, chars[k] == " " { k += 1 }
            next = k < chars.count ? chars[k] : nil
            flushWord(nextChar: next)
            if c == "(" || c == "[" {
                depth += 1
                if expectLabelList && c == "(" { labelListDepth = depth }
                expectLabelList = false
            }
            if c == ")" || c == "]" {
                if labelListDepth == depth { labelListDepth = nil }
                depth -= 1
            }
            if depth == 0, comparisonAt == nil, ">=<!".contains(c) {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : String(c)
                if [">=", "<=", "==", "!="].contains(two) { comparison = two; comparisonAt = i + 2; i += 2; continue }
                if c == ">" || c == "<" { comparison = String(c); comparisonAt = i + 1 }
            }
            i += 1
        }
        flushWord(nextChar: nil)
        guard let start = comparisonAt else { return }
        var rest = String(chars[start...]).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("bool ") { rest = String(rest.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
        let numberText = rest.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" }
        threshold = Double(numberText)
        let suffix = rest.dropFirst(numberText.count).trimmingCharacters(in: .whitespaces)
        if suffix.hasPrefix("ms") { unit = "ms" } else if suffix.hasPrefix("%") { unit = "%" } else if suffix.hasPrefix("s") { unit = "s" }
        // The number on the right of the comparison is not a metric.
        metrics.removeAll { name in Double(name) != nil }
    }
}
