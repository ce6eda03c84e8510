import Foundation

/// The hypercare status for people (text) and programs (JSON).
public enum HypercareReport {
    public static func text(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        let ko = language == .ko
        var lines: [String] = []
        lines.append(headline(s, language))
        lines.append("\(plan.title.text(language)) · \(ko ? "주차" : "week") \(s.week)/\(plan.weeks) · \(s.phaseTitle.text(language))")
        lines.append(exitLine(s, language))
        if !s.dueThisWeek.isEmpty {
            lines.append((ko ? "이번 주 할 일: " : "Due this week: ") + Self.dueSummary(s.dueThisWeek, language))
        }
        if !s.missedActivities.isEmpty {
            lines.append((ko ? "누락된 활동 \(s.missedActivities.count)건: " : "Missed activities (\(s.missedActivities.count)): ")
                + Self.missedSummary(s.missedActivities, language))
        }
        lines.append("")
        lines.append(s.judgedWeek >= 1 ? (ko ? "KPI (완료된 \(s.judgedWeek)주차 기준, 월별 KPI는 지난달과 이번 달)" : "KPIs (judged on week \(s.judgedWeek), the latest finished; monthly ones on last month and this month so far)")
                                       : (ko ? "KPI (완료된 주 없음)" : "KPIs (no week finished yet)"))
        for k in s.kpis {
            let mark = k.state == .met ? "✓" : (k.state == .notMet ? "✗" : "·")
            let value = judgedText(k, language)
            let trend = k.trend == .unknown ? "" : "  \(k.trend.text(language))"
            lines.append("  \(mark) \(k.kpi.title.text(language)): \(value)  \(ko ? "목표" : "target") \(k.kpi.targetText)\(trend)")
        }
        let incidentLines = Self.incidentLines(s, language)
        if !incidentLines.isEmpty {
            lines.append("")
            lines.append(contentsOf: [incidentLines[0]] + incidentLines.dropFirst().map { "  " + $0 })
        }
        let done = s.checklist.filter(\.done).count
        lines.append("")
        lines.append((ko ? "완료 조건: " : "Completion checklist: ") + "\(done)/\(s.checklist.count)")
        if !s.blockers.isEmpty {
            lines.append(ko ? "인계 차단 요인" : "Blocking the hand-over")
            for b in s.blockers { lines.append("  - \(b.text(language))") }
        }
        if let week = s.projectedExitWeek, let date = s.projectedExitDate {
            lines.append((s.exitReady ? (ko ? "종료일: " : "Exit: ") : (ko ? "예상 종료: " : "Projected exit: ")) + "\(date) (\(ko ? "\(week)주차 이후" : "after week \(week)"))")
        } else if let reason = s.noProjectionReason {
            lines.append((ko ? "예상 종료: 산출 불가 — " : "Projected exit: none — ") + reason.text(language))
        }
        // Each entry is one line; text from the records (names, ids) cannot start another.
        return lines.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }

    /// `aicc-prod · go-live 2026-12-01 · as of 2027-01-13`: whose status, and which day.
    public static func headline(_ s: HypercareStatus, _ language: Language) -> String {
        let ko = language == .ko
        let day = ko ? "오픈 \(s.goLive) · 기준일 \(s.asOf)" : "go-live \(s.goLive) · as of \(s.asOf)"
        return s.workload.isEmpty ? day : "\(s.workload) · \(day)"
    }

    /// `Exit: READY to hand over (every criterion met at the end of week 12)` or `Exit: NOT YET`.
    public static func exitLine(_ s: HypercareStatus, _ language: Language) -> String {
        let ko = language == .ko
        guard s.exitReady else { return ko ? "종료 판정: 아직 아님" : "Exit: NOT YET" }
        let week = s.exitWeek.map { ko ? " (\($0)주차 종료 시점에 모든 조건 충족)" : " (every criterion met at the end of week \($0))" } ?? ""
        return (ko ? "종료 판정: 인계 가능" : "Exit: READY to hand over") + week
    }

