import Foundation
import OpsCore
import OpsDocument
import OpsHypercare

/// The records as rows of one shape — kind, key, body — so both stores keep them in one table and compare an import
/// with what they hold by text: a row whose key is new was added, one whose body differs was changed, one missing
/// from the import was removed. Numbers are written as Swift's shortest round-trip text, times as seconds since 1970.
struct HypercareRecordRow: Sendable, Hashable {
    let kind: String
    let key: String
    let body: String
}

enum HypercareRecordRows {
    static func encode(_ records: HypercareRecords) -> [HypercareRecordRow] {
        var rows: [HypercareRecordRow] = []
        rows.reserveCapacity(records.probes.count + 64)
        for (week, values) in records.weeks.sorted(by: { $0.key < $1.key }) {
            rows.append(HypercareRecordRow(kind: "week", key: String(week), body: ""))
            for (kpi, value) in values.sorted(by: { $0.key < $1.key }) {
                rows.append(HypercareRecordRow(kind: "kpi", key: "\(week)|\(kpi)", body: number(value)))
            }
        }
        if let incidents = records.incidents {
            rows.append(HypercareRecordRow(kind: "incident_log", key: "", body: ""))
            for i in incidents {
                var body = [i.priority, time(i.detected), i.resolved.map(time) ?? "", i.outage ? "1" : "0", i.responded.map(time) ?? "", i.beforeGoLive ? "1" : "0"]
                // The handling fields follow only when given, so a record kept before they existed reads as unchanged.
                if i.notified != nil || i.mitigated != nil || !i.updates.isEmpty || i.autoRecovered || i.review != nil {
                    body += [i.notified.map(time) ?? "", i.mitigated.map(time) ?? "", i.updates.map(time).joined(separator: ","), i.autoRecovered ? "1" : "0",
                             i.review ?? ""]
                }
                rows.append(HypercareRecordRow(kind: "incident", key: i.id, body: body.joined(separator: "|")))
            }
        }
        if let maintenance = records.maintenance {
            rows.append(HypercareRecordRow(kind: "maintenance_log", key: "", body: ""))
            for w in maintenance {
                rows.append(HypercareRecordRow(kind: "maintenance", key: w.id, body: "\(time(w.start))|\(time(w.end))" + (w.announced.map { "|" + time($0) } ?? "")))
            }
        }
        for s in records.surveys { rows.append(HypercareRecordRow(kind: "survey", key: s.id, body: "\(s.survey)|\(s.day)|\(number(s.score))")) }
        for (activity, days) in records.activities.sorted(by: { $0.key < $1.key }) {
            for day in days.sorted() { rows.append(HypercareRecordRow(kind: "activity", key: "\(activity)|\(day)", body: "")) }
        }
        for (id, day) in records.checklist.sorted(by: { $0.key < $1.key }) {
            rows.append(HypercareRecordRow(kind: "checklist", key: id, body: day?.description ?? ""))
        }
        for (choice, option) in records.seedChoices.sorted(by: { $0.key < $1.key }) {
            rows.append(HypercareRecordRow(kind: "seed_choice", key: choice, body: option))
        }
        for run in records.probes {
            rows.append(HypercareRecordRow(kind: "probe", key: "\(time(run.at))|\(run.probe)", body: "\(run.passed ? 1 : 0)|\(run.latencyMs.map(number) ?? "")"))
        }
        return rows
    }

    /// The records the rows hold; a row that does not read back is an error naming the store.
    static func decode(_ rows: some Sequence<HypercareRecordRow>, origin: String) throws -> HypercareRecords {
        var weeks: [Int: [String: Double]] = [:]
        var incidents: [HypercareRecords.Incident]?, maintenance: [HypercareRecords.MaintenanceWindow]?
        var incidentRows: [HypercareRecords.Incident] = [], windowRows: [HypercareRecords.MaintenanceWindow] = []
        var surveys: [HypercareRecords.SurveyResponse] = []
        var activities: [String: Set<CalendarDate>] = [:]
        var checklist: [String: CalendarDate?] = [:]
        var probes: [HypercareRecords.ProbeMeasurement] = []
        var seedChoices: [String: String] = [:]
        func bad(_ row: HypercareRecordRow) -> Error { DocumentError(file: origin, message: "a stored \(row.kind) record '\(row.key)' does not read back") }
        for row in rows {
            let fields = row.body.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch row.kind {
            case "week":
                guard let week = Int(row.key) else { throw bad(row) }
                weeks[week, default: [:]] = weeks[week] ?? [:]
            case "kpi":
                let parts = row.key.split(separator: "|", maxSplits: 1).map(String.init)
                guard parts.count == 2, let week = Int(parts[0]), let value = Double(row.body) else { throw bad(row) }
                weeks[week, default: [:]][parts[1]] = value
            case "incident_log": incidents = []
            case "incident":
                // Six fields, or eleven with the handling; the review is last and may hold `|` itself.
                guard fields.count == 6 || fields.count >= 11, let detected = date(fields[1]) else { throw bad(row) }
                let handled = fields.count >= 11
                let updates = handled ? fields[8].split(separator: ",").compactMap { date(String($0)) } : []
                let review = handled ? fields[10...].joined(separator: "|") : ""
                incidentRows.append(HypercareRecords.Incident(id: row.key, priority: fields[0], detected: detected, resolved: date(fields[2]),
                                                              outage: fields[3] == "1", responded: date(fields[4]), beforeGoLive: fields[5] == "1",
                                                              notified: handled ? date(fields[6]) : nil, mitigated: handled ? date(fields[7]) : nil,
                                                              updates: updates, review: review.isEmpty ? nil : review,
                                                              autoRecovered: handled && fields[9] == "1"))
            case "maintenance_log": maintenance = []
            case "maintenance":
                guard fields.count == 2 || fields.count == 3, let start = date(fields[0]), let end = date(fields[1]) else { throw bad(row) }
                windowRows.append(HypercareRecords.MaintenanceWindow(id: row.key, start: start, end: end, announced: fields.count == 3 ? date(fields[2]) : nil))
            case "survey":
                guard fields.count == 3, let day = CalendarDate(fields[1]), let score = Double(fields[2]) else { throw bad(row) }
                surveys.append(HypercareRecords.SurveyResponse(id: row.key, survey: fields[0], day: day, score: score))
            case "activity":
                let parts = row.key.split(separator: "|", maxSplits: 1).map(String.init)
                guard parts.count == 2, let day = CalendarDate(parts[1]) else { throw bad(row) }
                activities[parts[0], default: []].insert(day)
            case "checklist":
                checklist[row.key] = .some(CalendarDate(row.body))
            case "probe":
                let parts = row.key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, let at = date(parts[0]), fields.count == 2 else { throw bad(row) }
                probes.append(HypercareRecords.ProbeMeasurement(at: at, probe: parts[1], passed: fields[0] == "1", latencyMs: Double(fields[1])))
            case "seed_choice":
                seedChoices[row.key] = row.body
            default:
                throw bad(row)
            }
        }
        if incidents != nil { incidents = incidentRows }
        if maintenance != nil { maintenance = windowRows }
        var records = HypercareRecords(weeks: weeks, incidents: incidents, checklist: checklist, probes: probes, maintenance: maintenance, activities: activities,
                                       surveys: surveys)
        records.seedChoices = seedChoices
        return records
    }

    static func number(_ value: Double) -> String { String(value) }
    static func time(_ date: Date) -> String { String(date.timeIntervalSince1970) }
    static func date(_ text: String) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }
}
