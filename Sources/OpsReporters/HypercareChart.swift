import Foundation
import OpsCore
import OpsHypercare

/// A KPI's chart on the hypercare status page, as inline SVG: week (or month) ticks, the value scale, the target line
/// with its label, a line through consecutive measured periods (a missing week is a gap, marked on the axis), each
/// point marked with where its value came from, the judged point ringed. Survey KPIs, measured now and then, are
/// points with their response count.
enum HypercareChart {
    static let width = 320.0, height = 150.0
    static let left = 40.0, right = 10.0, top = 16.0, bottom = 22.0

    static func svg(_ k: HypercareStatus.KPIStatus, weeks: Int, finished: Int, language: Language) -> String {
        let title = Markup.escape(k.kpi.title.text(language))
        let periods = k.kpi.monthly ? max(k.series.map(\.period).max() ?? 1, Int((Double(weeks) * 7 / 30.44).rounded(.up)) + 1)
                                    : max(weeks, finished, k.series.map(\.period).max() ?? 1)
        let target = k.kpi.target ?? 0
        let values = k.series.map(\.value) + [target]
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high == low { high += 1; low -= 1 }
        let margin = (high - low) * 0.1
        low -= margin
        high += margin
        func x(_ period: Int) -> Double { left + (width - left - right) * Double(period - 1) / Double(max(periods - 1, 1)) }
        func y(_ value: Double) -> Double { height - bottom - (height - top - bottom) * (value - low) / (high - low) }
        func f(_ v: Double) -> String { String((v * 10).rounded() / 10) }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\" font-size=\"9\">"
        // Axes: the value scale on the left, a tick per period below.
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(height - bottom))\" stroke=\"#98a2b3\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(height - bottom))\" y2=\"\(f(height - bottom))\" stroke=\"#98a2b3\"/>"
        for tick in [low + margin, (low + high) / 2, high - margin] {
            svg += "<text x=\"\(f(left - 3))\" y=\"\(f(y(tick) + 3))\" text-anchor=\"end\" fill=\"#5b6475\">\(HypercarePlan.format(tick))</text>"
        }
        let step = periods > 16 ? 2 : 1
        for period in stride(from: 1, through: periods, by: step) {
            let label = k.kpi.monthly ? (k.series.first { $0.period == period }.map(\.label) ?? "m\(period)") : "w\(period)"
            svg += "<text x=\"\(f(x(period)))\" y=\"\(f(height - bottom + 12))\" text-anchor=\"middle\" fill=\"#5b6475\">\(label)</text>"
        }
        // The target, labelled.
        let targetLabel = Markup.escape((language == .ko ? "목표 " : "target ") + k.kpi.targetText)
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(target)))\" y2=\"\(f(y(target)))\" stroke=\"#98a2b3\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(f(width - right))\" y=\"\(f(y(target) - 3))\" text-anchor=\"end\" fill=\"#5b6475\">\(targetLabel)</text>"
        // Finished weeks without a value: a hollow grey mark on the axis.
        if !k.kpi.monthly, finished >= 1 {
            let measured = Set(k.series.map(\.period))
            for week in 1...finished where !measured.contains(week) {
                let none = language == .ko ? "데이터 없음" : "no data"
                svg += "<circle class=\"gap\" cx=\"\(f(x(week)))\" cy=\"\(f(height - bottom))\" r=\"3\" fill=\"#fff\" stroke=\"#98a2b3\"><title>w\(week): \(none)</title></circle>"
            }
        }
        // Lines through runs of consecutive measured periods only: a gap is drawn as a gap, and a period where nothing
        // happened (no incident) is a hollow point, not a measurement the line runs through.
        let sparse = k.kpi.fromSurvey != nil && k.series.allSatisfy { $0.source == .survey }
        if !sparse {
            var run: [HypercarePoint] = []
            func flush() {
                if run.count >= 2 {
                    svg += "<polyline fill=\"none\" stroke=\"#3060c0\" stroke-width=\"2\" points=\"\(run.map { "\(f(x($0.period))),\(f(y($0.value)))" }.joined(separator: " "))\"/>"
                }
                run = []
            }
            for point in k.series {
                if let last = run.last, last.period + 1 != point.period { flush() }
                if point.fromAbsence { flush() } else { run.append(point) }
            }
            flush()
        }
        for point in k.series {
            let color = k.kpi.isMet(by: point.value) ? "#17803d" : "#b42318"
            let fill = point.fromAbsence ? "#fff" : color
            let tip = Markup.escape("\(point.caption(language)): \(point.valueText(k.kpi, language)) · \(point.origin(language))")
            svg += "<circle cx=\"\(f(x(point.period)))\" cy=\"\(f(y(point.value)))\" r=\"3\" fill=\"\(fill)\" stroke=\"\(color)\"><title>\(tip)</title></circle>"
            svg += "<text x=\"\(f(x(point.period)))\" y=\"\(f(y(point.value) - 5))\" text-anchor=\"middle\" fill=\"#5b6475\" font-size=\"7\">"
                + (sparse ? "n=\(point.count ?? 0)" : point.source.mark) + "</text>"
        }
        if let judged = k.judged {
            svg += "<circle class=\"judged\" cx=\"\(f(x(judged.period)))\" cy=\"\(f(y(judged.value)))\" r=\"6\" fill=\"none\" stroke=\"#1d2330\"/>"
        }
        return svg + "</svg>"
    }

    /// What the marks mean.
    static func legend(_ language: Language) -> String {
        language == .ko
            ? "점 위 글자: T 입력값 · P 프로브 · S 설문 · O 장애(가동률) · I 장애 기록 · M 작업 기록; 빈 점: 해당 기간 사건 없음; 큰 원: 판정 기준; 축 위 회색 원: 데이터 없는 주; n=응답 수"
            : "Marks: T typed · P probes · S survey · O outage incidents · I incident log · M maintenance log; hollow: nothing happened that period; ringed: the judged point; grey on the axis: a week with no data; n= responses"
    }
}
