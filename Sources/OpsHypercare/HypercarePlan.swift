import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// The hypercare plan (`rubrics/hypercare/plan.yaml`): phases by week after go-live, the activities they make
/// due, weekly and monthly KPI targets and the completion checklist, each traced to the plan's section.
public struct HypercarePlan: Sendable {
    public struct Phase: Sendable {
        public let id: String
        public let weeks: ClosedRange<Int>
        public let title: LocalizedText
        public let seed: String
        /// Activities due in the phase.
        public internal(set) var due: [Activity]
    }

    /// A recurring activity (a report, a check, a review) and when it falls.
    public struct Activity: Sendable {
        public let id: String
        public let title: LocalizedText
        public internal(set) var every: Cadence
        public internal(set) var seed: String
    }

    /// When an activity falls: every day, one day of each plan week, every other plan week, or each month's end.
    public enum Cadence: Sendable, Equatable {
        case day
        /// Weekday 1 (Sunday) … 7 (Saturday), in every plan week.
        case weekday(Int)
        case otherWeek
        case monthEnd

        static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

        /// As the plan writes it: `day`, `friday`, `other_week`, `month_end`.
        public var text: String {
            switch self {
            case .day: "day"
            case .weekday(let index): Self.weekdays[index - 1]
            case .otherWeek: "other_week"
            case .monthEnd: "month_end"
            }
        }

        public init?(_ text: String) {
            switch text {
            case "day": self = .day
            case "other_week": self = .otherWeek
            case "month_end": self = .monthEnd
            default:
                guard let index = Self.weekdays.firstIndex(of: text) else { return nil }
                self = .weekday(index + 1)
            }
        }
    }

    public struct KPI: Sendable {
        public let id: String
        public let title: LocalizedText
        public internal(set) var min: Double?
        public internal(set) var max: Double?
        /// Computed from the incident or maintenance log, not typed in.
        public let derived: DerivedMeasure?
        /// Measured per calendar month in the workload's time zone (outage hours, critical incidents), not per week.
        public let monthly: Bool
        /// For weeks without a recorded value, computed from recorded probe results (`probe --record`).
        public let fromProbes: ProbeMeasure?
        /// For weeks without a recorded value, the mean score of this survey's responses (`surveys.yaml`).
        public let fromSurvey: String?
        /// For weeks without a recorded or probed value, availability from the outage incidents of the week.
        public let fromOutages: Bool
        /// A relative target: the recorded value must fall this many percent below the week-0 baseline; the series
        /// holds that reduction in percent.
        public internal(set) var reduceBy: Double?
        /// The values a record may hold: a survey's score scale (`scale: {min: 1, max: 5}`), 0–100 for `unit: percent`,
        /// otherwise any value from 0 up.
        public let valid: ClosedRange<Double>
        public internal(set) var seed: String

        public var isDerived: Bool { derived != nil }

        /// `1–5`, `0–100` or `≥ 0`: what `valid` allows, for error messages.
        public var validText: String {
            valid.upperBound == .greatestFiniteMagnitude ? "≥ \(HypercarePlan.format(valid.lowerBound))"
                : "\(HypercarePlan.format(valid.lowerBound))–\(HypercarePlan.format(valid.upperBound))"
        }

        /// The figure the target names: the minimum, the maximum or the reduction.
        public var target: Double? { min ?? max ?? reduceBy }

        public func isMet(by value: Double) -> Bool {
            (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true) && (reduceBy.map { value >= $0 } ?? true)
        }

