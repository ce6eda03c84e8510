import Foundation
import OpsDocument

/// Durations as Prometheus and Alertmanager write them: `5m`, `1h30m`, `90s`, `250ms`, or bare seconds.
enum DurationText {
    /// Ten years in seconds: no alert or routing timing is longer; anything beyond is a typo or hostile.
    static let longest = 315_360_000

    /// Seconds in `text`; nil when it is no duration.
    static func seconds(_ text: String) -> Int? {
        guard let total = parse(text), total.isFinite, total <= Double(longest) else { return nil }
        return Int(total.rounded())
    }

    /// Seconds in the duration at `node`; nil without one. Text that is no duration, or one longer than ten years, is
    /// an input error: read as 0 s it would make any alert look immediate.
    static func seconds(_ node: Node?, key: String) throws(DocumentError) -> Int? {
        guard let node, let text = node.string ?? node.scalar.map(\.description) else { return nil }
        guard let total = parse(text) else { throw DocumentError(at: node.location, "'\(key)' must be a duration like 5m, 1h30m or 90s") }
        guard total.isFinite, total <= Double(longest) else { throw DocumentError(at: node.location, "'\(key)' is longer than ten years") }
        return Int(total.rounded())
    }

    private static func parse(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var sawUnit = false
        var chars = Array(text.trimmingCharacters(in: .whitespaces))
        if chars.isEmpty { return nil }
        if chars.allSatisfy({ $0.isASCII && $0.isNumber }) { return Double(String(chars)) }
        while !chars.isEmpty {
            let c = chars.removeFirst()
            if (c.isASCII && c.isNumber) || c == "." { number.append(c); continue }
            var unit = String(c)
            if c == "m", chars.first == "s" { unit = "ms"; chars.removeFirst() }
            guard let value = Double(number) else { return nil }
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86_400
            case "w": total += value * 604_800
            case "y": total += value * 31_536_000
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return total
    }
}
