import Foundation
import OpsExpr

/// Where hypercare stands on a given day: week and phase, each KPI met / not met / no data with its trend,
/// the activities due and missed, the checklist, what blocks the hand-over, and a projected exit when the trends
/// continue. Pure: the clock and the records are passed in.
public struct HypercareStatus: Sendable {
    public enum State: String, Sendable { case met, notMet = "not_met", noData = "no_data" }
    public enum Trend: String, Sendable {
        case improving, worsening, steady, unknown

        /// The trend in words for people (`rawValue` is the JSON form).
        public func text(_ language: Language) -> String {
            guard language == .ko else { return rawValue }
            switch self {
            case .improving: return "개선 중"
            case .worsening: return "악화 중"
            case .steady: return "유지"
            case .unknown: return "판단 불가"
            }
        }
    }

    /// One measured period of a KPI: a finished week, or a calendar month (the current one so far).
    public struct Point: Sendable, Equatable {
        /// The week number, or the month's number counting the go-live month as 1.
        public let period: Int
        /// `w3` or `2026-12`.
        public let label: String
        public let value: Double
        /// A month not over yet: its value so far.
        public let partial: Bool

        /// `w3`, `2026-12`, or `2027-01 so far`.
        public func caption(_ language: Language) -> String {
            partial ? label + (language == .ko ? " 현재까지" : " so far") : label
        }
    }

    public struct KPIStatus: Sendable {
        public let kpi: HypercarePlan.KPI
        /// Periods with a value, oldest first.
        public let series: [Point]
        public let state: State
        public let trend: Trend
        /// Change per period over the last three values (toward the target when improving).
        public let slope: Double?
        /// The value the state was judged on: the latest week, or for a monthly KPI the month that breaks the target
        /// (else the latest).
        public let judged: Point?
        public var latest: Point? { series.last }
    }

    /// One time an activity fell due, and whether it was done.
    public struct ActivityDue: Sendable {
        public enum State: String, Sendable { case done, missed, upcoming }
        public let activity: HypercarePlan.Activity
        /// The day it is due by.
        public let due: CalendarDate
        public let state: State
        /// Whether it falls in the current plan week.
        public let thisWeek: Bool
    }

    /// 1-based week since go-live; 0 before go-live.
    public let week: Int
    public let phase: HypercarePlan.Phase?
    public let kpis: [KPIStatus]
    /// Incidents detected so far, with their response against the priority's target and the escalation reached.
    public let incidents: [IncidentReview]
    /// The response targets incidents were judged against (the manifest's `incident_targets`).
    public let incidentTargets: IncidentTargets?
    /// Every time an activity fell or falls due up to the end of the current week, oldest first.
    public let activities: [ActivityDue]
    public let checklist: [(item: HypercarePlan.ChecklistItem, done: Bool)]
    public let blockers: [LocalizedText]
    /// Every KPI met in its latest week, every checklist item done, and the plan's weeks over.
    public let exitReady: Bool
    public let projectedExitWeek: Int?
    public let projectedExitDate: CalendarDate?
    /// Why there is no projection.
    public let noProjectionReason: LocalizedText?

    /// An incident's response time against its priority's target (seed 003 §4.1.2 or 000 §7.1.2, as the manifest
    /// chooses) and the escalation level (§9.2) its duration reached.
    public struct IncidentReview: Sendable {
        public let incident: HypercareRecords.Incident
        /// Detected → responded, in minutes, when a response is recorded.
        public let responseMinutes: Double?
        public let target: OpsExpr.Duration?
        /// Responded later than the target.
        public var late: Bool {
            guard let responseMinutes, let target else { return false }
            return responseMinutes * 60 > target.timeInterval
        }
        /// The highest level whose time the incident outlasted (detected → resolved, or → now while open).
        public let escalation: EscalationLevel?
    }

    /// The activities due in the current week, and those whose day passed without a record.
    public var dueThisWeek: [ActivityDue] { activities.filter(\.thisWeek) }
    public var missedActivities: [ActivityDue] { activities.filter { $0.state == .missed } }

    /// The phase's title, or where the workload stands outside the plan's weeks.
    public var phaseTitle: LocalizedText {
        phase?.title ?? (week == 0 ? LocalizedText(ko: "오픈 전", en: "before go-live") : LocalizedText(ko: "지원 기간 종료", en: "after the plan"))
    }

    /// Week `n` starts `7 (n - 1)` days after go-live day 00:00 in the workload's time zone.
    public static func week(of instant: Date, goLive: Date) -> Int {
        let days = instant.timeIntervalSince(goLive) / 86_400
        return days < 0 ? 0 : Int(days / 7) + 1
    }

