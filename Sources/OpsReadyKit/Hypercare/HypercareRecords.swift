import Foundation
import OpsDocument
import OpsExpr

/// What the support team recorded after go-live, read from a directory: `weeks.yaml` or `weeks.csv` (KPI values per week),
/// `incidents.yaml` or `.csv` (priority, detected and resolved times) and `checklist.yaml` (completion items ticked, with the day).
/// A missing file is no data; a week without a record is no data, never zero.
public struct HypercareRecords: Sendable {
    public struct Incident: Sendable {
        public let id: String
        public let priority: String
        public let detected: Date
        public let resolved: Date?
        /// The service was down for users from detection to resolution (counts toward monthly outage hours).
        public let outage: Bool
        /// When the first response began (judged against the priority's response target).
        public let responded: Date?

        public init(id: String, priority: String, detected: Date, resolved: Date?, outage: Bool = false, responded: Date? = nil) {
            self.id = id
            self.priority = priority
            self.detected = detected
            self.resolved = resolved
            self.outage = outage
            self.responded = responded
        }
    }

    /// One answer to a survey (`surveys.yaml`): which survey, the day it was given, the score.
    public struct SurveyResponse: Sendable, Equatable {
        public let id: String
        public let survey: String
        public let day: CalendarDate
        public let score: Double

        public init(id: String, survey: String, day: CalendarDate, score: Double) {
            self.id = id
            self.survey = survey
            self.day = day
            self.score = score
        }
    }

    /// A planned maintenance window (`maintenance.yaml`): planned downtime from start to end.
    public struct MaintenanceWindow: Sendable, Equatable {
        public let id: String
        public let start: Date
        public let end: Date

        public init(id: String, start: Date, end: Date) {
            self.id = id
            self.start = start
            self.end = end
        }
    }

    /// Week (1-based; 0 is the baseline measured before go-live) → KPI id → value.
    public let weeks: [Int: [String: Double]]
    /// Survey responses; KPIs with `from_survey` average them per week.
    public let surveys: [SurveyResponse]
    /// Nil when no incident log is kept (so incident counts are no data rather than zero).
    public let incidents: [Incident]?
    /// Nil when no maintenance log is kept (so planned downtime is no data rather than zero).
    public let maintenance: [MaintenanceWindow]?
    /// Activity id → the days it was done (`activities.yaml`).
    public let activities: [String: Set<CalendarDate>]
    /// Checklist item id → when it was done (nil: done, undated). Items not listed are open.
    public let checklist: [String: CalendarDate?]
    /// Recorded probe results (`probes.jsonl`, written by `opsready probe --record`).
    public let probes: [ProbeMeasurement]

    /// One recorded probe run: when, which probe, whether it held, and its latency when it measured one.
    public struct ProbeMeasurement: Sendable {
        public let at: Date
        public let probe: String
        public let passed: Bool
        public let latencyMs: Double?

        public init(at: Date, probe: String, passed: Bool, latencyMs: Double?) {
            self.at = at
            self.probe = probe
            self.passed = passed
            self.latencyMs = latencyMs
        }
    }

    public init(weeks: [Int: [String: Double]], incidents: [Incident]?, checklist: [String: CalendarDate?], probes: [ProbeMeasurement] = [],
                maintenance: [MaintenanceWindow]? = nil, activities: [String: Set<CalendarDate>] = [:], surveys: [SurveyResponse] = []) {
        self.weeks = weeks
        self.surveys = surveys
        self.incidents = incidents
        self.checklist = checklist
        self.probes = probes
        self.maintenance = maintenance
        self.activities = activities
    }

    /// Nothing recorded at all.
    public var isEmpty: Bool {
        weeks.isEmpty && incidents == nil && maintenance == nil && checklist.isEmpty && probes.isEmpty && activities.isEmpty && surveys.isEmpty
    }

    /// What the records hold, for people: `13 weeks, 8 incidents, 4 maintenance windows, …`.
    public var summary: String {
        let counts: [(Int?, String)] = [(weeks.count, "week"), (incidents?.count, "incident"), (maintenance?.count, "maintenance window"),
                                        (surveys.count, "survey response"), (activities.values.map(\.count).reduce(0, +), "activity day"),
                                        (checklist.count, "checklist item"), (probes.count, "probe run")]
        return counts.compactMap { count, noun in count.map { "\($0) \(noun)\($0 == 1 ? "" : "s")" } }.joined(separator: ", ")
    }

