import Foundation

/// Where hypercare stands on a given day: week and phase, each KPI met / not met / no data with its trend,
/// the checklist, what blocks the hand-over, and a projected exit when the trends continue. Pure: the clock
/// and the records are passed in.
public struct HypercareStatus: Sendable {
    public enum State: String, Sendable { case met, notMet = "not_met", noData = "no_data" }
    public enum Trend: String, Sendable { case improving, worsening, steady, unknown }

    public struct KPIStatus: Sendable {
        public let kpi: HypercarePlan.KPI
        /// Weeks with a value, oldest first.
        public let series: [(week: Int, value: Double)]
        public let state: State
        public let trend: Trend
        /// Change per week over the last three values (toward the target when improving).
        public let slope: Double?
        public var latest: (week: Int, value: Double)? { series.last }
    }

    /// 1-based week since go-live; 0 before go-live.
    public let week: Int
    public let phase: HypercarePlan.Phase?
    public let kpis: [KPIStatus]
    public let checklist: [(item: HypercarePlan.ChecklistItem, done: Bool)]
    public let blockers: [LocalizedText]
    /// Every KPI met in its latest week, every checklist item done, and the plan's weeks over.
    public let exitReady: Bool
    public let projectedExitWeek: Int?
    public let projectedExitDate: CalendarDate?
    /// Why there is no projection.
    public let noProjectionReason: LocalizedText?

    /// The phase's title, or where the workload stands outside the plan's weeks.
    public var phaseTitle: LocalizedText {
        phase?.title ?? (week == 0 ? LocalizedText(ko: "오픈 전", en: "before go-live") : LocalizedText(ko: "지원 기간 종료", en: "after the plan"))
    }

    /// Week `n` starts `7 (n - 1)` days after go-live day 00:00 in the workload's time zone.
    public static func week(of instant: Date, goLive: Date) -> Int {
        let days = instant.timeIntervalSince(goLive) / 86_400
        return days < 0 ? 0 : Int(days / 7) + 1
    }

    public static func compute(plan: HypercarePlan, records: HypercareRecords, goLive: Date, now: Date, timeZone: TimeZone) -> HypercareStatus {
        let week = Self.week(of: now, goLive: goLive)
        let kpis = plan.kpis.map { kpi in kpiStatus(kpi, records: records, currentWeek: week, goLive: goLive) }
        let today = CalendarDate(now, in: timeZone)
        let checklist = plan.checklist.map { item -> (item: HypercarePlan.ChecklistItem, done: Bool) in
            guard let entry = records.checklist[item.id] else { return (item, false) }
            return (item, entry.map { $0 <= today } ?? true)
        }

        var blockers: [LocalizedText] = []
        for status in kpis where status.state != .met {
            let value = status.latest.map { HypercarePlan.format($0.value) }
            blockers.append(status.state == .noData
                ? LocalizedText(ko: "\(status.kpi.title.ko): 데이터 없음 (목표 \(status.kpi.targetText))", en: "\(status.kpi.title.en): no data (target \(status.kpi.targetText))")
                : LocalizedText(ko: "\(status.kpi.title.ko): \(value ?? "") (목표 \(status.kpi.targetText))", en: "\(status.kpi.title.en): \(value ?? "") (target \(status.kpi.targetText))"))
        }
        for (item, done) in checklist where !done {
            blockers.append(LocalizedText(ko: "완료 조건 미충족: \(item.title.ko)", en: "Completion item open: \(item.title.en)"))
        }
        let allMet = kpis.allSatisfy { $0.state == .met }
        let exitReady = allMet && checklist.allSatisfy(\.done) && week > plan.weeks

        var projected: Int?
        var reason: LocalizedText?
        if allMet {
            projected = max(plan.weeks, week - 1)
        } else if let stuck = kpis.first(where: { $0.state != .met && $0.trend != .improving }) {
            reason = stuck.trend == .unknown
                ? LocalizedText(ko: "\(stuck.kpi.title.ko): 추세를 볼 데이터 부족", en: "\(stuck.kpi.title.en) has too few values for a trend")
                : LocalizedText(ko: "\(stuck.kpi.title.ko) 개선 추세 없음", en: "\(stuck.kpi.title.en) is not improving")
        } else {
            let needed = kpis.filter { $0.state == .notMet }.compactMap { status -> Int? in
                guard let latest = status.latest, let slope = status.slope, slope != 0 else { return nil }
                let target = status.kpi.min ?? status.kpi.max ?? latest.value
                return Int((abs(target - latest.value) / abs(slope)).rounded(.up))
            }
            projected = max(plan.weeks, week + (needed.max() ?? 0))
        }
        let date = projected.map { exitDay(afterWeek: $0, goLive: goLive, timeZone: timeZone) }
        return HypercareStatus(week: week, phase: plan.phase(week: week), kpis: kpis, checklist: checklist, blockers: blockers, exitReady: exitReady,
                               projectedExitWeek: projected, projectedExitDate: date, noProjectionReason: reason)
    }

