import Foundation
import GRDB
import OpsDocument
import OpsReadyKit

/// The default hypercare history: one SQLite file (WAL mode) next to the workload, schema by migrations.
/// Every import is one transaction of upserts (prepared once, run per row) keyed by what identifies a record (week and KPI, incident id,
/// checklist item, probe run), so a failed import leaves the previous state and a repeated one adds nothing.
public final class SQLiteHypercareStore: HypercareStore {
    private let pool: DatabasePool
    private let path: String
    var afterEachRow: (() throws -> Void)?

    /// Opens (creating when new) the history at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        pool = try Self.reported(path) { try DatabasePool(path: path) }
        try Self.reported(path) { try Self.migrator.migrate(pool) }
    }

    /// SQLite's errors as one-line input errors naming the file.
    static func reported<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw DocumentError(file: path, message: "hypercare history: \(error.message ?? error.description)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE week_kpi (week INTEGER NOT NULL, kpi TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (week, kpi));
                CREATE TABLE incident (id TEXT PRIMARY KEY, priority TEXT NOT NULL, detected REAL NOT NULL, resolved REAL);
                CREATE TABLE checklist (id TEXT PRIMARY KEY, done_on TEXT);
                CREATE TABLE probe_run (at REAL NOT NULL, probe TEXT NOT NULL, passed INTEGER NOT NULL, latency_ms REAL, PRIMARY KEY (at, probe));
                CREATE TABLE incident_log (kept INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE incident ADD COLUMN outage INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE maintenance (id TEXT PRIMARY KEY, start REAL NOT NULL, "end" REAL NOT NULL);
                CREATE TABLE maintenance_log (kept INTEGER NOT NULL);
                CREATE TABLE activity (activity TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (activity, day));
                """)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE incident ADD COLUMN responded REAL")
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: "CREATE TABLE survey_response (id TEXT PRIMARY KEY, survey TEXT NOT NULL, day TEXT NOT NULL, score REAL NOT NULL)")
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: "CREATE TABLE workload (name TEXT PRIMARY KEY, go_live TEXT NOT NULL, timezone TEXT NOT NULL)")
        }
        return migrator
    }

    public func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) throws -> HypercareImportSummary {
        try Self.reported(path) { try write(records, workload: workload) }
    }

    /// The workload this file holds, once an import has said.
    public func workload() throws -> HypercareWorkload? {
        try Self.reported(path) {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT name, go_live, timezone FROM workload").flatMap { row in
                    let day: String = row["go_live"]
                    return CalendarDate(day).map { HypercareWorkload(name: row["name"], goLive: $0, timeZone: row["timezone"]) }
                }
            }
        }
    }

    private func write(_ records: HypercareRecords, workload: HypercareWorkload?) throws -> HypercareImportSummary {
        try pool.write { db in
            if let workload {
                // One file, one workload: records of another would mix with these.
                if let other = try String.fetchOne(db, sql: "SELECT name FROM workload WHERE name <> ?", arguments: [workload.name]) {
                    throw DocumentError(file: path, message: "this history holds workload '\(other)', not '\(workload.name)'; give each workload its own file")
                }
                try db.execute(sql: """
                    INSERT INTO workload (name, go_live, timezone) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET go_live = excluded.go_live, timezone = excluded.timezone
                    """, arguments: [workload.name, workload.goLive.description, workload.timeZone])
            }
            let before = try Self.rowCount(db)
            for (week, values) in records.weeks.sorted(by: { $0.key < $1.key }) {
                for (kpi, value) in values.sorted(by: { $0.key < $1.key }) {
                    try db.cachedStatement(sql: "INSERT INTO week_kpi (week, kpi, value) VALUES (?, ?, ?) ON CONFLICT (week, kpi) DO UPDATE SET value = excluded.value")
                        .execute(arguments: [week, kpi, value])
                    try afterEachRow?()
                }
            }
            if let incidents = records.incidents {
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident_log") == 0 { try db.execute(sql: "INSERT INTO incident_log (kept) VALUES (1)") }
                for incident in incidents {
                    try db.cachedStatement(sql: """
                        INSERT INTO incident (id, priority, detected, resolved, outage, responded) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, detected = excluded.detected, resolved = excluded.resolved,
                                                       outage = excluded.outage, responded = excluded.responded
                        """).execute(arguments: [incident.id, incident.priority, incident.detected.timeIntervalSince1970,
                                                 incident.resolved?.timeIntervalSince1970, incident.outage, incident.responded?.timeIntervalSince1970])
                    try afterEachRow?()
                }
            }
            if let maintenance = records.maintenance {
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maintenance_log") == 0 { try db.execute(sql: "INSERT INTO maintenance_log (kept) VALUES (1)") }
                for window in maintenance {
                    try db.cachedStatement(sql: """
                        INSERT INTO maintenance (id, start, "end") VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET start = excluded.start, "end" = excluded."end"
                        """).execute(arguments: [window.id, window.start.timeIntervalSince1970, window.end.timeIntervalSince1970])
                    try afterEachRow?()
                }
            }
            for response in records.surveys {
                try db.cachedStatement(sql: """
                    INSERT INTO survey_response (id, survey, day, score) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET survey = excluded.survey, day = excluded.day, score = excluded.score
                    """).execute(arguments: [response.id, response.survey, response.day.description, response.score])
                try afterEachRow?()
            }
            for (activity, days) in records.activities.sorted(by: { $0.key < $1.key }) {
                for day in days.sorted() {
                    try db.cachedStatement(sql: "INSERT INTO activity (activity, day) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .execute(arguments: [activity, day.description])
                    try afterEachRow?()
                }
            }
            for (id, day) in records.checklist.sorted(by: { $0.key < $1.key }) {
                try db.cachedStatement(sql: "INSERT INTO checklist (id, done_on) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET done_on = excluded.done_on")
                    .execute(arguments: [id, day?.description])
                try afterEachRow?()
            }
            for run in records.probes {
                try db.cachedStatement(sql: """
                    INSERT INTO probe_run (at, probe, passed, latency_ms) VALUES (?, ?, ?, ?)
                    ON CONFLICT (at, probe) DO UPDATE SET passed = excluded.passed, latency_ms = excluded.latency_ms
                    """).execute(arguments: [run.at.timeIntervalSince1970, run.probe, run.passed, run.latencyMs])
                try afterEachRow?()
            }
            return HypercareImportSummary(rowsBefore: before, rowsAfter: try Self.rowCount(db))
        }
    }

    public func records() throws -> HypercareRecords {
        try Self.reported(path) { try read() }
    }

    private func read() throws -> HypercareRecords {
        try pool.read { db in
            var weeks: [Int: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT week, kpi, value FROM week_kpi") {
                weeks[row["week"], default: [:]][row["kpi"]] = row["value"]
            }
            var incidents: [HypercareRecords.Incident]?
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident_log") ?? 0 > 0 {
                let sql = "SELECT id, priority, detected, resolved, outage, responded FROM incident ORDER BY detected, id"
                incidents = try Row.fetchAll(db, sql: sql).map { row in
                    let resolved: Double? = row["resolved"], responded: Double? = row["responded"]
                    return HypercareRecords.Incident(id: row["id"], priority: row["priority"], detected: Date(timeIntervalSince1970: row["detected"]),
                                                     resolved: resolved.map(Date.init(timeIntervalSince1970:)), outage: row["outage"],
                                                     responded: responded.map(Date.init(timeIntervalSince1970:)))
                }
            }
            var maintenance: [HypercareRecords.MaintenanceWindow]?
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maintenance_log") ?? 0 > 0 {
                maintenance = try Row.fetchAll(db, sql: "SELECT id, start, \"end\" FROM maintenance ORDER BY start, id").map { row in
                    HypercareRecords.MaintenanceWindow(id: row["id"], start: Date(timeIntervalSince1970: row["start"]), end: Date(timeIntervalSince1970: row["end"]))
                }
            }
            var activities: [String: Set<CalendarDate>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT activity, day FROM activity") {
                let day: String = row["day"]
                if let date = CalendarDate(day) { activities[row["activity"], default: []].insert(date) }
            }
            var checklist: [String: CalendarDate?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, done_on FROM checklist") {
                let day: String? = row["done_on"]
                checklist[row["id"]] = .some(day.flatMap(CalendarDate.init))
            }
            let probes = try Row.fetchAll(db, sql: "SELECT at, probe, passed, latency_ms FROM probe_run ORDER BY at").map { row in
                HypercareRecords.ProbeMeasurement(at: Date(timeIntervalSince1970: row["at"]), probe: row["probe"], passed: row["passed"], latencyMs: row["latency_ms"])
            }
            let surveys = try Row.fetchAll(db, sql: "SELECT id, survey, day, score FROM survey_response ORDER BY day, id").compactMap { row in
                let day: String = row["day"]
                return CalendarDate(day).map { HypercareRecords.SurveyResponse(id: row["id"], survey: row["survey"], day: $0, score: row["score"]) }
            }
            return HypercareRecords(weeks: weeks, incidents: incidents, checklist: checklist, probes: probes, maintenance: maintenance, activities: activities,
                                    surveys: surveys)
        }
    }

    static func rowCount(_ db: Database) throws -> Int {
        try ["week_kpi", "incident", "checklist", "probe_run", "maintenance", "activity", "survey_response"].reduce(0) { total, table in
            total + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)
        }
    }
}
