import Foundation
import OpsCore

/// Judges a workload's records at any instant: the KPI series and states, incident responses, activities due, the
/// checklist and what blocks the exit. The status asks it about "now" and about the end of each finished week; what
/// does not depend on the instant (reported weeks, probe runs per week) is worked out once.
struct HypercareJudge {
    let plan: HypercarePlan
    let records: HypercareRecords
    let goLive: Date
    let timeZone: TimeZone
    let incidentTargets: IncidentTargets?
    let escalation: [EscalationLevel]
    let weeks: HypercareWeeks
    /// The weeks the team reported on (a `weeks` row or probe runs).
    let reported: Set<Int>
    /// Probe runs per week: how many, how many passed, and their latencies.
    let probeWeeks: [Int: ProbeWeek]

    struct ProbeWeek {
        var runs = 0, passed = 0, latencies = 0
        var latencyMs = 0.0
    }

    init(plan: HypercarePlan, records: HypercareRecords, goLive: Date, timeZone: TimeZone, incidentTargets: IncidentTargets?, escalation: [EscalationLevel]) {
        self.plan = plan
        self.records = records
        self.goLive = goLive
        self.timeZone = timeZone
        self.incidentTargets = incidentTargets
        self.escalation = escalation
        let calendar = HypercareWeeks(goLive: goLive, timeZone: timeZone)
        weeks = calendar
        reported = records.reportedWeeks(calendar)
        var byWeek: [Int: ProbeWeek] = [:]
        for run in records.probes {
            let week = calendar.week(of: run.at)
            byWeek[week, default: ProbeWeek()].runs += 1
            if run.passed { byWeek[week]!.passed += 1 }
            if let latency = run.latencyMs {
                byWeek[week]!.latencies += 1
                byWeek[week]!.latencyMs += latency
            }
        }
        probeWeeks = byWeek
    }

    /// What the records say at one instant.
    struct Evaluation {
        let now: Date
        /// The week `now` falls in, uncapped; the weeks before it are finished.
        let realWeek: Int
        let kpis: [HypercareStatus.KPIStatus]
        let incidents: [HypercareStatus.IncidentReview]
        let activities: [HypercareStatus.ActivityDue]
        let checklist: [(item: HypercarePlan.ChecklistItem, done: Bool)]
        let blockers: [LocalizedText]
        /// The end of the calendar month `now` is in.
        let currentMonthEnd: Date?
        var criteriaMet: Bool { blockers.isEmpty }
    }

    func evaluate(at now: Date) -> Evaluation {
        let realWeek = weeks.week(of: now)
        let months = calendarMonths(upTo: now)
        let kpis = plan.kpis.map { kpiStatus($0, now: now, realWeek: realWeek, months: months) }
        let checklist = plan.checklist.map { item -> (item: HypercarePlan.ChecklistItem, done: Bool) in
            guard let entry = records.checklist[item.id] else { return (item, false) }
            return (item, entry.map { $0.start(in: timeZone) < now } ?? true)
        }
        var blockers: [LocalizedText] = []
        for status in kpis where status.state != .met {
            let target = status.kpi.targetText
            if let judged = status.judged {
                blockers.append(LocalizedText(ko: "\(status.kpi.title.ko): \(judged.described(status.kpi, .ko, note: "목표 \(target)"))",
                                              en: "\(status.kpi.title.en): \(judged.described(status.kpi, .en, note: "target \(target)"))"))
            } else {
                let week = status.judgedLabel
                blockers.append(LocalizedText(ko: "\(status.kpi.title.ko): 데이터 없음\(week.isEmpty ? "" : " (\(week))") (목표 \(target))",
                                              en: "\(status.kpi.title.en): no data\(week.isEmpty ? "" : " in \(week)") (target \(target))"))
            }
        }
        for (item, done) in checklist where !done {
            blockers.append(LocalizedText(ko: "완료 조건 미충족: \(item.title.ko)", en: "Completion item open: \(item.title.en)"))
        }
        if realWeek <= plan.weeks {
            blockers.append(LocalizedText(ko: "계획 기간 \(plan.weeks)주가 끝나지 않음 (현재 \(realWeek)주차)",
                                          en: "the plan's \(plan.weeks) weeks are not over (week \(realWeek))"))
        }
        let incidents = (records.incidents ?? []).filter { $0.detected <= now }.map { review($0.asOf(now), now: now) }
        return Evaluation(now: now, realWeek: realWeek, kpis: kpis, incidents: incidents, activities: activitiesDue(now: now, realWeek: realWeek),
                          checklist: checklist, blockers: blockers, currentMonthEnd: months.last?.end)
    }