    /// The day after the last day of `week`.
    static func exitDay(afterWeek week: Int, goLive: Date, timeZone: TimeZone) -> CalendarDate {
        CalendarDate(goLive.addingTimeInterval(Double(7 * week) * 86_400), in: timeZone)
    }

    static func kpiStatus(_ kpi: HypercarePlan.KPI, records: HypercareRecords, currentWeek: Int, goLive: Date) -> KPIStatus {
        // Only finished weeks count: the current week is still being measured.
        let finished = max(0, currentWeek - 1)
        var series: [(week: Int, value: Double)] = []
        if let measure = kpi.derived {
            if let incidents = records.incidents, finished > 0 {
                for week in 1...finished {
                    let those = incidents.filter { Self.week(of: $0.detected, goLive: goLive) == week }
                    switch measure {
                    case .meanMinutesToResolve:
                        let durations = those.compactMap { i in i.resolved.map { $0.timeIntervalSince(i.detected) / 60 } }
                        if !durations.isEmpty { series.append((week, durations.reduce(0, +) / Double(durations.count))) }
                    case .p1Count:
                        series.append((week, Double(those.filter { $0.priority == "P1" }.count)))
                    }
                }
            }
        } else if finished > 0 {
            for week in 1...finished {
                if let value = records.weeks[week]?[kpi.id] ?? kpi.fromProbes.flatMap({ fromProbes($0, records.probes, week: week, goLive: goLive) }) {
                    series.append((week, value))
                }
            }
        }
        // A windowed KPI is judged on its sum over the last finished weeks (a monthly count), the rest on the latest week.
        let state: State
        if let window = kpi.windowWeeks {
            let recent = series.filter { $0.week > finished - window }
            state = recent.isEmpty ? .noData : (kpi.isMet(by: recent.map(\.value).reduce(0, +)) ? .met : .notMet)
        } else {
            state = series.last.map { kpi.isMet(by: $0.value) ? .met : .notMet } ?? .noData
        }
        let (trend, slope) = Self.trend(series.suffix(3).map(\.value), kpi: kpi)
        return KPIStatus(kpi: kpi, series: series, state: state, trend: trend, slope: slope)
    }

    /// A week's figure from recorded probe results: the share that passed, or the mean latency in seconds.
    static func fromProbes(_ measure: HypercarePlan.ProbeMeasure, _ probes: [HypercareRecords.ProbeMeasurement], week: Int, goLive: Date) -> Double? {
        let those = probes.filter { Self.week(of: $0.at, goLive: goLive) == week }
        guard !those.isEmpty else { return nil }
        switch measure {
        case .availabilityPercent:
            return Double(those.filter(\.passed).count) * 100 / Double(those.count)
        case .latencySeconds:
            let latencies = those.compactMap(\.latencyMs)
            return latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count) / 1000
        }
    }

    /// Least-squares slope over the last values; improving when it moves toward the target.
    static func trend(_ values: [Double], kpi: HypercarePlan.KPI) -> (Trend, Double?) {
        guard values.count >= 2 else { return (.unknown, nil) }
        let n = Double(values.count)
        let xs = (0..<values.count).map(Double.init)
        let meanX = xs.reduce(0, +) / n, meanY = values.reduce(0, +) / n
        let numerator = zip(xs, values).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        let denominator = xs.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
        let slope = numerator / denominator
        let scale = max(abs(meanY), 1e-9)
        if abs(slope) / scale < 1e-4 { return (.steady, slope) }
        let better = kpi.min != nil ? slope > 0 : slope < 0
        return (better ? .improving : .worsening, slope)
    }
}
