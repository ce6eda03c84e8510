import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// What the support team recorded after go-live, read from a directory: `weeks.yaml` or `weeks.csv` (KPI values per week),
/// `incidents.yaml` or `.csv` (priority, detected and resolved times) and `checklist.yaml` (completion items ticked, with the day).
/// A missing file is no data; a week without a record is no data, never zero. Records are kept in one order (incidents
/// by detection, responses by day, probe runs by time, one run per time and probe), so the same records read from
/// files or from a history compute the same status.
public struct HypercareRecords: Sendable {
    public struct Incident: Sendable, Equatable {
        public let id: String
        public let priority: String
        public let detected: Date
        public let resolved: Date?
        /// The service was down for users from detection to resolution (counts toward monthly outage hours).
        public let outage: Bool
        /// When the first response began (judged against the priority's response target).
        public let responded: Date?
        /// Detected before go-live on purpose (`pre_go_live: true`, e.g. found in the cut-over rehearsal).
        public let beforeGoLive: Bool
        /// When stakeholders were first told (003 §5.2.1: within 5 minutes).
        public let notified: Date?
        /// When a temporary fix took effect (003 §4.1.2: within 30 minutes).
        public let mitigated: Date?
        /// The status updates sent while it was open (003 §5.2.1: every 30 minutes), in order.
        public let updates: [Date]
        /// The post-incident review: a path or link (003 §5.2.1 완료 보고; 000 §7.3.1).
        public let review: String?
        /// Recovered by automation without a person acting (002 성공 지표: automatic recovery).
        public let autoRecovered: Bool
        /// Where the record was read, when it came from a file.
        public let location: SourceLocation?

        public init(id: String, priority: String, detected: Date, resolved: Date?, outage: Bool = false, responded: Date? = nil,
                    beforeGoLive: Bool = false, notified: Date? = nil, mitigated: Date? = nil, updates: [Date] = [], review: String? = nil,
                    autoRecovered: Bool = false, location: SourceLocation? = nil) {
            self.id = id
            self.priority = priority
            self.detected = detected
            self.resolved = resolved
            self.outage = outage
            self.responded = responded
            self.beforeGoLive = beforeGoLive
            self.notified = notified
            self.mitigated = mitigated
            self.updates = updates
            self.review = review
            self.autoRecovered = autoRecovered
            self.location = location
        }

        /// Every time the record gives after detection.
        var times: [Date] { [responded, resolved, notified, mitigated].compactMap { $0 } + updates }

        /// The same incident as it stood at `now`: a response, notice, fix, update or resolution recorded later is not known yet.
        func asOf(_ now: Date) -> Incident {
            let known: (Date?) -> Date? = { $0.flatMap { $0 <= now ? $0 : nil } }
            let resolvedThen = known(resolved)
            return Incident(id: id, priority: priority, detected: detected, resolved: resolvedThen, outage: outage, responded: known(responded),
                            beforeGoLive: beforeGoLive, notified: known(notified), mitigated: known(mitigated), updates: updates.filter { $0 <= now },
                            review: resolvedThen == nil ? nil : review, autoRecovered: resolvedThen != nil && autoRecovered, location: location)
        }

        public static func == (a: Incident, b: Incident) -> Bool {
            (a.id, a.priority, a.detected, a.resolved, a.outage) == (b.id, b.priority, b.detected, b.resolved, b.outage)
                && (a.responded, a.beforeGoLive, a.notified, a.mitigated) == (b.responded, b.beforeGoLive, b.notified, b.mitigated)
                && (a.updates, a.review, a.autoRecovered) == (b.updates, b.review, b.autoRecovered)
        }
    }

    /// One answer to a survey (`surveys.yaml`): which survey, the day it was given, the score.
    public struct SurveyResponse: Sendable, Equatable {
        public let id: String
        public let survey: String
        public let day: CalendarDate
        public let score: Double
        public let location: SourceLocation?

        public init(id: String, survey: String, day: CalendarDate, score: Double, location: SourceLocation? = nil) {
            self.id = id
            self.survey = survey
            self.day = day
            self.score = score
            self.location = location
        }