    func review(_ incident: HypercareRecords.Incident, now: Date) -> HypercareStatus.IncidentReview {
        let target = incidentTargets?.response[incident.priority]
        let response = incident.responded.map { $0.timeIntervalSince(incident.detected) / 60 }
        var late = false
        if let target {
            if let response { late = response * 60 > target.timeInterval } else if incident.resolved == nil {
                late = now.timeIntervalSince(incident.detected) > target.timeInterval
            }
        }
        return HypercareStatus.IncidentReview(incident: incident, responseMinutes: response, target: target, late: late,
                                              escalation: HypercareStatus.escalationReached(min(incident.resolved ?? now, now).timeIntervalSince(incident.detected),
                                                                                           levels: escalation),
                                              lapses: plan.incidentHandling.map { IncidentLapse.of(incident, now: now, handling: $0) } ?? [])
    }

    // MARK: KPIs

    /// A calendar month since go-live, in the workload's time zone, cut at `now` when it is the current one.
    struct Month {
        let period: Int
        let label: String
        let start: Date
        let end: Date
        let partial: Bool
    }

    func calendarMonths(upTo now: Date) -> [Month] {
        guard now >= goLive else { return [] }
        var months: [Month] = []
        var first = CalendarDate(goLive, in: timeZone).firstOfMonth
        let current = CalendarDate(now, in: timeZone).firstOfMonth
        while first <= current {
            let next = first.firstOfNextMonth
            months.append(Month(period: months.count + 1, label: first.monthText, start: first.start(in: timeZone), end: next.start(in: timeZone),
                                partial: first == current))
            first = next
        }
        return months
    }

    func kpiStatus(_ kpi: HypercarePlan.KPI, now: Date, realWeek: Int, months: [Month]) -> HypercareStatus.KPIStatus {
        let series: [HypercarePoint]
        var judged: HypercarePoint?
        var label = ""
        var state = HypercareStatus.State.noData
        if kpi.monthly {
            series = monthlySeries(kpi, now: now, realWeek: realWeek, months: months)
            // Judged on the last finished month and the month so far: either one over the target, or without a value, is not met.
            let candidates = [months.last { !$0.partial }, months.last { $0.partial }].compactMap { $0 }
            let points = candidates.compactMap { month in series.first { $0.period == month.period } }
            if let missing = candidates.first(where: { month in !points.contains { $0.period == month.period } }) {
                label = missing.label
            } else if let breaking = points.first(where: { !kpi.isMet(by: $0.value) }) ?? points.last {
                judged = breaking
                label = breaking.label
                state = kpi.isMet(by: breaking.value) ? .met : .notMet
            }
        } else {
            series = weeklySeries(kpi, now: now, realWeek: realWeek)
            let finished = realWeek - 1
            if finished >= 1 {
                label = "w\(finished)"
                judged = series.last { $0.period == finished }
                state = judged.map { kpi.isMet(by: $0.value) ? .met : .notMet } ?? .noData
            }
        }
        // A month not over yet says little about the direction.
        let (trend, slope) = HypercareStatus.trend(kpi.monthly ? series.filter { !$0.partial } : series, kpi: kpi)
        return HypercareStatus.KPIStatus(kpi: kpi, series: series, state: state, trend: trend, slope: slope, judged: judged, judgedLabel: label)
    }

