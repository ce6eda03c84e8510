import Foundation
import OpsDocument

/// The hypercare plan (`rubrics/hypercare/plan.yaml`): phases by week after go-live, weekly KPI targets and the
/// completion checklist, each traced to the plan's section.
public struct HypercarePlan: Sendable {
    public struct Phase: Sendable {
        public let id: String
        public let weeks: ClosedRange<Int>
        public let title: LocalizedText
        public let seed: String
        /// Activities due every week of the phase.
        public let due: [LocalizedText]
    }

    public struct KPI: Sendable {
        public let id: String
        public let title: LocalizedText
        public let min: Double?
        public let max: Double?
        /// Computed from the incident log, not typed in.
        public let derived: IncidentMeasure?
        /// Judged on the sum over this many finished weeks (a monthly count), not on the latest week.
        public let windowWeeks: Int?
        /// For weeks without a recorded value, computed from recorded probe results (`probe --record`).
        public let fromProbes: ProbeMeasure?
        public let seed: String

        public var derivedFromIncidents: Bool { derived != nil }

        public func isMet(by value: Double) -> Bool {
            (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true)
        }

        /// `≥ 99.9` or `≤ 30`.
        public var targetText: String {
            [min.map { "≥ \(HypercarePlan.format($0))" }, max.map { "≤ \(HypercarePlan.format($0))" }].compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// What a KPI can compute from the incident log, per week.
    public enum IncidentMeasure: String, Sendable, CaseIterable {
        /// Mean detected → resolved minutes of the week's resolved incidents.
        case meanMinutesToResolve = "mean_minutes_to_resolve"
        /// How many P1 incidents were detected in the week.
        case p1Count = "p1_count"
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
    public let phases: [Phase]
    public let kpis: [KPI]
    public let checklist: [ChecklistItem]

    public func phase(week: Int) -> Phase? { phases.first { $0.weeks.contains(week) } }

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
        var phases: [Phase] = []
        for node in try r.list("phases") {
            var p = try NodeReader(node, what: "phase")
            let range = try r.weekRange(try p.required("weeks"))
            phases.append(Phase(id: try p.string("id"), weeks: range, title: try p.localized("title"), seed: try p.string("seed"),
                                due: try p.list("due").map { (n) throws(DocumentError) in try NodeReader.localized(n, key: "due") }))
            try p.finish()
        }
        var kpis: [KPI] = []
        for node in try r.list("kpis") {
            var k = try NodeReader(node, what: "KPI")
            let kpiId = try k.string("id")
            let min = try k.optional("min").map { (n) throws(DocumentError) in try HypercareRecords.number(n, key: "min") }
            let max = try k.optional("max").map { (n) throws(DocumentError) in try HypercareRecords.number(n, key: "max") }
            guard min != nil || max != nil else { throw DocumentError(at: node.location, "KPI \(kpiId) needs a 'min' or 'max' target") }
            let derived = try k.optional("derived").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "derived", IncidentMeasure.self) }
            let windowWeeks = try k.optional("window_weeks").map { (n) throws(DocumentError) -> Int in
                guard case .scalar(.int(let w)) = n.content, w > 0 else { throw DocumentError(at: n.location, "'window_weeks' must be a positive number") }
                return Int(w)
            }
            let fromProbes = try k.optional("from_probes").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "from_probes", ProbeMeasure.self) }
            kpis.append(KPI(id: kpiId, title: try k.localized("title"), min: min, max: max, derived: derived, windowWeeks: windowWeeks, fromProbes: fromProbes,
                            seed: try k.string("seed")))
            try k.finish()
        }
        var checklist: [ChecklistItem] = []
        for node in try r.list("checklist") {
            var c = try NodeReader(node, what: "checklist item")
            checklist.append(ChecklistItem(id: try c.string("id"), title: try c.localized("title"), seed: try c.string("seed")))
            try c.finish()
        }
        try r.finish()
        return HypercarePlan(id: id, title: title, seed: seed, weeks: Int(weeks), phases: phases, kpis: kpis, checklist: checklist)
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