        public static func == (a: SurveyResponse, b: SurveyResponse) -> Bool {
            (a.id, a.survey, a.day, a.score) == (b.id, b.survey, b.day, b.score)
        }
    }

    /// A planned maintenance window (`maintenance.yaml`): planned downtime from start to end. Windows may be
    /// recorded ahead: they count as they pass.
    public struct MaintenanceWindow: Sendable, Equatable {
        public let id: String
        public let start: Date
        public let end: Date
        /// When users were told of it (001 §변경사항 커뮤니케이션: 48 hours ahead).
        public let announced: Date?

        public init(id: String, start: Date, end: Date, announced: Date? = nil) {
            self.id = id
            self.start = start
            self.end = end
            self.announced = announced
        }
    }

    /// Week (1-based; 0 is the baseline measured before go-live) → KPI id → value. A week with a record and no
    /// values (`- week: 7`) says the week was reported: nothing happened that the plan measures from incidents.
    public private(set) var weeks: [Int: [String: Double]]
    /// Survey responses; KPIs with `from_survey` average them per week.
    public private(set) var surveys: [SurveyResponse]
    /// Nil when no incident log is kept (so incident counts are no data rather than zero).
    public private(set) var incidents: [Incident]?
    /// Nil when no maintenance log is kept (so planned downtime is no data rather than zero).
    public let maintenance: [MaintenanceWindow]?
    /// Activity id → the days it was done (`activities.yaml`).
    public private(set) var activities: [String: Set<CalendarDate>]
    /// Checklist item id → when it was done (nil: done, undated). Items not listed are open.
    public private(set) var checklist: [String: CalendarDate?]
    /// Recorded probe results (`probes.jsonl`, written by `opsready probe --record`).
    public private(set) var probes: [ProbeMeasurement]
    /// The seed choices the workload's plan is judged with (choice id → option, defaults left out): set from the
    /// manifest when records are kept in a history, so a portfolio judges each workload as `hypercare status` does.
    public var seedChoices: [String: String] = [:]
    /// Where the week rows, activity days and checklist entries were read (`week 3`, `activity weekly_report 2026-12-04`,
    /// `checklist knowledge_base`), when they came from files.
    public let locations: [String: SourceLocation]

    /// One recorded probe run: when, which probe, whether it held, and its latency when it measured one.
    public struct ProbeMeasurement: Sendable {
        public let at: Date
        public let probe: String
        public let passed: Bool
        public let latencyMs: Double?
        public let location: SourceLocation?

        public init(at: Date, probe: String, passed: Bool, latencyMs: Double?, location: SourceLocation? = nil) {
            self.at = at
            self.probe = probe
            self.passed = passed
            self.latencyMs = latencyMs
            self.location = location
        }
    }

    public init(weeks: [Int: [String: Double]], incidents: [Incident]?, checklist: [String: CalendarDate?], probes: [ProbeMeasurement] = [],
                maintenance: [MaintenanceWindow]? = nil, activities: [String: Set<CalendarDate>] = [:], surveys: [SurveyResponse] = [],
                locations: [String: SourceLocation] = [:]) {
        self.weeks = weeks
        self.surveys = surveys.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
        self.incidents = incidents?.sorted { ($0.detected, $0.id) < ($1.detected, $1.id) }
        self.checklist = checklist
        self.probes = Self.onePerKey(probes)
        self.maintenance = maintenance?.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        self.activities = activities
        self.locations = locations
    }

    /// Probe runs by time then probe, one per (time, probe): the last one recorded wins, as in the history's upsert.
    static func onePerKey(_ runs: [ProbeMeasurement]) -> [ProbeMeasurement] {
        let order = runs.indices.sorted { a, b in
            (runs[a].at, runs[a].probe, a) < (runs[b].at, runs[b].probe, b)
        }
        var unique: [ProbeMeasurement] = []
        unique.reserveCapacity(runs.count)
        for index in order {
            let run = runs[index]
            if let last = unique.last, last.at == run.at, last.probe == run.probe { unique[unique.count - 1] = run } else { unique.append(run) }
        }
        return unique
    }

