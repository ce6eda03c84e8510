/// The hypercare status for people (text) and programs (JSON).
public enum HypercareReport {
    public static func text(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        let ko = language == .ko
        var lines: [String] = []
        lines.append("\(plan.title.text(language)) · \(ko ? "주차" : "week") \(s.week)/\(plan.weeks) · \(s.phaseTitle.text(language))")
        lines.append(s.exitReady ? (ko ? "종료 판정: 인계 가능" : "Exit: READY to hand over") : (ko ? "종료 판정: 아직 아님" : "Exit: NOT YET"))
        if let due = s.phase?.due, !due.isEmpty {
            lines.append((ko ? "이번 주 할 일: " : "Due this week: ") + due.map { $0.text(language) }.joined(separator: " · "))
        }
        lines.append("")
        lines.append(ko ? "KPI (최근 완료 주 기준)" : "KPIs (latest finished week)")
        for k in s.kpis {
            let mark = k.state == .met ? "✓" : (k.state == .notMet ? "✗" : "·")
            let value = k.latest.map { "\(HypercarePlan.format($0.value)) (w\($0.week))" } ?? (ko ? "데이터 없음" : "no data")
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

    public static func json(_ s: HypercareStatus, plan: HypercarePlan, language: Language) -> String {
        JSONValue.object([
            ("plan", .string(plan.id)), ("week", .int(s.week)), ("weeks", .int(plan.weeks)), ("phase", .optional(s.phase?.id)),
            ("exit_ready", .bool(s.exitReady)),
            ("projected_exit", .optional(s.projectedExitDate?.description)), ("projected_exit_week", s.projectedExitWeek.map(JSONValue.int) ?? .null),
            ("due", .array((s.phase?.due ?? []).map { .string($0.text(language)) })),
            ("kpis", .array(s.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("title", .string(k.kpi.title.text(language))), ("state", .string(k.state.rawValue)),
                    ("trend", .string(k.trend.rawValue)), ("min", k.kpi.min.map(JSONValue.double) ?? .null), ("max", k.kpi.max.map(JSONValue.double) ?? .null),
                    ("seed", .string("\(plan.seed) \(k.kpi.seed)")),
                    ("series", .array(k.series.map { .object([("week", .int($0.week)), ("value", .double($0.value))]) })),
                ])
            })),
            ("checklist", .array(s.checklist.map { .object([("id", .string($0.item.id)), ("done", .bool($0.done))]) })),
            ("blockers", .array(s.blockers.map { .string($0.text(language)) })),
        ]).rendered()
    }
}