        /// `≥ 99.9`, `≤ 30` or `≥ 30% ↓ vs w0`.
        public var targetText: String {
            [min.map { "≥ \(HypercarePlan.format($0))" }, max.map { "≤ \(HypercarePlan.format($0))" }, reduceBy.map { "≥ \(HypercarePlan.format($0))% ↓ vs w0" }]
                .compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// What a KPI can compute from the incident and maintenance logs, per week or month.
    public enum DerivedMeasure: String, Sendable, CaseIterable {
        /// Mean detected → resolved minutes of the period's resolved incidents.
        case meanMinutesToResolve = "mean_minutes_to_resolve"
        /// How many P1 incidents were detected in the period.
        case p1Count = "p1_count"
        /// Hours of incidents marked `outage: true` (detected → resolved) that fall in the period.
        case outageHours = "outage_hours"
        /// Hours of planned maintenance windows (`maintenance.yaml`) that fall in the period.
        case plannedDowntimeHours = "planned_downtime_hours"

        /// Whether the figure comes from the maintenance log rather than the incident log.
        public var fromMaintenance: Bool { self == .plannedDowntimeHours }
    }

    /// What a KPI can take from probe history: the share of passing probes, or their mean latency in seconds.
    public enum ProbeMeasure: String, Sendable, CaseIterable {
        case availabilityPercent = "availability_percent"
        case latencySeconds = "latency_seconds"
    }

    public struct ChecklistItem: Sendable {
        public let id: String
        public let title: LocalizedText
        public let seed: String
    }

    public let id: String
    public let title: LocalizedText
    public let seed: String
    public let weeks: Int
    public internal(set) var phases: [Phase]
    public internal(set) var activities: [Activity]
    public internal(set) var kpis: [KPI]
    public let checklist: [ChecklistItem]
    /// How incidents and maintenance are handled (`incident_handling:`); not judged when the plan has none.
    public let incidentHandling: IncidentHandling?
    /// Reliability targets reported beside the KPIs (`reliability:`).
    public let reliability: Reliability?

    public func phase(week: Int) -> Phase? { phases.first { $0.weeks.contains(week) } }

    /// A KPI's or activity's `seed` as a whole citation: the plan's own cite a section of the plan's seed
    /// (`§6.1.1 …`), a target a seed choice moved cites its own file already.
    public func citation(_ seed: String) -> String { seed.first?.isNumber == true ? seed : "\(self.seed) \(seed)" }

    /// The surveys KPIs take their scores from.
    public var surveys: Set<String> { Set(kpis.compactMap(\.fromSurvey)) }

    /// A figure for people: at most two decimals, no trailing `.0`.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded.rounded() == rounded ? String(Int(rounded)) : String(rounded)
    }