    public static func compute(plan: HypercarePlan, records: HypercareRecords, goLive: Date, now: Date, timeZone: TimeZone,
                               incidentTargets: IncidentTargets? = nil, escalation: [EscalationLevel] = []) -> HypercareStatus {
        let clock = Clock(goLive: goLive, now: now, timeZone: timeZone)
        let week = clock.week
        let kpis = plan.kpis.map { kpi in kpiStatus(kpi, records: records, clock: clock) }
        let today = CalendarDate(now, in: timeZone)
        let activities = activitiesDue(plan: plan, done: records.activities, clock: clock)
        let checklist = plan.checklist.map { item -> (item: HypercarePlan.ChecklistItem, done: Bool) in
            guard let entry = records.checklist[item.id] else { return (item, false) }
            return (item, entry.map { $0 <= today } ?? true)
        }

        var blockers: [LocalizedText] = []
        for status in kpis where status.state != .met {
            let value = status.judged.map { HypercarePlan.format($0.value) } ?? ""
            let label = status.judged.map { "\($0.label); " } ?? ""
            blockers.append(status.state == .noData
                ? LocalizedText(ko: "\(status.kpi.title.ko): 데이터 없음 (목표 \(status.kpi.targetText))", en: "\(status.kpi.title.en): no data (target \(status.kpi.targetText))")
                : LocalizedText(ko: "\(status.kpi.title.ko): \(value) (\(label)목표 \(status.kpi.targetText))", en: "\(status.kpi.title.en): \(value) (\(label)target \(status.kpi.targetText))"))
        }
        for (item, done) in checklist where !done {
            blockers.append(LocalizedText(ko: "완료 조건 미충족: \(item.title.ko)", en: "Completion item open: \(item.title.en)"))
        }
        let allMet = kpis.allSatisfy { $0.state == .met }
        let exitReady = allMet && checklist.allSatisfy(\.done) && week > plan.weeks

        var projected: Int?
        var reason: LocalizedText?
        let open = kpis.filter { $0.state != .met }.map { (status: $0, weeks: weeksToMeet($0, clock: clock)) }
        if open.isEmpty {
            projected = max(plan.weeks, week - 1)
        } else if let stuck = open.first(where: { $0.weeks == nil })?.status {
            reason = stuck.trend == .unknown
                ? LocalizedText(ko: "\(stuck.kpi.title.ko): 추세를 볼 데이터 부족", en: "\(stuck.kpi.title.en) has too few values for a trend")
                : LocalizedText(ko: "\(stuck.kpi.title.ko) 개선 추세 없음", en: "\(stuck.kpi.title.en) is not improving")
        } else {
            projected = max(plan.weeks, week + (open.compactMap(\.weeks).max() ?? 0))
        }
        let date = projected.map { exitDay(afterWeek: $0, goLive: goLive, timeZone: timeZone) }
        let reviews = (records.incidents ?? []).filter { $0.detected <= now }.map { incident in
            IncidentReview(incident: incident, responseMinutes: incident.responded.map { $0.timeIntervalSince(incident.detected) / 60 },
                           target: incidentTargets?.response[incident.priority],
                           escalation: escalationReached(min(incident.resolved ?? now, now).timeIntervalSince(incident.detected), levels: escalation))
        }
        return HypercareStatus(week: week, phase: plan.phase(week: week), kpis: kpis, incidents: reviews, incidentTargets: incidentTargets, activities: activities, checklist: checklist, blockers: blockers, exitReady: exitReady,
                               projectedExitWeek: projected, projectedExitDate: date, noProjectionReason: reason)
    }

    /// The highest escalation level whose time `seconds` reaches (L1 answers at once).
    static func escalationReached(_ seconds: TimeInterval, levels: [EscalationLevel]) -> EscalationLevel? {
        levels.filter { $0.within.timeInterval <= seconds }.max { $0.within < $1.within }
    }

    /// Weeks from now until a KPI not yet met is met, if things go on as they are; nil when there is no telling.
    static func weeksToMeet(_ k: KPIStatus, clock: Clock) -> Int? {
        if k.kpi.monthly, let current = k.series.last, current.partial, k.kpi.isMet(by: current.value), let monthEnd = clock.months.last?.end {
            // Only the last finished month breaks the target: met once this month ends as it is going.
            return Int((monthEnd.timeIntervalSince(clock.now) / (7 * 86_400)).rounded(.up))
        }
        guard k.trend == .improving, let latest = k.latest, let slope = k.slope, slope != 0 else { return nil }
        let target = k.kpi.target ?? latest.value
        let periods = (abs(target - latest.value) / abs(slope)).rounded(.up)
        return Int(k.kpi.monthly ? (periods * 30.44 / 7).rounded(.up) : periods)
    }