    /// The weeks the team reported on: a `weeks` row (values or none), or probe runs recorded in it.
    public func reportedWeeks(_ calendar: HypercareWeeks) -> Set<Int> {
        var reported = Set(weeks.keys.filter { $0 >= 1 })
        for run in probes { reported.insert(calendar.week(of: run.at)) }
        return reported
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
        let kpis = Dictionary(plan.kpis.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var locations: [String: SourceLocation] = [:]
        var weeks: [Int: [String: Double]] = [:]
        for node in try recordList(directory, "weeks", csvRow: weekRecord) {
            var r = try NodeReader(node, what: "week record")
            let weekNode = try r.required("week")
            guard case .scalar(.int(let week)) = weekNode.content, week >= 0, week <= 10_000 else {
                throw DocumentError(at: weekNode.location, "'week' must be a whole number from 1 (0 for the baseline before go-live)")
            }
            guard weeks[Int(week)] == nil else { throw DocumentError(at: weekNode.location, "week \(week) is recorded twice") }
            var values: [String: Double] = [:]
            if let entries = r.optional("kpis") {
                let isNull = if case .scalar(.null) = entries.content { true } else { false }
                guard let list = entries.entries ?? (isNull ? [] : nil) else { throw DocumentError(at: entries.location, "'kpis' must map KPI ids to values") }
                for entry in list {
                    let key = entry.key.keyText ?? ""
                    guard let kpi = kpis[key] else { throw DocumentError(at: entry.key.location, "unknown KPI '\(key)' (the plan has \(kpis.keys.sorted().joined(separator: ", ")))") }
                    guard !kpi.isDerived else { throw DocumentError(at: entry.key.location, "KPI '\(key)' is computed from the incident or maintenance log, not recorded") }
                    values[key] = try measurement(entry.value, kpi: kpi)
                }
            }
            _ = r.optional("note")
            try r.finish()
            weeks[Int(week)] = values
            locations["week \(week)"] = weekNode.location
        }
        var incidents: [Incident]?
        if logExists(directory, "incidents") {
            var seen: Set<String> = []
            incidents = []
            for node in try recordList(directory, "incidents", csvRow: { $0 }) {
                var r = try NodeReader(node, what: "incident")
                let id = try identifier(&r, seen: &seen, what: "incident")
                let priority = try r.string("priority")
                guard IncidentTargets.priorities.contains(priority) else { throw DocumentError(at: node.location, "incident \(id): priority must be P1 to P4") }
                let detected = try instant(try r.required("detected"), key: "detected")
                let resolvedNode = r.optional("resolved"), respondedNode = r.optional("responded")
                let resolved = try resolvedNode.map { (n) throws(DocumentError) in try instant(n, key: "resolved") }
                if let resolved, resolved < detected { throw DocumentError(at: resolvedNode!.location, "incident \(id) is resolved before it was detected") }
                let responded = try respondedNode.map { (n) throws(DocumentError) in try instant(n, key: "responded") }
                if let responded, responded < detected { throw DocumentError(at: respondedNode!.location, "incident \(id) is responded to before it was detected") }
                if let responded, let resolved, responded > resolved {
                    throw DocumentError(at: respondedNode!.location, "incident \(id) is responded to after it was resolved (a response begins at or before the resolution)")
                }
                let outage = try r.optional("outage").map { (n) throws(DocumentError) in try flag(n, key: "outage") } ?? false
                let beforeGoLive = try r.optional("pre_go_live").map { (n) throws(DocumentError) in try flag(n, key: "pre_go_live") } ?? false
                /// A time of the incident's handling: at or after its detection.
                func after(_ key: String) throws(DocumentError) -> Date? {
                    guard let n = r.optional(key) else { return nil }
                    let time = try instant(n, key: key)
                    guard time >= detected else { throw DocumentError(at: n.location, "incident \(id): '\(key)' is before it was detected") }
                    return time
                }
                let notified = try after("notified"), mitigated = try after("mitigated")
                var updates: [Date] = []
                if let n = r.optional("updates") {
                    // A list of times, or in a spreadsheet's cell the times separated by `;`.
                    let texts: [(String, SourceLocation)] = try n.items.map { (items) throws(DocumentError) in
                        var texts: [(String, SourceLocation)] = []
                        for item in items { texts.append((try NodeReader.string(item, key: "updates"), item.location)) }
                        return texts
                    } ?? (n.string ?? "").split(separator: ";").map { ($0.trimmingCharacters(in: .whitespaces), n.location) }
                    for (text, location) in texts where !text.isEmpty {
                        let time = try instant(text, at: location, key: "updates")
                        guard time >= detected else { throw DocumentError(at: location, "incident \(id): an update is before it was detected") }
                        updates.append(time)
                    }
                    updates.sort()
                }
                let review = try r.optionalString("review")
                let autoRecovered = try r.optional("auto_recovered").map { (n) throws(DocumentError) in try flag(n, key: "auto_recovered") } ?? false
                _ = r.optional("summary")
                try r.finish()
                incidents?.append(Incident(id: id, priority: priority, detected: detected, resolved: resolved, outage: outage, responded: responded,
                                           beforeGoLive: beforeGoLive, notified: notified, mitigated: mitigated, updates: updates,
                                           review: review?.isEmpty == true ? nil : review, autoRecovered: autoRecovered, location: node.location))
            }
        }
        var maintenance: [MaintenanceWindow]?
        if logExists(directory, "maintenance") {
            var seen: Set<String> = []
            maintenance = []
            for node in try recordList(directory, "maintenance", csvRow: { $0 }) {
                var r = try NodeReader(node, what: "maintenance window")
                let id = try identifier(&r, seen: &seen, what: "maintenance window")
                let start = try instant(try r.required("start"), key: "start"), end = try instant(try r.required("end"), key: "end")
                guard end >= start else { throw DocumentError(at: node.location, "maintenance \(id) ends before it starts") }
                let announcedNode = r.optional("announced")
                let announced = try announcedNode.map { (n) throws(DocumentError) in try instant(n, key: "announced") }
                if let announced, announced > start { throw DocumentError(at: announcedNode!.location, "maintenance \(id) is announced after it starts") }
                _ = r.optional("summary")
                try r.finish()
                maintenance?.append(MaintenanceWindow(id: id, start: start, end: end, announced: announced))
            }
        }
        let activities = try activityLog(directory + "/activities.yaml", plan: plan, locations: &locations)
        var surveys: [SurveyResponse] = []
        var surveyIds: Set<String> = []
        let surveyScales = Dictionary(plan.kpis.compactMap { k in k.fromSurvey.map { ($0, k) } }, uniquingKeysWith: { first, _ in first })
        for node in try recordList(directory, "surveys", csvRow: { $0 }) {
            var r = try NodeReader(node, what: "survey response")
            let id = try identifier(&r, seen: &surveyIds, what: "survey response")
            let surveyNode = try r.required("survey")
            let survey = try NodeReader.string(surveyNode, key: "survey")
            guard let kpi = surveyScales[survey] else {
                throw DocumentError(at: surveyNode.location, "unknown survey '\(survey)' (the plan's surveys: \(plan.surveys.sorted().joined(separator: ", ")))")
            }
            let day = try calendarDay(try r.required("date"), key: "date")
            let scoreNode = try r.required("score")
            let score = try checked(try number(scoreNode, key: "score"), kpi: kpi, at: scoreNode)
            _ = r.optional("comment")
            try r.finish()
            surveys.append(SurveyResponse(id: id, survey: survey, day: day, score: score, location: node.location))
        }
        var checklist: [String: CalendarDate?] = [:]
        let itemIds = Set(plan.checklist.map(\.id))
        for node in try documentList(directory + "/checklist.yaml") {
            var r = try NodeReader(node, what: "checklist entry")
            let id = try r.string("id")
            guard itemIds.contains(id) else { throw DocumentError(at: node.location, "unknown checklist item '\(id)'") }
            guard locations["checklist \(id)"] == nil else { throw DocumentError(at: node.location, "checklist item \(id) is listed twice") }
            let done = try flag(try r.required("done"), key: "done")
            let date = try r.optional("date").map { (n) throws(DocumentError) in try calendarDay(n, key: "date") }
            _ = r.optional("evidence")
            try r.finish()
            locations["checklist \(id)"] = node.location
            if done { checklist[id] = .some(date) }
        }
        return HypercareRecords(weeks: weeks, incidents: incidents, checklist: checklist, probes: try ProbeHistory.load(path: directory + "/probes.jsonl"),
                                maintenance: maintenance, activities: activities, surveys: surveys, locations: locations)
    }

    /// A record's `id`: text without control characters, not seen before in its file.
    private static func identifier(_ r: inout NodeReader, seen: inout Set<String>, what: String) throws(DocumentError) -> String {
        let node = try r.required("id")
        let id = try NodeReader.string(node, key: "id")
        guard !id.isEmpty, !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DocumentError(at: node.location, "'id' must be text without control characters")
        }
        guard seen.insert(id).inserted else { throw DocumentError(at: node.location, "\(what) \(id) is recorded twice") }
        return id
    }