    public static func load(directory: String, plan: HypercarePlan) throws(DocumentError) -> HypercareRecords {
        let kpiIds = Set(plan.kpis.map(\.id))
        let typed = Set(plan.kpis.filter { !$0.isDerived }.map(\.id))
        var weeks: [Int: [String: Double]] = [:]
        for node in try recordList(directory, "weeks", csvRow: weekRecord) {
            var r = try NodeReader(node, what: "week record")
            let weekNode = try r.required("week")
            guard case .scalar(.int(let week)) = weekNode.content, week >= 0 else {
                throw DocumentError(at: weekNode.location, "'week' must be 1 or more (0 for the baseline before go-live)")
            }
            guard weeks[Int(week)] == nil else { throw DocumentError(at: weekNode.location, "week \(week) is recorded twice") }
            var values: [String: Double] = [:]
            for entry in try r.required("kpis").entries ?? [] {
                let key = entry.key.keyText ?? ""
                guard kpiIds.contains(key) else { throw DocumentError(at: entry.key.location, "unknown KPI '\(key)' (the plan has \(kpiIds.sorted().joined(separator: ", ")))") }
                guard typed.contains(key) else { throw DocumentError(at: entry.key.location, "KPI '\(key)' is computed from the incident or maintenance log, not recorded") }
                values[key] = try measurement(entry.value, key: key)
            }
            _ = r.optional("note")
            try r.finish()
            weeks[Int(week)] = values
        }
        var incidents: [Incident]?
        if logExists(directory, "incidents") {
            incidents = []
            for node in try recordList(directory, "incidents", csvRow: { $0 }) {
                var r = try NodeReader(node, what: "incident")
                let id = try r.string("id")
                let priority = try r.string("priority")
                guard IncidentTargets.priorities.contains(priority) else { throw DocumentError(at: node.location, "incident \(id): priority must be P1 to P4") }
                let detected = try instant(try r.required("detected"), key: "detected")
                let resolved = try r.optional("resolved").map { (n) throws(DocumentError) in try instant(n, key: "resolved") }
                if let resolved, resolved < detected { throw DocumentError(at: node.location, "incident \(id) is resolved before it was detected") }
                let responded = try r.optional("responded").map { (n) throws(DocumentError) in try instant(n, key: "responded") }
                if let responded, responded < detected { throw DocumentError(at: node.location, "incident \(id) is responded to before it was detected") }
                let outage = try r.optional("outage").map { (n) throws(DocumentError) -> Bool in
                    guard case .scalar(.bool(let b)) = n.content else { throw DocumentError(at: n.location, "'outage' must be true or false") }
                    return b
                } ?? false
                _ = r.optional("summary")
                try r.finish()
                incidents?.append(Incident(id: id, priority: priority, detected: detected, resolved: resolved, outage: outage, responded: responded))
            }
        }
        var maintenance: [MaintenanceWindow]?
        if logExists(directory, "maintenance") {
            maintenance = []
            for node in try recordList(directory, "maintenance", csvRow: { $0 }) {
                var r = try NodeReader(node, what: "maintenance window")
                let id = try r.string("id")
                let start = try instant(try r.required("start"), key: "start"), end = try instant(try r.required("end"), key: "end")
                guard end >= start else { throw DocumentError(at: node.location, "maintenance \(id) ends before it starts") }
                _ = r.optional("summary")
                try r.finish()
                maintenance?.append(MaintenanceWindow(id: id, start: start, end: end))
            }
        }
        let activities = try activityLog(directory + "/activities.yaml", plan: plan)
        var surveys: [SurveyResponse] = []
        var surveyIds: Set<String> = []
        for node in try recordList(directory, "surveys", csvRow: { $0 }) {
            var r = try NodeReader(node, what: "survey response")
            let id = try r.string("id"), survey = try r.string("survey")
            guard plan.surveys.contains(survey) else {
                throw DocumentError(at: node.location, "unknown survey '\(survey)' (the plan's surveys: \(plan.surveys.sorted().joined(separator: ", ")))")
            }
            guard surveyIds.insert(id).inserted else { throw DocumentError(at: node.location, "survey response \(id) is recorded twice") }
            let dayNode = try r.required("date")
            guard let text = dayNode.string, let day = CalendarDate(text) else { throw DocumentError(at: dayNode.location, "'date' must be a day like 2026-12-28") }
            let score = try number(try r.required("score"), key: "score")
            _ = r.optional("comment")
            try r.finish()
            surveys.append(SurveyResponse(id: id, survey: survey, day: day, score: score))
        }
        var checklist: [String: CalendarDate?] = [:]
        let itemIds = Set(plan.checklist.map(\.id))
        for node in try documentList(directory + "/checklist.yaml") {
            var r = try NodeReader(node, what: "checklist entry")
            let id = try r.string("id")
            guard itemIds.contains(id) else { throw DocumentError(at: node.location, "unknown checklist item '\(id)'") }
            let doneNode = try r.required("done")
            guard case .scalar(.bool(let done)) = doneNode.content else { throw DocumentError(at: doneNode.location, "'done' must be true or false") }
            let dateNode = r.optional("date")
            let date = try dateNode.map { (n) throws(DocumentError) -> CalendarDate in
                guard let text = n.string, let day = CalendarDate(text) else { throw DocumentError(at: n.location, "'date' must be a day like 2027-02-10") }
                return day
            }
            _ = r.optional("evidence")
            try r.finish()
            if done { checklist[id] = .some(date) }
        }
        return HypercareRecords(weeks: weeks, incidents: incidents, checklist: checklist, probes: try ProbeHistory.load(path: directory + "/probes.jsonl"),
                                maintenance: maintenance, activities: activities, surveys: surveys)
    }