    public static func load(path: String) throws(DocumentError) -> HypercarePlan {
        guard let root = try DocumentLoader.load(path: path).first else { throw DocumentError(file: path, message: "empty hypercare plan") }
        var r = try NodeReader(root, what: "hypercare plan")
        let id = try r.string("id"), title = try r.localized("title"), seed = try r.string("seed")
        let weeksNode = try r.required("weeks")
        guard case .scalar(.int(let weeks)) = weeksNode.content, weeks > 0 else { throw DocumentError(at: weeksNode.location, "'weeks' must be a positive number") }
        var activities: [Activity] = []
        for node in try r.list("activities") {
            var a = try NodeReader(node, what: "activity")
            let everyNode = try a.required("every")
            guard let every = everyNode.string.flatMap(Cadence.init) else {
                throw DocumentError(at: everyNode.location, "'every' must be day, other_week, month_end or a weekday (monday … sunday)")
            }
            activities.append(Activity(id: try a.string("id"), title: try a.localized("title"), every: every, seed: try a.string("seed")))
            try a.finish()
        }
        var phases: [Phase] = []
        for node in try r.list("phases") {
            var p = try NodeReader(node, what: "phase")
            let range = try r.weekRange(try p.required("weeks"))
            let due = try p.list("due").map { (n) throws(DocumentError) -> Activity in
                guard let activity = activities.first(where: { $0.id == n.string }) else {
                    throw DocumentError(at: n.location, "unknown activity '\(n.string ?? "")' (the plan's activities: \(activities.map(\.id).joined(separator: ", ")))")
                }
                return activity
            }
            phases.append(Phase(id: try p.string("id"), weeks: range, title: try p.localized("title"), seed: try p.string("seed"), due: due))
            try p.finish()
        }
        var kpis: [KPI] = []
        for node in try r.list("kpis") {
            var k = try NodeReader(node, what: "KPI")
            let kpiId = try k.string("id")
            let min = try k.optional("min").map { (n) throws(DocumentError) in try HypercareRecords.number(n, key: "min") }
            let max = try k.optional("max").map { (n) throws(DocumentError) in try HypercareRecords.number(n, key: "max") }
            let reduceBy = try k.optional("reduce_by").map { (n) throws(DocumentError) in try HypercareRecords.number(n, key: "reduce_by") }
            guard min != nil || max != nil || reduceBy != nil else { throw DocumentError(at: node.location, "KPI \(kpiId) needs a 'min', 'max' or 'reduce_by' target") }
            let derived = try k.optional("derived").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "derived", DerivedMeasure.self) }
            let perNode = k.optional("per")
            guard perNode == nil || ["week", "month"].contains(perNode?.string ?? "") else {
                throw DocumentError(at: perNode!.location, "'per' must be week or month")
            }
            let fromProbes = try k.optional("from_probes").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "from_probes", ProbeMeasure.self) }
            let fromSurvey = try k.optional("from_survey").map { (n) throws(DocumentError) in try NodeReader.string(n, key: "from_survey") }
            let fromOutages = try k.optional("from_outages").map { (n) throws(DocumentError) -> Bool in
                guard case .scalar(.bool(let b)) = n.content else { throw DocumentError(at: n.location, "'from_outages' must be true or false") }
                return b
            } ?? false
            let valid = try Self.validRange(unit: k.optional("unit"), scale: k.optional("scale"))
            kpis.append(KPI(id: kpiId, title: try k.localized("title"), min: min, max: max, derived: derived, monthly: perNode?.string == "month",
                            fromProbes: fromProbes, fromSurvey: fromSurvey, fromOutages: fromOutages, reduceBy: reduceBy, valid: valid,
                            seed: try k.string("seed")))
            try k.finish()
        }
        var checklist: [ChecklistItem] = []
        for node in try r.list("checklist") {
            var c = try NodeReader(node, what: "checklist item")
            checklist.append(ChecklistItem(id: try c.string("id"), title: try c.localized("title"), seed: try c.string("seed")))
            try c.finish()
        }
        let handling = try r.optional("incident_handling").map { (node) throws(DocumentError) -> IncidentHandling in
            var h = try NodeReader(node, what: "incident_handling")
            func within(_ key: String) throws(DocumentError) -> OpsExpr.Duration {
                let n = try h.required(key)
                let duration = try NodeReader.duration(n, key: key)
                guard duration.nanoseconds > 0 else { throw DocumentError(at: n.location, "'\(key)' must be longer than 0") }
                return duration
            }
            let handling = IncidentHandling(notifyWithin: try within("notify_within"), mitigateWithin: try within("mitigate_within"),
                                            updateEvery: try within("update_every"), reviewPriorities: try h.strings("review_priorities"),
                                            announceAhead: try within("announce_maintenance"), seed: try h.string("seed"))
            try h.finish()
            return handling
        }
        let reliability = try r.optional("reliability").map { (node) throws(DocumentError) -> Reliability in
            var l = try NodeReader(node, what: "reliability")
            let value = Reliability(mtbfHours: try HypercareRecords.number(try l.required("mtbf_hours"), key: "mtbf_hours"),
                                    autoRecoveryPercent: try HypercareRecords.number(try l.required("auto_recovery_percent"), key: "auto_recovery_percent"),
                                    seed: try l.string("seed"))
            try l.finish()
            return value
        }
        try r.finish()
        return HypercarePlan(id: id, title: title, seed: seed, weeks: Int(weeks), phases: phases, activities: activities, kpis: kpis,
                             checklist: checklist, incidentHandling: handling, reliability: reliability)
    }
}

extension HypercarePlan {
    /// `scale: {min: 1, max: 5}` (a survey's scale), `unit: percent` (0–100), or from 0 up.
    static func validRange(unit: Node?, scale: Node?) throws(DocumentError) -> ClosedRange<Double> {
        if let scale {
            var s = try NodeReader(scale, what: "'scale'")
            let low = try HypercareRecords.number(try s.required("min"), key: "min"), high = try HypercareRecords.number(try s.required("max"), key: "max")
            try s.finish()
            guard low < high else { throw DocumentError(at: scale.location, "'scale': min must be below max") }
            return low...high
        }
        guard let unit else { return 0...Double.greatestFiniteMagnitude }
        guard unit.string == "percent" else { throw DocumentError(at: unit.location, "'unit' must be percent (or leave it out)") }
        return 0...100
    }
}

extension NodeReader {
    /// `[first, last]` weeks, 1-based.
    func weekRange(_ node: Node) throws(DocumentError) -> ClosedRange<Int> {
        guard let items = node.items, items.count == 2, case .scalar(.int(let a)) = items[0].content, case .scalar(.int(let b)) = items[1].content,
              a >= 1, a <= b else { throw DocumentError(at: node.location, "'weeks' must be [first, last], 1-based") }
        return Int(a)...Int(b)
    }
}