    /// The day after the last day of `week`.
    static func exitDay(afterWeek week: Int, goLive: Date, timeZone: TimeZone) -> CalendarDate {
        CalendarDate(goLive.addingTimeInterval(Double(7 * week) * 86_400), in: timeZone)
    }

    /// Go-live, now and the time zone periods are cut in, with the weeks and months they make.
    struct Clock {
        let goLive: Date
        let now: Date
        let timeZone: TimeZone
        /// 1-based week of `now`; only the weeks before it are finished.
        let week: Int
        /// Calendar months from the go-live month through the current one, in the workload's time zone.
        let months: [(period: Int, label: String, start: Date, end: Date, partial: Bool)]

        init(goLive: Date, now: Date, timeZone: TimeZone) {
            self.goLive = goLive
            self.now = now
            self.timeZone = timeZone
            week = HypercareStatus.week(of: now, goLive: goLive)
            var months: [(period: Int, label: String, start: Date, end: Date, partial: Bool)] = []
            if now >= goLive {
                var first = CalendarDate(goLive, in: timeZone).firstOfMonth
                let current = CalendarDate(now, in: timeZone).firstOfMonth
                while first <= current {
                    let next = first.firstOfNextMonth
                    months.append((months.count + 1, first.monthText, first.start(in: timeZone), next.start(in: timeZone), first == current))
                    first = next
                }
            }
            self.months = months
        }
    }

    static func kpiStatus(_ kpi: HypercarePlan.KPI, records: HypercareRecords, clock: Clock) -> KPIStatus {
        let series = kpi.monthly ? monthlySeries(kpi, records: records, clock: clock) : weeklySeries(kpi, records: records, clock: clock)
        // A monthly KPI is judged on the last finished month and the month so far: either over the target is not met.
        let lastFinished = series.last { !$0.partial }, monthSoFar = series.last { $0.partial }
        let candidates = kpi.monthly ? [lastFinished, monthSoFar].compactMap { $0 } : Array(series.suffix(1))
        let judged = candidates.first { !kpi.isMet(by: $0.value) } ?? candidates.last
        let state: State = judged.map { kpi.isMet(by: $0.value) ? .met : .notMet } ?? .noData
        // A month not over yet says little about the direction.
        let (trend, slope) = Self.trend((kpi.monthly ? series.filter { !$0.partial } : series).suffix(3).map(\.value), kpi: kpi)
        return KPIStatus(kpi: kpi, series: series, state: state, trend: trend, slope: slope, judged: judged)
    }

    /// One value per finished week: typed in, derived from incidents, or taken from probe history.
    static func weeklySeries(_ kpi: HypercarePlan.KPI, records: HypercareRecords, clock: Clock) -> [Point] {
        // Only finished weeks count: the current week is still being measured.
        let finished = max(0, clock.week - 1)
        guard finished > 0 else { return [] }
        return (1...finished).compactMap { week -> Point? in
            let start = clock.goLive.addingTimeInterval(Double(week - 1) * 7 * 86_400)
            let end = start.addingTimeInterval(7 * 86_400)
            var value: Double?
            if let measure = kpi.derived {
                value = derived(measure, records: records, from: start, to: end)
            } else {
                value = records.weeks[week]?[kpi.id]
                    ?? kpi.fromProbes.flatMap { fromProbes($0, records.probes, week: week, goLive: clock.goLive) }
                    ?? kpi.fromSurvey.flatMap { survey in meanScore(records.surveys.filter { $0.survey == survey }, from: start, to: end, timeZone: clock.timeZone) }
                    ?? (kpi.fromOutages ? derived(.outageHours, records: records, from: start, to: end).map { 100 * (1 - $0 / (7 * 24)) } : nil)
            }
            if kpi.reduceBy != nil {
                // A relative target: the reduction from the week-0 baseline, in percent.
                guard let raw = value, let baseline = records.weeks[0]?[kpi.id], baseline > 0 else { return nil }
                value = (baseline - raw) / baseline * 100
            }
            return value.map { Point(period: week, label: "w\(week)", value: $0, partial: false) }
        }
    }

    /// One value per calendar month since go-live, the current month so far.
    static func monthlySeries(_ kpi: HypercarePlan.KPI, records: HypercareRecords, clock: Clock) -> [Point] {
        guard let measure = kpi.derived else { return [] }
        return clock.months.compactMap { month -> Point? in
            derived(measure, records: records, from: month.start, to: min(month.end, clock.now))
                .map { Point(period: month.period, label: month.label, value: $0, partial: month.partial) }
        }
    }

