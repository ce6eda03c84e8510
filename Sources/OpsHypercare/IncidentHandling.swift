import Foundation
import OpsCore
import OpsExpr

extension HypercarePlan {
    /// How each incident is handled, from the plan's seed (`incident_handling:`): stakeholders told within 5 minutes,
    /// a temporary fix within 30, updates every 30 while open (003 §5.2.1, §4.1.2), a written review for the
    /// priorities named, and planned maintenance announced 48 hours ahead (001 §변경사항 커뮤니케이션).
    public struct IncidentHandling: Sendable {
        public let notifyWithin: OpsExpr.Duration
        public let mitigateWithin: OpsExpr.Duration
        public let updateEvery: OpsExpr.Duration
        public let reviewPriorities: [String]
        public let announceAhead: OpsExpr.Duration
        public let seed: String
    }

    /// The operation scenarios' reliability targets (`reliability:`): mean time between failures and the share of
    /// incidents recovered by automation (002 성공 지표). Reported beside the KPIs; not exit criteria of this plan.
    public struct Reliability: Sendable {
        public let mtbfHours: Double
        public let autoRecoveryPercent: Double
        public let seed: String
    }
}

/// Where an incident's handling fell short of the plan.
public enum IncidentLapse: Sendable, Equatable {
    /// No notice recorded although the notice time has passed; or one given this many minutes after detection.
    case notNotified, notifiedLate(minutes: Double)
    /// Open past the fix time without a temporary fix; or fixed this many minutes after detection.
    case notMitigated, mitigatedLate(minutes: Double)
    /// The longest silence while open, when it is longer than the update interval.
    case updateGap(minutes: Double)
    /// Resolved without a post-incident review.
    case noReview

    /// The lapses of one incident as known at `now`.
    static func of(_ incident: HypercareRecords.Incident, now: Date, handling: HypercarePlan.IncidentHandling) -> [IncidentLapse] {
        var lapses: [IncidentLapse] = []
        let minutes = { (date: Date) in date.timeIntervalSince(incident.detected) / 60 }
        let end = min(incident.resolved ?? now, now)
        if let notified = incident.notified {
            if notified.timeIntervalSince(incident.detected) > handling.notifyWithin.timeInterval { lapses.append(.notifiedLate(minutes: minutes(notified))) }
        } else if now.timeIntervalSince(incident.detected) > handling.notifyWithin.timeInterval {
            lapses.append(.notNotified)
        }
        if let mitigated = incident.mitigated {
            if mitigated.timeIntervalSince(incident.detected) > handling.mitigateWithin.timeInterval { lapses.append(.mitigatedLate(minutes: minutes(mitigated))) }
        } else if end.timeIntervalSince(incident.detected) > handling.mitigateWithin.timeInterval {
            lapses.append(.notMitigated)
        }
        // Silence is measured from the first notice (or detection) through each update to the resolution (or now).
        let marks = [incident.notified ?? incident.detected] + incident.updates.filter { $0 < end } + [end]
        let longest = zip(marks, marks.dropFirst()).map { $1.timeIntervalSince($0) }.max() ?? 0
        if longest > handling.updateEvery.timeInterval { lapses.append(.updateGap(minutes: longest / 60)) }
        if incident.resolved != nil, incident.review == nil, handling.reviewPriorities.contains(incident.priority) { lapses.append(.noReview) }
        return lapses
    }

    public func text(_ language: Language, _ handling: HypercarePlan.IncidentHandling) -> String {
        let ko = language == .ko
        func m(_ value: Double) -> String { "\(Int(value.rounded()))m" }
        switch self {
        case .notNotified: return ko ? "알림 기록 없음 (목표 \(handling.notifyWithin.shortText))" : "no notice recorded (within \(handling.notifyWithin.shortText))"
        case .notifiedLate(let v): return ko ? "알림 \(m(v)) (목표 \(handling.notifyWithin.shortText))" : "notified after \(m(v)) (within \(handling.notifyWithin.shortText))"
        case .notMitigated: return ko ? "임시 조치 기록 없음 (목표 \(handling.mitigateWithin.shortText))" : "no temporary fix recorded (within \(handling.mitigateWithin.shortText))"
        case .mitigatedLate(let v): return ko ? "임시 조치 \(m(v)) (목표 \(handling.mitigateWithin.shortText))" : "temporary fix after \(m(v)) (within \(handling.mitigateWithin.shortText))"
        case .updateGap(let v): return ko ? "업데이트 공백 \(m(v)) (주기 \(handling.updateEvery.shortText))" : "\(m(v)) without an update (every \(handling.updateEvery.shortText))"
        case .noReview: return ko ? "사후 분석 없음" : "no post-incident review"
        }
    }

    /// The JSON form: `not_notified`, `notified_late`, …
    public var code: String {
        switch self {
        case .notNotified: "not_notified"
        case .notifiedLate: "notified_late"
        case .notMitigated: "not_mitigated"
        case .mitigatedLate: "mitigated_late"
        case .updateGap: "update_gap"
        case .noReview: "no_review"
        }
    }
}

/// Mean time between failures and automatic recovery so far (002 성공 지표), from the incident log.
public struct ReliabilityFigures: Sendable {
    /// Hours from go-live to now, less outage hours.
    public let operatingHours: Double
    /// Outage incidents (`outage: true`): the failures MTBF counts.
    public let failures: Int
    /// Operating hours per failure; nil without a failure (then MTBF is at least `operatingHours`).
    public var mtbfHours: Double? { failures > 0 ? operatingHours / Double(failures) : nil }
    public let resolved: Int
    public let autoRecovered: Int
    public var autoRecoveryPercent: Double? { resolved > 0 ? Double(autoRecovered) / Double(resolved) * 100 : nil }
    public let target: HypercarePlan.Reliability

    /// Met only when measured: no failure in fewer hours than the target proves nothing.
    public var mtbfMet: Bool { (mtbfHours ?? operatingHours) > target.mtbfHours }
    public var autoRecoveryMet: Bool { (autoRecoveryPercent ?? 0) > target.autoRecoveryPercent }

    static func compute(_ incidents: [HypercareRecords.Incident], goLive: Date, now: Date, target: HypercarePlan.Reliability) -> ReliabilityFigures {
        let after = incidents.filter { $0.detected >= goLive && $0.detected <= now }
        let outage = after.filter(\.outage).reduce(0.0) { $0 + (min($1.resolved ?? now, now).timeIntervalSince($1.detected)) }
        let resolved = after.filter { $0.resolved != nil }
        return ReliabilityFigures(operatingHours: max(0, now.timeIntervalSince(goLive) - outage) / 3600, failures: after.filter(\.outage).count,
                                  resolved: resolved.count, autoRecovered: resolved.filter(\.autoRecovered).count, target: target)
    }
}

/// A planned maintenance window announced later than the plan asks, or not at all.
public struct MaintenanceNotice: Sendable {
    public let window: HypercareRecords.MaintenanceWindow
    /// Hours between the announcement and the start; nil when none is recorded.
    public let hoursAhead: Double?

    static func late(_ windows: [HypercareRecords.MaintenanceWindow], now: Date, handling: HypercarePlan.IncidentHandling) -> [MaintenanceNotice] {
        windows.filter { $0.start <= now.addingTimeInterval(handling.announceAhead.timeInterval) }.compactMap { w in
            let ahead = w.announced.map { w.start.timeIntervalSince($0) / 3600 }
            guard (ahead ?? -1) * 3600 < handling.announceAhead.timeInterval else { return nil }
            return MaintenanceNotice(window: w, hoursAhead: ahead)
        }
    }
}
