import Foundation

/// The seed's alert-rule format (seed 001 §알림 규칙) writes a unit after a threshold: `3000ms`, `3%`, `5s`. As PromQL,
/// milliseconds become seconds and percent a ratio, so the dictionary's seed entries read them in one unit.
enum SeedRuleUnits {
    static let pattern = try! NSRegularExpression(pattern: #"(?<![\w.\[:])(\d+(?:\.\d+)?)\s*(ms|%|s)(?![\w])"#)

    static func apply(_ text: String) -> String {
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let numberRange = Range(match.range(at: 1), in: text),
                  let unitRange = Range(match.range(at: 2), in: text), let value = Double(text[numberRange]) else { continue }
            result += text[last..<whole.lowerBound]
            switch text[unitRange] {
            case "ms": result += "(\(value) / 1000)"
            case "%": result += "(\(value) / 100)"
            default: result += String(text[numberRange])
            }
            last = whole.upperBound
        }
        return result + text[last...]
    }
}
