import Foundation
import OpsCore
import OpsHypercare

/// The sentences every hypercare rendering shares (text, Markdown, HTML): the headline, the exit line, a judged
/// value, the incident lines, the activities due and missed.
public enum HypercarePhrases {
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
        for review in s.incidents where review.late || (review.escalation.map { $0.level >= "L3" } ?? false) || !review.lapses.isEmpty {
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
            if let handling = s.plan.incidentHandling { parts += review.lapses.map { $0.text(language, handling) } }
            lines.append("\(review.late ? "✗" : "!") \(i.id) \(i.priority): " + parts.joined(separator: "; "))
        }
        if let r = s.reliability { lines.append(reliabilityLine(r, language)) }
        if let handling = s.plan.incidentHandling {
            let ahead = handling.announceAhead.shortText
            for notice in s.maintenanceNotices {
                let given = notice.hoursAhead.map { "\(Int($0.rounded()))h" }
                let said = ko ? given.map { "점검 \($0) 전 공지" } ?? "점검 공지 기록 없음" : given.map { "maintenance announced \($0) ahead" } ?? "no announcement recorded"
                lines.append("! \(notice.window.id): \(said) " + (ko ? "(목표 \(ahead) 전)" : "(\(ahead) ahead)"))
            }
        }
        return lines
    }

    /// `MTBF 1,008h (> 720h) ✓ · recovered automatically 3/8 (> 95%) ✗`: the operation scenarios' figures, reported.
    static func reliabilityLine(_ r: ReliabilityFigures, _ language: Language) -> String {
        let ko = language == .ko
        let hours = "\(Int(r.operatingHours.rounded()))h"
        let mtbf = r.mtbfHours.map { "\(Int($0.rounded()))h" } ?? (ko ? "장애 없음 \(hours)" : "no failure in \(hours)")
        let auto = r.autoRecoveryPercent.map { "\(r.autoRecovered)/\(r.resolved) (\(HypercarePlan.format($0))%)" } ?? "0/0"
        let mark = { (met: Bool) in met ? "✓" : "✗" }
        let mtbfTarget = HypercarePlan.format(r.target.mtbfHours), autoTarget = HypercarePlan.format(r.target.autoRecoveryPercent)
        return ko
            ? "MTBF \(mtbf) (목표 > \(mtbfTarget)h) \(mark(r.mtbfMet)) · 자동 복구 \(auto) (목표 > \(autoTarget)%) \(mark(r.autoRecoveryMet)) — 운영 시나리오 기준, 종료 조건 아님"
            : "MTBF \(mtbf) (target > \(mtbfTarget)h) \(mark(r.mtbfMet)) · recovered automatically \(auto) (target > \(autoTarget)%) \(mark(r.autoRecoveryMet))"
                + " — the operation scenarios' targets, not exit criteria"
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
}
