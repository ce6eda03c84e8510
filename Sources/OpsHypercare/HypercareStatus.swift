import Foundation
import OpsCore
import OpsExpr

/// Where hypercare stands on a given day: week and phase, each KPI met / not met / no data in the latest finished
/// week (or month) with its trend, the activities due and missed, the checklist, what blocks the hand-over, and a
/// projected exit when the trends continue. Pure: the clock and the records are passed in.
///
/// The exit is judged when a week ends: the first finished week from the plan's last on in which every KPI meets its
/// target in that week, every completion item is done and the plan's weeks are over. Once found it stays found, and
/// the status shows the KPIs as they were judged then.
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

    public struct KPIStatus: Sendable {
        public let kpi: HypercarePlan.KPI
        /// Periods with a value, oldest first; a period without one is a gap.
        public let series: [HypercarePoint]
        public let state: State
        public let trend: Trend
        /// Change per period over the last three measured values (toward the target when improving).
        public let slope: Double?
        /// The value the state was judged on: the latest finished week, or for a monthly KPI the month that breaks
        /// the target (else the month so far). Nil when that period has no value (`no_data`).
        public let judged: HypercarePoint?
        /// The period judged, with or without a value: `w13`, `2027-01`.
        public let judgedLabel: String
        public var latest: HypercarePoint? { series.last }
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

    /// The plan judged against.
    public let plan: HypercarePlan
    /// The workload's name (empty when not given) and its go-live day.
    public let workload: String
    public let goLive: CalendarDate
    /// The day the status is for, in the workload's time zone.
    public let asOf: CalendarDate
    /// 1-based week since go-live; 0 before go-live; `weeks + 1` once the plan's weeks are over.
    public let week: Int
    /// The finished week the weekly KPIs are judged on (0 before the first week ends).
    public let judgedWeek: Int
    public let phase: HypercarePlan.Phase?
    public let kpis: [KPIStatus]
    /// Incidents detected so far, with their response against the priority's target and the escalation reached.
    public let incidents: [IncidentReview]
    /// The response targets incidents were judged against (the manifest's `incident_targets`).
    public let incidentTargets: IncidentTargets?
    /// MTBF and automatic recovery so far, against the plan's `reliability` targets (reported, not exit criteria).
    public let reliability: ReliabilityFigures?
    /// Maintenance windows announced later than the plan asks, or not at all.
    public let maintenanceNotices: [MaintenanceNotice]
    /// Every time an activity fell or falls due up to the end of the current week, oldest first.
    public let activities: [ActivityDue]
    public let checklist: [(item: HypercarePlan.ChecklistItem, done: Bool)]
    /// What keeps the exit from being ready; never empty unless it is.
    public let blockers: [LocalizedText]
    /// The exit criteria held at the end of a finished week (`exitWeek`).
    public let exitReady: Bool
    /// The week at whose end the exit criteria first held.
    public let exitWeek: Int?
    public let projectedExitWeek: Int?
    /// The day after the projected last week.
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
        /// Responded later than the target, or still unanswered past it.
        public let late: Bool
        /// The highest level whose time the incident outlasted (detected → resolved, or → now while open).
        public let escalation: EscalationLevel?
        /// Where its handling fell short of the plan's `incident_handling` (notice, fix, updates, review).
        public let lapses: [IncidentLapse]
    }

    /// The activities due in the current week, and those whose day passed without a record.
    public var dueThisWeek: [ActivityDue] { activities.filter(\.thisWeek) }
    public var missedActivities: [ActivityDue] { activities.filter { $0.state == .missed } }

    /// The phase's title, or where the workload stands outside the plan's weeks.
    public var phaseTitle: LocalizedText {
        phase?.title ?? (week == 0 ? LocalizedText(ko: "오픈 전", en: "before go-live") : LocalizedText(ko: "지원 기간 종료", en: "after the plan"))
    }

    /// The status at `now`. `records` are the records as they stood then (`HypercareRecords.asOf`).
    public static func compute(plan: HypercarePlan, records: HypercareRecords, goLive: Date, now: Date, timeZone: TimeZone,
                               incidentTargets: IncidentTargets? = nil, escalation: [EscalationLevel] = [], workload: String = "") -> HypercareStatus {
        let judge = HypercareJudge(plan: plan, records: records, goLive: goLive, timeZone: timeZone, incidentTargets: incidentTargets, escalation: escalation)
        let realWeek = judge.weeks.week(of: now)
        // The exit: the first finished week from the plan's last on whose end meets every criterion.
        if realWeek > plan.weeks {
            for finished in plan.weeks..<realWeek {
                let end = judge.weeks.start(finished + 1)
                let atEnd = judge.evaluate(at: end)
                if atEnd.criteriaMet {
                    return make(atEnd, judge: judge, workload: workload, asOf: now, displayWeek: min(realWeek, plan.weeks + 1), exitWeek: finished)
                }
            }
        }
        return make(judge.evaluate(at: now), judge: judge, workload: workload, asOf: now, displayWeek: min(realWeek, plan.weeks + 1), exitWeek: nil)
    }

    private static func make(_ e: HypercareJudge.Evaluation, judge: HypercareJudge, workload: String, asOf now: Date, displayWeek: Int,
                             exitWeek: Int?) -> HypercareStatus {
        let plan = judge.plan
        var blockers = e.blockers
        var projected: Int?
        var reason: LocalizedText?
        if let exitWeek {
            projected = exitWeek
        } else {
            if blockers.isEmpty {
                // Everything holds today, but only since the current week began: the exit is judged when it ends.
                let end = judge.weeks.dayAfter(week: e.realWeek).adding(days: -1)
                blockers.append(LocalizedText(ko: "종료 판정은 주 단위: 이번 주 \(e.realWeek)주차가 끝나는 \(end)에 판정",
                                              en: "the exit is judged when a week ends: week \(e.realWeek) ends \(end)"))
            }
            (projected, reason) = projection(e, plan: plan)
        }
        return HypercareStatus(plan: plan, workload: workload, goLive: CalendarDate(judge.goLive, in: judge.timeZone), asOf: CalendarDate(now, in: judge.timeZone),
                               week: displayWeek, judgedWeek: max(0, e.realWeek - 1), phase: plan.phase(week: displayWeek), kpis: e.kpis,
                               incidents: e.incidents, incidentTargets: judge.incidentTargets,
                               reliability: plan.reliability.map { target in
                                   ReliabilityFigures.compute((judge.records.incidents ?? []).map { $0.asOf(now) }, goLive: judge.goLive, now: now, target: target)
                               },
                               maintenanceNotices: plan.incidentHandling.map { h in MaintenanceNotice.late(judge.records.maintenance ?? [], now: now, handling: h) } ?? [],
                               activities: e.activities, checklist: e.checklist,
                               blockers: blockers, exitReady: exitWeek != nil, exitWeek: exitWeek, projectedExitWeek: projected,
                               projectedExitDate: projected.map { judge.weeks.dayAfter(week: $0) },
                               noProjectionReason: reason)
    }

    /// When the trends say the exit comes, or why there is no telling. A KPI with no value in the judged week counts
    /// by its latest value when that is at most four weeks old (surveys run monthly); older than that, no projection.
    static func projection(_ e: HypercareJudge.Evaluation, plan: HypercarePlan) -> (Int?, LocalizedText?) {
        var longest = 0
        for status in e.kpis where status.state != .met {
            if status.state == .noData {
                guard let last = status.latest, status.kpi.monthly || last.period >= e.realWeek - 4 else {
                    let since = status.latest.map { LocalizedText(ko: "\($0.label) 이후 데이터 없음", en: "no data since \($0.label)") }
                        ?? LocalizedText(ko: "데이터 없음", en: "no data")
                    return (nil, LocalizedText(ko: "\(status.kpi.title.ko): \(since.ko)", en: "\(status.kpi.title.en): \(since.en)"))
                }
                if status.kpi.isMet(by: last.value) { continue }
            }
            guard let weeks = weeksToMeet(status, e: e) else {
                return (nil, status.trend == .unknown
                    ? LocalizedText(ko: "\(status.kpi.title.ko): 추세를 볼 데이터 부족", en: "\(status.kpi.title.en) has too few values for a trend")
                    : LocalizedText(ko: "\(status.kpi.title.ko) 개선 추세 없음", en: "\(status.kpi.title.en) is not improving"))
            }
            longest = max(longest, weeks)
        }
        return (max(plan.weeks, e.realWeek + longest), nil)
    }

    /// The highest escalation level whose time `seconds` reaches (L1 answers at once).
    static func escalationReached(_ seconds: TimeInterval, levels: [EscalationLevel]) -> EscalationLevel? {
        levels.filter { $0.within.timeInterval <= seconds }.max { $0.within < $1.within }
    }

    /// Weeks from now until a KPI not yet met is met, if things go on as they are; nil when there is no telling.
    static func weeksToMeet(_ k: KPIStatus, e: HypercareJudge.Evaluation) -> Int? {
        if k.kpi.monthly, let current = k.series.last, current.partial, k.kpi.isMet(by: current.value), let monthEnd = e.currentMonthEnd {
            // Only the last finished month breaks the target: met once this month ends as it is going.
            return Int((monthEnd.timeIntervalSince(e.now) / (7 * 86_400)).rounded(.up))
        }
        guard k.trend == .improving, let latest = k.latest, let slope = k.slope, slope != 0 else { return nil }
        let target = k.kpi.target ?? latest.value
        let periods = (abs(target - latest.value) / abs(slope)).rounded(.up)
        guard periods.isFinite, periods < 10_000 else { return nil }
        return Int(k.kpi.monthly ? (periods * 30.44 / 7).rounded(.up) : periods)
    }

    /// Least-squares slope over the last three measured values, per period (a skipped week stretches the line, it
    /// does not shorten it); improving when it moves toward the target. Points that stand because nothing happened
    /// (no incident, no outage) are not measurements of a direction and are left out.
    static func trend(_ points: [HypercarePoint], kpi: HypercarePlan.KPI) -> (Trend, Double?) {
        let measured = points.filter { !$0.fromAbsence }.suffix(3)
        guard measured.count >= 2 else { return (.unknown, nil) }
        let n = Double(measured.count)
        let xs = measured.map { Double($0.period) }, values = measured.map(\.value)
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
