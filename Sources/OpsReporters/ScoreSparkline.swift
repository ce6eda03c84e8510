import Foundation

/// A workload's readiness scores over its stored assessments as a small inline SVG line (no script, no style: it
/// renders under the server's Content-Security-Policy).
enum ScoreSparkline {
    static func svg(_ scores: [Double], width: Int = 120, height: Int = 28, label: String) -> String {
        guard !scores.isEmpty else { return "<span class=\"muted\">—</span>" }
        let pad = 3.0
        func x(_ i: Int) -> Double { scores.count == 1 ? Double(width) / 2 : pad + (Double(width) - 2 * pad) * Double(i) / Double(scores.count - 1) }
        func y(_ v: Double) -> Double { Double(height) - pad - (Double(height) - 2 * pad) * min(max(v, 0), 100) / 100 }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let points = scores.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
        let last = scores.count - 1
        return "<svg class=\"spark\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
            + "<title>\(Markup.escape(label))</title>"
            + "<line x1=\"0\" y1=\"\(f(y(80)))\" x2=\"\(width)\" y2=\"\(f(y(80)))\" stroke=\"#d0d5dd\" stroke-dasharray=\"3 3\"/>"
            + (scores.count > 1 ? "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>" : "")
            + "<circle cx=\"\(f(x(last)))\" cy=\"\(f(y(scores[last])))\" r=\"3\" fill=\"#1f5fbf\"/></svg>"
    }
}