    /// Whether `NAME.yaml` or `NAME.csv` is kept (an empty log is zero events; no log is no data).
    private static func logExists(_ directory: String, _ name: String) -> Bool {
        ["yaml", "csv"].contains { FileManager.default.fileExists(atPath: directory + "/\(name)." + $0) }
    }

    /// `activities.yaml`: activity id → the days it was done.
    private static func activityLog(_ path: String, plan: HypercarePlan) throws(DocumentError) -> [String: Set<CalendarDate>] {
        guard FileManager.default.fileExists(atPath: path), let root = try DocumentLoader.load(path: path).first else { return [:] }
        if case .scalar(.null) = root.content { return [:] }
        guard let entries = root.entries else { throw DocumentError(at: root.location, "expected activity: [days done], e.g. weekly_report: [2026-12-04]") }
        var log: [String: Set<CalendarDate>] = [:]
        for entry in entries {
            let id = entry.key.keyText ?? ""
            guard plan.activities.contains(where: { $0.id == id }) else {
                throw DocumentError(at: entry.key.location, "unknown activity '\(id)' (the plan's activities: \(plan.activities.map(\.id).joined(separator: ", ")))")
            }
            guard let items = entry.value.items else { throw DocumentError(at: entry.value.location, "'\(id)' must be a list of days like 2026-12-04") }
            for item in items {
                guard let text = item.string, let day = CalendarDate(text) else { throw DocumentError(at: item.location, "'\(id)': expected a day like 2026-12-04") }
                log[id, default: []].insert(day)
            }
        }
        return log
    }

    /// The records in `NAME.yaml` or `NAME.csv` (one of them), as YAML-shaped nodes.
    private static func recordList(_ directory: String, _ name: String, csvRow: (Node) -> Node) throws(DocumentError) -> [Node] {
        let yaml = directory + "/\(name).yaml", csv = directory + "/\(name).csv"
        guard FileManager.default.fileExists(atPath: csv) else { return try documentList(yaml) }
        if FileManager.default.fileExists(atPath: yaml) { throw DocumentError(file: csv, message: "give \(name).yaml or \(name).csv, not both") }
        return (try CSVLoader.load(path: csv).items ?? []).map(csvRow)
    }

    /// A `weeks.csv` row (`week,availability_percent,…`) in the shape of a `weeks.yaml` entry.
    private static func weekRecord(_ row: Node) -> Node {
        let entries = row.entries ?? []
        let week = entries.filter { $0.key.keyText == "week" }
        let kpis = Node(.mapping(entries.filter { $0.key.keyText != "week" }), location: row.location)
        return Node(.mapping(week + [Node.Entry(key: Node(.scalar(.string("kpis")), location: row.location), value: kpis)]), location: row.location)
    }

    /// The top-level list of a records file, or nothing when the file does not exist.
    private static func documentList(_ path: String) throws(DocumentError) -> [Node] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let root = try DocumentLoader.load(path: path).first else { return [] }
        guard let items = root.items else { throw DocumentError(at: root.location, "expected a list") }
        return items
    }

    /// A weekly value: a number, or `{count: 114, of: 120}` for a percentage computed from its counts.
    static func measurement(_ node: Node, key: String) throws(DocumentError) -> Double {
        guard node.entries != nil else { return try number(node, key: key) }
        var r = try NodeReader(node, what: "'\(key)'")
        let count = try number(try r.required("count"), key: "count"), total = try number(try r.required("of"), key: "of")
        try r.finish()
        guard total > 0, count >= 0, count <= total else { throw DocumentError(at: node.location, "'\(key)': count must be between 0 and 'of', and 'of' above 0") }
        return count / total * 100
    }

    static func number(_ node: Node, key: String) throws(DocumentError) -> Double {
        switch node.content {
        case .scalar(.int(let i)): return Double(i)
        case .scalar(.double(let d)): return d
        default: throw DocumentError(at: node.location, "'\(key)' must be a number")
        }
    }

    private static func instant(_ node: Node, key: String) throws(DocumentError) -> Date {
        let text = try NodeReader.string(node, key: key)
        guard let date = (try? Timestamp(parsing: text))?.date else {
            throw DocumentError(at: node.location, "'\(key)' must be a time with its offset, like 2026-12-08T10:05:00+09:00")
        }
        return date
    }
}