    /// A yes/no cell as people write it in YAML or a spreadsheet: true/false, yes/no, y/n, 1/0 (any case).
    static func flag(_ node: Node, key: String) throws(DocumentError) -> Bool {
        switch node.content {
        case .scalar(.bool(let b)): return b
        case .scalar(.int(1)): return true
        case .scalar(.int(0)): return false
        case .scalar(.string(let text)):
            switch text.lowercased() {
            case "true", "yes", "y": return true
            case "false", "no", "n": return false
            default: break
            }
        default: break
        }
        throw DocumentError(at: node.location, "'\(key)' must be true or false (also accepted: yes/no, y/n, 1/0, TRUE/FALSE)")
    }

    /// A day like `2026-12-04`, and nothing else.
    static func calendarDay(_ node: Node, key: String) throws(DocumentError) -> CalendarDate {
        guard let text = node.string, let day = CalendarDate(text) else { throw DocumentError(at: node.location, "'\(key)' must be a day like 2026-12-04 (YYYY-MM-DD)") }
        return day
    }

    /// The records as they stood at `now`: refused with the first record dated later (a week not finished yet, an
    /// incident, response, survey, activity, checklist day or probe run after `now`) unless `replay`, which leaves them out
    /// to judge a past day from records that go further. Also refuses incidents detected before go-live unless marked
    /// `pre_go_live: true`, which are left out. `origin` names where records without a location came from.
    public func asOf(_ now: Date, goLive: Date, timeZone: TimeZone, replay: Bool, origin: String) throws(DocumentError) -> HypercareRecords {
        let today = CalendarDate(now, in: timeZone)
        let week = HypercareWeeks(goLive: goLive, timeZone: timeZone, weeks: 1).week(of: now)
        /// A record dated after `now`: left out (true) when replaying, otherwise refused.
        func later(_ location: SourceLocation?, _ message: String) throws(DocumentError) -> Bool {
            if replay { return true }
            let text = message + " (a record from the future: check the date, or judge a past day from these records with --replay)"
            throw location.map { DocumentError(at: $0, text) } ?? DocumentError(file: origin, message: text)
        }
        // The records are in order already: filtering keeps it, so the copy needs no sorting again.
        var known = self
        known.weeks = [:]
        for (number, values) in weeks.sorted(by: { $0.key < $1.key }) {
            if number >= 1, number >= week {
                if try later(locations["week \(number)"], "week \(number) has not finished by \(today) (week \(week) is under way)") { continue }
            }
            known.weeks[number] = values
        }
        if let all = incidents {
            known.incidents = []
            for incident in all {
                if incident.detected < goLive && !incident.beforeGoLive {
                    throw incident.location.map { DocumentError(at: $0, "incident \(incident.id) is detected before go-live; mark it pre_go_live: true if that is right") }
                        ?? DocumentError(file: origin, message: "incident \(incident.id) is detected before go-live")
                }
                if incident.beforeGoLive { continue }
                if incident.detected > now {
                    if try later(incident.location, "incident \(incident.id) is detected after \(today)") { continue }
                }
                if let last = incident.times.max(), last > now {
                    if try later(incident.location, "incident \(incident.id) is responded to, handled or resolved after \(today)") { known.incidents?.append(incident.asOf(now)); continue }
                }
                known.incidents?.append(incident)
            }
        }
        known.surveys = []
        for response in surveys {
            if response.day > today {
                if try later(response.location, "survey response \(response.id) is dated \(response.day), after \(today)") { continue }
            }
            known.surveys.append(response)
        }
        known.activities = [:]
        for (id, days) in activities.sorted(by: { $0.key < $1.key }) {
            for day in days.sorted() {
                if day > today {
                    if try later(locations["activity \(id) \(day)"], "activity \(id) is recorded on \(day), after \(today)") { continue }
                }
                known.activities[id, default: []].insert(day)
            }
        }
        known.checklist = [:]
        for (id, day) in checklist.sorted(by: { $0.key < $1.key }) {
            if let day, day > today {
                if try later(locations["checklist \(id)"], "checklist item \(id) is done on \(day), after \(today)") { continue }
            }
            known.checklist[id] = day
        }
        known.probes = []
        known.probes.reserveCapacity(probes.count)
        for run in probes {
            if run.at > now {
                if try later(run.location, "probe run \(run.probe) at \(run.at) is after \(today)") { continue }
            }
            known.probes.append(run)
        }
        return known
    }