    /// A derived figure over `[from, to)`; nil when its log is not kept (or, for MTTR, nothing was resolved).
    static func derived(_ measure: HypercarePlan.DerivedMeasure, records: HypercareRecords, from: Date, to: Date) -> Double? {
        if measure.fromMaintenance {
            return records.maintenance.map { windows in windows.map { overlapHours($0.start, $0.end, from, to) }.reduce(0, +) }
        }
        guard let incidents = records.incidents else { return nil }
        let detected = incidents.filter { $0.detected >= from && $0.detected < to }
        switch measure {
        case .meanMinutesToResolve:
            let durations = detected.compactMap { i in i.resolved.map { $0.timeIntervalSince(i.detected) / 60 } }
            return durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count)
        case .p1Count:
            return Double(detected.filter { $0.priority == "P1" }.count)
        case .outageHours:
            // An outage still open counts up to the end of the period.
            return incidents.filter(\.outage).map { overlapHours($0.detected, $0.resolved ?? to, from, to) }.reduce(0, +)
        case .plannedDowntimeHours:
            return nil
        }
    }

    /// The mean score of the survey responses given on days inside `[from, to)`.
    static func meanScore(_ responses: [HypercareRecords.SurveyResponse], from: Date, to: Date, timeZone: TimeZone) -> Double? {
        let inside = responses.filter { response in
            let day = response.day.start(in: timeZone)
            return day >= from && day < to
        }
        return inside.isEmpty ? nil : inside.map(\.score).reduce(0, +) / Double(inside.count)
    }

    /// Hours of `[start, end)` inside `[from, to)`.
    static func overlapHours(_ start: Date, _ end: Date, _ from: Date, _ to: Date) -> Double {
        max(0, min(end, to).timeIntervalSince(max(start, from))) / 3600
    }

    /// Each time an activity of the phases falls due, up to the end of the current plan week: done when
    /// `activities.yaml` has a day inside its window (and not after today), missed when its day has passed without one.
    static func activitiesDue(plan: HypercarePlan, done: [String: Set<CalendarDate>], clock: Clock) -> [ActivityDue] {
        let week = clock.week
        guard week >= 1 else { return [] }
        let today = CalendarDate(clock.now, in: clock.timeZone)
        let goLiveDay = CalendarDate(clock.goLive, in: clock.timeZone)
        var result: [ActivityDue] = []
        for phase in plan.phases where phase.weeks.lowerBound <= week {
            let firstDay = goLiveDay.adding(days: 7 * (phase.weeks.lowerBound - 1))
            let lastWeek = min(phase.weeks.upperBound, week)
            let lastDay = goLiveDay.adding(days: 7 * lastWeek - 1)
            for activity in phase.due {
                for (window, due) in occurrences(activity.every, from: firstDay, through: lastDay, goLiveDay: goLiveDay) {
                    let isDone = done[activity.id]?.contains { window.contains($0) && $0 <= today } ?? false
                    let state: ActivityDue.State = isDone ? .done : (due < today ? .missed : .upcoming)
                    let thisWeek = HypercareStatus.week(of: due.start(in: clock.timeZone), goLive: clock.goLive) == week
                    result.append(ActivityDue(activity: activity, due: due, state: state, thisWeek: thisWeek))
                }
            }
        }
        return result.sorted { ($0.due, $0.activity.id) < ($1.due, $1.activity.id) }
    }

    /// The days a record may carry, and the day it is due by, for each time a cadence falls in `[from, through]`.
    static func occurrences(_ cadence: HypercarePlan.Cadence, from: CalendarDate, through: CalendarDate,
                            goLiveDay: CalendarDate) -> [(window: ClosedRange<CalendarDate>, due: CalendarDate)] {
        var result: [(window: ClosedRange<CalendarDate>, due: CalendarDate)] = []
        var day = from
        while day <= through {
            let planWeekStart = day.adding(days: -(goLiveDay.days(to: day) % 7))
            switch cadence {
            case .day:
                result.append((day...day, day))
            case .weekday(let weekday) where day.weekday == weekday:
                result.append((planWeekStart...planWeekStart.adding(days: 6), day))
            case .otherWeek where from.days(to: day) % 14 == 13:
                result.append((day.adding(days: -13)...day, day))
            case .monthEnd where day.adding(days: 1).day == 1:
                result.append((day.adding(days: -6)...day, day))
            default:
                break
            }
            day = day.adding(days: 1)
        }
        return result
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
        let higherIsBetter = kpi.min != nil || kpi.reduceBy != nil
        let better = higherIsBetter ? slope > 0 : slope < 0
        return (better ? .improving : .worsening, slope)
    }
}