    /// One value per finished week that has one: typed in, measured by probes, averaged from surveys, or computed
    /// from incidents. A value computed from the absence of incidents counts only for a week the team reported on.
    func weeklySeries(_ kpi: HypercarePlan.KPI, now: Date, realWeek: Int) -> [HypercarePoint] {
        let finished = realWeek - 1
        guard finished >= 1 else { return [] }
        return (1...finished).compactMap { week -> HypercarePoint? in
            let start = weeks.start(week), end = weeks.start(week + 1)
            var found: (value: Double, source: HypercarePoint.Source, count: Int?)?
            if let measure = kpi.derived {
                found = derived(measure, from: start, to: end, now: now).flatMap { figure in
                    figure.count == 0 && !reported.contains(week) ? nil : (figure.value, figure.source, figure.count)
                }
            } else if let typed = records.weeks[week]?[kpi.id] {
                found = (typed, .typed, nil)
            } else if let measure = kpi.fromProbes, let probes = probeWeeks[week], let value = probeFigure(measure, probes) {
                found = (value, .probes, measure == .availabilityPercent ? probes.runs : probes.latencies)
            } else if let survey = kpi.fromSurvey, let (mean, count) = meanScore(survey, from: start, to: end) {
                found = (mean, .survey, count)
            } else if kpi.fromOutages, reported.contains(week) || outageCount(from: start, to: end) > 0,
                      let outage = derived(.outageHours, from: start, to: end, now: now) {
                found = (100 * (1 - outage.value / (7 * 24)), .outages, outage.count)
            }
            guard let found else { return nil }
            var value = found.value
            if kpi.reduceBy != nil {
                // A relative target: the reduction from the week-0 baseline, in percent.
                guard let baseline = records.weeks[0]?[kpi.id], baseline > 0 else { return nil }
                value = (baseline - value) / baseline * 100
            }
            return HypercarePoint(period: week, label: "w\(week)", value: value, partial: false, source: found.source, count: found.count)
        }
    }

    /// One value per calendar month since go-live, the current month so far. A month whose figure meets the target,
    /// or is zero because nothing was logged, counts only when every finished week in it was reported.
    func monthlySeries(_ kpi: HypercarePlan.KPI, now: Date, realWeek: Int, months: [Month]) -> [HypercarePoint] {
        guard let measure = kpi.derived else { return [] }
        return months.compactMap { month -> HypercarePoint? in
            guard let figure = derived(measure, from: month.start, to: min(month.end, now), now: now) else { return nil }
            if figure.count == 0 || kpi.isMet(by: figure.value) {
                let unreported = (1..<max(realWeek, 1)).contains { week in
                    weeks.start(week) < min(month.end, now) && weeks.start(week + 1) > month.start && !reported.contains(week)
                }
                if unreported { return nil }
            }
            return HypercarePoint(period: month.period, label: month.label, value: figure.value, partial: month.partial, source: figure.source,
                                  count: figure.count)
        }
    }