    /// Whether `NAME.yaml` or `NAME.csv` is kept (an empty log is zero events; no log is no data).
    private static func logExists(_ directory: String, _ name: String) -> Bool {
        ["yaml", "csv"].contains { FileManager.default.fileExists(atPath: directory + "/\(name)." + $0) }
    }

    /// `activities.yaml`: activity id → the days it was done.
    private static func activityLog(_ path: String, plan: HypercarePlan, locations: inout [String: SourceLocation]) throws(DocumentError) -> [String: Set<CalendarDate>] {
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
                guard let text = item.string, let day = CalendarDate(text) else { throw DocumentError(at: item.location, "'\(id)': expected a day like 2026-12-04 (YYYY-MM-DD)") }
                log[id, default: []].insert(day)
                locations["activity \(id) \(day)"] = item.location
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

    /// A weekly value: a number, or `{count: 114, of: 120}` for a percentage computed from its counts; within the
    /// KPI's range.
    static func measurement(_ node: Node, kpi: HypercarePlan.KPI) throws(DocumentError) -> Double {
        guard node.entries != nil else { return try checked(try number(node, key: kpi.id), kpi: kpi, at: node) }
        var r = try NodeReader(node, what: "'\(kpi.id)'")
        let count = try number(try r.required("count"), key: "count"), total = try number(try r.required("of"), key: "of")
        try r.finish()
        guard total > 0, count >= 0, count <= total, count.rounded() == count, total.rounded() == total else {
            throw DocumentError(at: node.location, "'\(kpi.id)': count and of must be whole numbers, count between 0 and 'of', and 'of' above 0")
        }
        return try checked(count / total * 100, kpi: kpi, at: node)
    }

    /// `value` when the KPI's range allows it; otherwise an error at the record.
    static func checked(_ value: Double, kpi: HypercarePlan.KPI, at node: Node) throws(DocumentError) -> Double {
        guard kpi.valid.contains(value) else {
            throw DocumentError(at: node.location, "'\(kpi.id)' is \(HypercarePlan.format(value)); it must be \(kpi.validText)")
        }
        return value
    }

    /// A finite number (an integer or a decimal); `.inf`, `.nan` and numbers beyond ±1e15 are refused.
    static func number(_ node: Node, key: String) throws(DocumentError) -> Double {
        let value: Double
        switch node.content {
        case .scalar(.int(let i)): value = Double(i)
        case .scalar(.double(let d)): value = d
        default: throw DocumentError(at: node.location, "'\(key)' must be a number")
        }
        guard value.isFinite, abs(value) <= 1e15 else { throw DocumentError(at: node.location, "'\(key)' must be a finite number (at most 1e15 in size)") }
        return value
    }

    private static func instant(_ node: Node, key: String) throws(DocumentError) -> Date {
        try instant(try NodeReader.string(node, key: key), at: node.location, key: key)
    }

    private static func instant(_ text: String, at location: SourceLocation, key: String) throws(DocumentError) -> Date {
        guard let date = (try? Timestamp(parsing: text))?.date else {
            throw DocumentError(at: location, "'\(key)' must be a time with its offset, like 2026-12-08T10:05:00+09:00")
        }
        return date
    }
}