    /// The judged value with its period and origin, `99.79 (w6 · typed)`, or `no data (w6)`.
    public static func judgedText(_ k: HypercareStatus.KPIStatus, _ language: Language) -> String {
        guard let point = k.judged else {
            let none = language == .ko ? "데이터 없음" : "no data"
            return k.judgedLabel.isEmpty ? none : "\(none) (\(k.judgedLabel))"
        }
        return point.described(k.kpi, language)
    }

    /// A summary of the incidents so far (count by priority, responses within target), then one line for each
    /// incident answered late or escalated to L3 or beyond.
    public static func incidentLines(_ s: HypercareStatus, _ language: Language) -> [String] {
        let ko = language == .ko
        guard !s.incidents.isEmpty else { return [] }
        let byPriority = IncidentTargets.priorities.compactMap { p in
            let n = s.incidents.filter { $0.incident.priority == p }.count
            return n > 0 ? "\(p) \(n)" : nil
        }.joined(separator: " · ")
        var head = (ko ? "장애 \(s.incidents.count)건 (\(byPriority))" : "Incidents: \(s.incidents.count) (\(byPriority))")
        if let targets = s.incidentTargets {
            let judged = s.incidents.filter { ($0.responseMinutes != nil || $0.late) && $0.target != nil }
            let within = judged.filter { !$0.late }.count
            head += ko ? "; 목표 내 대응 \(within)/\(judged.count) (목표 \(targets.summary), \(targets.source))"
                       : "; responded within target \(within)/\(judged.count) (targets \(targets.summary), \(targets.source))"
        }
        var lines = [head]
        for review in s.incidents where review.late || (review.escalation.map { $0.level >= "L3" } ?? false) {
            let i = review.incident
            var parts: [String] = []
            if let minutes = review.responseMinutes, let target = review.target {
                parts.append(ko ? "대응 \(Self.minutes(minutes)) (목표 \(target.shortText))" : "responded in \(Self.minutes(minutes)) (target \(target.shortText))")
            } else if review.late, let target = review.target {
                parts.append(ko ? "미대응, 목표 \(target.shortText) 초과" : "no response yet, past the \(target.shortText) target")
            }
            if let level = review.escalation {
                let span = i.resolved.map { Self.minutes($0.timeIntervalSince(i.detected) / 60) } ?? ""
                parts.append(i.resolved == nil ? (ko ? "미해결, \(level.level) \(level.who)까지 에스컬레이션" : "open, escalated to \(level.level) \(level.who)")
                                               : (ko ? "해결 \(span), \(level.level) \(level.who)까지 에스컬레이션" : "resolved in \(span), escalated to \(level.level) \(level.who)"))
            }
            lines.append("\(review.late ? "✗" : "!") \(i.id) \(i.priority): " + parts.joined(separator: "; "))
        }
        return lines
    }

    /// `20m`, `1h 15m`.
    static func minutes(_ value: Double) -> String {
        let total = Int(value.rounded())
        return total >= 60 ? "\(total / 60)h" + (total % 60 > 0 ? " \(total % 60)m" : "") : "\(total)m"
    }

    /// The week's activities, one entry each: `✓ Weekly report (Friday) 12-04` (done, ✗ missed, … to come), or for
    /// one due several times `Daily report (18:00) ✓5 ✗1 …1`.
    public static func dueSummary(_ due: [HypercareStatus.ActivityDue], _ language: Language) -> String {
        func mark(_ state: HypercareStatus.ActivityDue.State) -> String {
            switch state { case .done: "✓"; case .missed: "✗"; case .upcoming: "…" }
        }
        return byActivity(due).map { all in
            let title = all[0].activity.title.text(language)
            if all.count == 1 { return "\(mark(all[0].state)) \(title) \(all[0].due.description.dropFirst(5))" }
            let counts = [HypercareStatus.ActivityDue.State.done, .missed, .upcoming].map { state in (state, all.filter { $0.state == state }.count) }
            return title + " " + counts.filter { $0.1 > 0 }.map { "\(mark($0.0))\($0.1)" }.joined(separator: " ")
        }.joined(separator: " · ")
    }