    /// A figure computed from the incident or maintenance log over `[from, to)` as known at `now`, with how many
    /// records it comes from; nil when that log is not kept.
    func derived(_ measure: HypercarePlan.DerivedMeasure, from: Date, to: Date, now: Date) -> (value: Double, source: HypercarePoint.Source, count: Int)? {
        let until = min(to, now)
        if measure.fromMaintenance {
            guard let windows = records.maintenance else { return nil }
            let inside = windows.filter { overlapHours($0.start, $0.end, from, until) > 0 }
            return (inside.map { overlapHours($0.start, $0.end, from, until) }.reduce(0, +), .maintenance, inside.count)
        }
        guard let incidents = records.incidents else { return nil }
        let detected = incidents.filter { $0.detected >= from && $0.detected < to && $0.detected <= now }
        switch measure {
        case .meanMinutesToResolve:
            // An incident still open counts with the time it has been open so far.
            let durations = detected.map { min($0.resolved ?? now, now).timeIntervalSince($0.detected) / 60 }
            return (durations.isEmpty ? 0 : durations.reduce(0, +) / Double(durations.count), .incidents, durations.count)
        case .p1Count:
            let count = detected.filter { $0.priority == "P1" }.count
            return (Double(count), .incidents, count)
        case .outageHours:
            // An outage still open counts up to now.
            let outages = incidents.filter { $0.outage && $0.detected <= now && overlapHours($0.detected, min($0.resolved ?? now, now), from, until) > 0 }
            return (outages.map { overlapHours($0.detected, min($0.resolved ?? now, now), from, until) }.reduce(0, +), .outages, outages.count)
        case .plannedDowntimeHours:
            return nil
        }
    }

    /// Outage incidents touching `[from, to)`.
    func outageCount(from: Date, to: Date) -> Int {
        (records.incidents ?? []).filter { $0.outage && $0.detected < to && ($0.resolved ?? .distantFuture) > from }.count
    }

    /// The mean score of a survey's responses given on days inside `[from, to)`, and how many there were.
    func meanScore(_ survey: String, from: Date, to: Date) -> (Double, Int)? {
        let inside = records.surveys.filter { response in
            guard response.survey == survey else { return false }
            let day = response.day.start(in: timeZone)
            return day >= from && day < to
        }
        return inside.isEmpty ? nil : (inside.map(\.score).reduce(0, +) / Double(inside.count), inside.count)
    }

    /// A week's figure from recorded probe runs: the share that passed, or the mean latency in seconds.
    func probeFigure(_ measure: HypercarePlan.ProbeMeasure, _ week: ProbeWeek) -> Double? {
        switch measure {
        case .availabilityPercent: return week.runs == 0 ? nil : Double(week.passed) * 100 / Double(week.runs)
        case .latencySeconds: return week.latencies == 0 ? nil : week.latencyMs / Double(week.latencies) / 1000
        }
    }

    /// Hours of `[start, end)` inside `[from, to)`.
    func overlapHours(_ start: Date, _ end: Date, _ from: Date, _ to: Date) -> Double {
        max(0, min(end, to).timeIntervalSince(max(start, from))) / 3600
    }

    // MARK: Activities

    /// Each time an activity of the phases falls due, up to the end of the current plan week: done when
    /// `activities.yaml` has a day inside its window (and not after today), missed when its day has passed without one.
    func activitiesDue(now: Date, realWeek: Int) -> [HypercareStatus.ActivityDue] {
        guard realWeek >= 1 else { return [] }
        let week = min(realWeek, plan.weeks + 1)
        let today = CalendarDate(now, in: timeZone)
        let goLiveDay = CalendarDate(goLive, in: timeZone)
        var result: [HypercareStatus.ActivityDue] = []
        for phase in plan.phases where phase.weeks.lowerBound <= week {
            let firstDay = goLiveDay.adding(days: 7 * (phase.weeks.lowerBound - 1))
            let lastWeek = min(phase.weeks.upperBound, week)
            let lastDay = goLiveDay.adding(days: 7 * lastWeek - 1)
            for activity in phase.due {
                for (window, due) in Self.occurrences(activity.every, from: firstDay, through: lastDay, goLiveDay: goLiveDay) {
                    let isDone = records.activities[activity.id]?.contains { window.contains($0) && $0 <= today } ?? false
                    let state: HypercareStatus.ActivityDue.State = isDone ? .done : (due < today ? .missed : .upcoming)
                    let thisWeek = weeks.week(of: due.start(in: timeZone)) == realWeek
                    result.append(HypercareStatus.ActivityDue(activity: activity, due: due, state: state, thisWeek: thisWeek))
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
}
