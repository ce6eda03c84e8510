/// The hypercare status for people (text) and programs (JSON).
public enum HypercareReport {
    public static func text(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        let ko = language == .ko
        var lines: [String] = []
        lines.append("\(plan.title.text(language)) · \(ko ? "주차" : "week") \(s.week)/\(plan.weeks) · \(s.phaseTitle.text(language))")
        lines.append(s.exitReady ? (ko ? "종료 판정: 인계 가능" : "Exit: READY to hand over") : (ko ? "종료 판정: 아직 아님" : "Exit: NOT YET"))
        if !s.dueThisWeek.isEmpty {
            lines.append((ko ? "이번 주 할 일: " : "Due this week: ") + Self.dueSummary(s.dueThisWeek, language))
        }
        if !s.missedActivities.isEmpty {
            lines.append((ko ? "누락된 활동 \(s.missedActivities.count)건: " : "Missed activities (\(s.missedActivities.count)): ")
                + Self.missedSummary(s.missedActivities, language))
        }
        lines.append("")
        lines.append(ko ? "KPI (최근 완료 주 또는 월 기준)" : "KPIs (latest finished week, or month)")
        for k in s.kpis {
            let mark = k.state == .met ? "✓" : (k.state == .notMet ? "✗" : "·")
            let value = k.judged.map { "\(HypercarePlan.format($0.value)) (\($0.caption(language)))" } ?? (ko ? "데이터 없음" : "no data")
            let trend = k.trend == .unknown ? "" : "  \(k.trend.rawValue)"
            lines.append("  \(mark) \(k.kpi.title.text(language)): \(value)  \(ko ? "목표" : "target") \(k.kpi.targetText)\(trend)")
        }
        let done = s.checklist.filter(\.done).count
        lines.append("")
        lines.append((ko ? "완료 조건: " : "Completion checklist: ") + "\(done)/\(s.checklist.count)")
        if !s.blockers.isEmpty {
            lines.append(ko ? "인계 차단 요인" : "Blocking the hand-over")
            for b in s.blockers { lines.append("  - \(b.text(language))") }
        }
        if let week = s.projectedExitWeek, let date = s.projectedExitDate {
            lines.append((ko ? "예상 종료: " : "Projected exit: ") + "\(date) (\(ko ? "주차" : "after week") \(week))")
        } else if let reason = s.noProjectionReason {
            lines.append((ko ? "예상 종료: 산출 불가 — " : "Projected exit: none — ") + reason.text(language))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The week's activities, one entry each: `✓ Weekly report (Friday) 12-04` (done, ✗ missed, … to come), or for
    /// one due several times `Daily report (18:00) ✓5 ✗1 …1`.
    public static func dueSummary(_ due: [HypercareStatus.ActivityDue], _ language: Language) -> String {
        func mark(_ state: HypercareStatus.ActivityDue.State) -> String {
            switch state { case .done: "✓"; case .missed: "✗"; case .upcoming: "…" }
        }
        var order: [String] = []
        var byActivity: [String: [HypercareStatus.ActivityDue]] = [:]
        for a in due {
            if byActivity[a.activity.id] == nil { order.append(a.activity.id) }
            byActivity[a.activity.id, default: []].append(a)
        }
        return order.map { id in
            let all = byActivity[id]!, title = all[0].activity.title.text(language)
            if all.count == 1 { return "\(mark(all[0].state)) \(title) \(all[0].due.description.dropFirst(5))" }
            let counts = [HypercareStatus.ActivityDue.State.done, .missed, .upcoming].map { state in (state, all.filter { $0.state == state }.count) }
            return title + " " + counts.filter { $0.1 > 0 }.map { "\(mark($0.0))\($0.1)" }.joined(separator: " ")
        }.joined(separator: " · ")
    }

    /// Missed activities by title with their days, the most recent first, at most five days each.
    public static func missedSummary(_ missed: [HypercareStatus.ActivityDue], _ language: Language) -> String {
        var order: [String] = []
        var days: [String: [CalendarDate]] = [:]
        for a in missed.reversed() {
            if days[a.activity.id] == nil { order.append(a.activity.id) }
            days[a.activity.id, default: []].append(a.due)
        }
        return order.map { id in
            let title = missed.first { $0.activity.id == id }!.activity.title.text(language)
            let list = days[id]!
            let shown = list.prefix(5).map(\.description).joined(separator: ", ")
            return "\(title) \(shown)" + (list.count > 5 ? (language == .ko ? " 외 \(list.count - 5)건" : " and \(list.count - 5) more") : "")
        }.joined(separator: "; ")
    }

    public static func json(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        JSONValue.object([
            ("plan", .string(plan.id)), ("week", .int(s.week)), ("weeks", .int(plan.weeks)), ("phase", .optional(s.phase?.id)),
            ("exit_ready", .bool(s.exitReady)),
            ("projected_exit", .optional(s.projectedExitDate?.description)), ("projected_exit_week", s.projectedExitWeek.map(JSONValue.int) ?? .null),
            ("activities", .array(s.activities.map(activityJSON))),
            ("kpis", .array(s.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("title", .string(k.kpi.title.text(language))), ("state", .string(k.state.rawValue)),
                    ("trend", .string(k.trend.rawValue)), ("min", k.kpi.min.map(JSONValue.double) ?? .null), ("max", k.kpi.max.map(JSONValue.double) ?? .null),
                    ("seed", .string("\(plan.seed) \(k.kpi.seed)")),
                    ("per", .string(k.kpi.monthly ? "month" : "week")),
                    ("series", .array(k.series.map(pointJSON))),
                ])
            })),
            ("checklist", .array(s.checklist.map { .object([("id", .string($0.item.id)), ("done", .bool($0.done))]) })),
            ("blockers", .array(s.blockers.map { .string($0.text(language)) })),
        ]).rendered()
    }

    static func pointJSON(_ p: HypercareStatus.Point) -> JSONValue {
        .object([("period", .int(p.period)), ("label", .string(p.label)), ("value", .double(p.value)), ("partial", .bool(p.partial))])
    }

    static func activityJSON(_ a: HypercareStatus.ActivityDue) -> JSONValue {
        .object([("id", .string(a.activity.id)), ("due", .string(a.due.description)), ("state", .string(a.state.rawValue)), ("this_week", .bool(a.thisWeek))])
    }
}