    /// The list split by activity, each group in list order, the groups in the order their activity first appears.
    static func byActivity(_ list: some Sequence<HypercareStatus.ActivityDue>) -> [[HypercareStatus.ActivityDue]] {
        var groups: [[HypercareStatus.ActivityDue]] = []
        var index: [String: Int] = [:]
        for a in list {
            if let at = index[a.activity.id] { groups[at].append(a) } else {
                index[a.activity.id] = groups.count
                groups.append([a])
            }
        }
        return groups
    }

    /// Missed activities by title with their days, the most recent first, at most five days each.
    public static func missedSummary(_ missed: [HypercareStatus.ActivityDue], _ language: Language) -> String {
        return byActivity(missed.reversed()).map { all in
            let title = all[0].activity.title.text(language)
            let list = all.map(\.due)
            let shown = list.prefix(5).map(\.description).joined(separator: ", ")
            return "\(title) \(shown)" + (list.count > 5 ? (language == .ko ? " 외 \(list.count - 5)건" : " and \(list.count - 5) more") : "")
        }.joined(separator: "; ")
    }

    public static func json(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        JSONValue.object([
            ("workload", .string(s.workload)), ("go_live", .string(s.goLive.description)), ("as_of", .string(s.asOf.description)),
            ("plan", .string(plan.id)), ("plan_title", .string(plan.title.text(language))), ("week", .int(s.week)), ("weeks", .int(plan.weeks)),
            ("judged_week", .int(s.judgedWeek)), ("phase", .optional(s.phase?.id)),
            ("exit_ready", .bool(s.exitReady)), ("exit_week", s.exitWeek.map(JSONValue.int) ?? .null),
            ("projected_exit", .optional(s.projectedExitDate?.description)), ("projected_exit_week", s.projectedExitWeek.map(JSONValue.int) ?? .null),
            ("activities", .array(s.activities.map(activityJSON))),
            ("incidents", .array(s.incidents.map(incidentJSON))),
            ("kpis", .array(s.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("title", .string(k.kpi.title.text(language))), ("state", .string(k.state.rawValue)),
                    ("trend", .string(k.trend.rawValue)), ("min", k.kpi.min.map(JSONValue.double) ?? .null), ("max", k.kpi.max.map(JSONValue.double) ?? .null),
                    ("reduce_by", k.kpi.reduceBy.map(JSONValue.double) ?? .null), ("judged", k.judged.map(pointJSON) ?? .null),
                    ("judged_period", .string(k.judgedLabel)),
                    ("seed", .string("\(plan.seed) \(k.kpi.seed)")),
                    ("per", .string(k.kpi.monthly ? "month" : "week")),
                    ("series", .array(k.series.map(pointJSON))),
                ])
            })),
            ("checklist", .array(s.checklist.map { .object([("id", .string($0.item.id)), ("done", .bool($0.done))]) })),
            ("blockers", .array(s.blockers.map { .string($0.text(language)) })),
        ]).rendered()
    }

    static func pointJSON(_ p: HypercarePoint) -> JSONValue {
        .object([("period", .int(p.period)), ("label", .string(p.label)), ("value", .double(p.value)), ("partial", .bool(p.partial)),
                 ("source", .string(p.source.rawValue)), ("count", p.count.map(JSONValue.int) ?? .null)])
    }

    static func incidentJSON(_ r: HypercareStatus.IncidentReview) -> JSONValue {
        .object([
            ("id", .string(r.incident.id)), ("priority", .string(r.incident.priority)), ("outage", .bool(r.incident.outage)),
            ("response_minutes", r.responseMinutes.map(JSONValue.double) ?? .null), ("target", .optional(r.target?.shortText)),
            ("late", .bool(r.late)), ("escalation", .optional(r.escalation?.level)),
        ])
    }

    static func activityJSON(_ a: HypercareStatus.ActivityDue) -> JSONValue {
        .object([("id", .string(a.activity.id)), ("due", .string(a.due.description)), ("state", .string(a.state.rawValue)), ("this_week", .bool(a.thisWeek))])
    }
}
