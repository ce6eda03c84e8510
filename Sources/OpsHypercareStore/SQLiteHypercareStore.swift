import Foundation
import GRDB
import OpsCore
import OpsDocument
import OpsHypercare

/// The default hypercare history: one SQLite file (WAL mode), schema by migrations; one workload's records, or a
/// portfolio's (every row carries its workload, as in the PostgreSQL history).
/// Every import is one transaction that makes the workload's current rows equal to the records (`HypercareRecordRows`):
/// rows not in the import get `known_until` set to the import, new or changed ones are inserted with `known_from` set to
/// it. Nothing is deleted, so `records(knownOn:)` can answer for any day; a failed import leaves the previous state.
public final class SQLiteHypercareStore: HypercareStore {
    let pool: DatabasePool
    let path: String
    private let workloadName: String
    var afterEachRow: (() throws -> Void)?

    /// Opens (creating when new) the history at `path` for `workload`'s records and brings its schema up to date.
    public init(path: String, workload: String) throws {
        self.path = path
        self.workloadName = workload
        pool = try Self.openMigrated(path)
    }

    /// The pool on the file at `path` (created when new), its schema brought up to date. Another process writing at the
    /// same time is waited for rather than failed at once.
    static func openMigrated(_ path: String, readers: Int = Configuration().maximumReaderCount) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = readers
        let pool = try reported(path) { try open(path, configuration: configuration) }
        try reported(path) { try migrate(pool) }
        return pool
    }

    /// Opens the pool. A process opening a new history while another creates it can find it locked as that one turns
    /// on WAL, which SQLite does not wait for (the busy timeout does not apply to it): it tries again for a few seconds.
    static func open(_ path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 12 {
                attempt += 1
                usleep(useconds_t(25_000 * attempt))
            }
        }
    }

    /// SQLite's errors as one-line input errors naming the file.
    static func reported<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw DocumentError(file: path, message: "hypercare history: \(error.message ?? error.description)")
        }
    }

    /// Brings the schema up to date. Two processes opening a new history at once may both start: the one that
    /// loses finds the migrations done by the other and goes on.
    static func migrate(_ pool: DatabasePool) throws {
        for attempt in 1...5 {
            do {
                try migrator.migrate(pool)
                return
            } catch is DatabaseError where attempt < 5 {
                if try pool.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                usleep(useconds_t(50_000 * attempt))
            }
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
        migrator.registerMigration("v6") { db in
            // One temporal table for every kind of record; the rows of v1–v5 become the first import.
            try db.execute(sql: """
                CREATE TABLE import (id INTEGER PRIMARY KEY, at REAL NOT NULL, added INTEGER NOT NULL, changed INTEGER NOT NULL, removed INTEGER NOT NULL);
                CREATE TABLE record (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, known_from INTEGER NOT NULL, known_until INTEGER);
                CREATE INDEX record_current ON record (kind, key) WHERE known_until IS NULL;
                INSERT INTO record SELECT 'week', DISTINCT_WEEK.week, '', 1, NULL FROM (SELECT DISTINCT week FROM week_kpi) AS DISTINCT_WEEK;
                INSERT INTO record SELECT 'kpi', week || '|' || kpi, value, 1, NULL FROM week_kpi;
                INSERT INTO record SELECT 'incident_log', '', '', 1, NULL FROM incident_log LIMIT 1;
                INSERT INTO record SELECT 'incident', id, priority || '|' || detected || '|' || ifnull(resolved, '') || '|' || outage || '|' || ifnull(responded, '') || '|0', 1, NULL FROM incident;
                INSERT INTO record SELECT 'maintenance_log', '', '', 1, NULL FROM maintenance_log LIMIT 1;
                INSERT INTO record SELECT 'maintenance', id, start || '|' || "end", 1, NULL FROM maintenance;
                INSERT INTO record SELECT 'survey', id, survey || '|' || day || '|' || score, 1, NULL FROM survey_response;
                INSERT INTO record SELECT 'activity', activity || '|' || day, '', 1, NULL FROM activity;
                INSERT INTO record SELECT 'checklist', id, ifnull(done_on, ''), 1, NULL FROM checklist;
                INSERT INTO record SELECT 'probe', at || '|' || probe, passed || '|' || ifnull(latency_ms, ''), 1, NULL FROM probe_run;
                INSERT INTO import (id, at, added, changed, removed) SELECT 1, CAST(strftime('%s', 'now') AS REAL), COUNT(*), 0, 0 FROM record HAVING COUNT(*) > 0;
                DROP TABLE week_kpi; DROP TABLE incident; DROP TABLE incident_log; DROP TABLE maintenance; DROP TABLE maintenance_log;
                DROP TABLE survey_response; DROP TABLE activity; DROP TABLE checklist; DROP TABLE probe_run;
                """)
        }
        migrator.registerMigration("v7") { db in
            // Many workloads in one file: the rows written so far are the one workload the file held.
            try db.execute(sql: """
                ALTER TABLE record ADD COLUMN workload TEXT NOT NULL DEFAULT '';
                ALTER TABLE import ADD COLUMN workload TEXT NOT NULL DEFAULT '';
                UPDATE record SET workload = ifnull((SELECT name FROM workload LIMIT 1), '');
                UPDATE import SET workload = ifnull((SELECT name FROM workload LIMIT 1), '');
                DROP INDEX record_current;
                CREATE INDEX record_current ON record (workload, kind, key) WHERE known_until IS NULL;
                """)
        }
        migrator.registerMigration("v8") { db in
            // Assessments, append-only: the summary a portfolio lists, and the record a workload page shows.
            try db.execute(sql: """
                CREATE TABLE assessment (id INTEGER PRIMARY KEY, workload TEXT NOT NULL, recorded_at REAL NOT NULL, as_of TEXT NOT NULL,
                  recorded_by TEXT NOT NULL, verdict TEXT NOT NULL, score REAL, high_risks INTEGER NOT NULL, medium_risks INTEGER NOT NULL,
                  expired_waivers INTEGER NOT NULL, failing INTEGER NOT NULL, probes_passed INTEGER, probes_failed INTEGER, milestone TEXT,
                  inputs TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX assessment_workload ON assessment (workload, id);
                """)
        }
        return migrator
    }

    public func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) throws -> HypercareImportSummary {
        try Self.reported(path) { try write(records, workload: workload) }
    }

    /// The workload's go-live and time zone, once an import has said.
    public func workload() throws -> HypercareWorkload? {
        try Self.workloads(in: pool, path: path).first { $0.name == workloadName }
    }

    /// Every workload whose go-live an import recorded, by name.
    static func workloads(in pool: DatabasePool, path: String) throws -> [HypercareWorkload] {
        try reported(path) {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT name, go_live, timezone FROM workload ORDER BY name").compactMap { row in
                    let day: String = row["go_live"]
                    return CalendarDate(day).map { HypercareWorkload(name: row["name"], goLive: $0, timeZone: row["timezone"]) }
                }
            }
        }
    }

    private func write(_ records: HypercareRecords, workload: HypercareWorkload?) throws -> HypercareImportSummary {
        let rows = HypercareRecordRows.encode(records)
        // BEGIN IMMEDIATE: the write lock is taken (waiting behind another import) before anything is read, so a
        // concurrent import cannot turn this one's read into a write that fails at once.
        var result: HypercareImportSummary?
        try pool.writeWithoutTransaction { db in try db.inTransaction(.immediate) {
            if let workload {
                try db.execute(sql: """
                    INSERT INTO workload (name, go_live, timezone) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET go_live = excluded.go_live, timezone = excluded.timezone
                    """, arguments: [workloadName, workload.goLive.description, workload.timeZone])
            }
            try db.execute(sql: "INSERT INTO import (workload, at, added, changed, removed) VALUES (?, ?, 0, 0, 0)",
                           arguments: [workloadName, Date().timeIntervalSince1970])
            let importId = db.lastInsertedRowID
            try db.execute(sql: "CREATE TEMP TABLE incoming (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key))")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.incoming") }
            let insert = try db.cachedStatement(sql: "INSERT INTO incoming (kind, key, body) VALUES (?, ?, ?)")
            for row in rows {
                try insert.execute(arguments: [row.kind, row.key, row.body])
                try afterEachRow?()
            }
            // Close the current rows the import does not hold as they are (removed, or changed), then add what is new.
            try db.execute(sql: """
                UPDATE record SET known_until = ? WHERE workload = ? AND known_until IS NULL
                AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.kind = record.kind AND i.key = record.key AND i.body = record.body)
                """, arguments: [importId, workloadName])
            let closed = db.changesCount
            let changed = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM record r WHERE r.known_until = ? AND EXISTS (SELECT 1 FROM incoming i WHERE i.kind = r.kind AND i.key = r.key)
                """, arguments: [importId]) ?? 0
            try db.execute(sql: """
                INSERT INTO record (workload, kind, key, body, known_from)
                SELECT ?, kind, key, body, ? FROM incoming i
                WHERE NOT EXISTS (SELECT 1 FROM record r WHERE r.workload = ? AND r.known_until IS NULL AND r.kind = i.kind AND r.key = i.key)
                """, arguments: [workloadName, importId, workloadName])
            let inserted = db.changesCount
            let summary = HypercareImportSummary(added: inserted - changed, changed: changed, removed: closed - changed,
                                                 rowsAfter: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE workload = ? AND known_until IS NULL",
                                                                                        arguments: [workloadName]) ?? 0)
            try db.execute(sql: "UPDATE import SET added = ?, changed = ?, removed = ? WHERE id = ?",
                           arguments: [summary.added, summary.changed, summary.removed, importId])
            result = summary
            return .commit
        } }
        guard let result else { throw DocumentError(file: path, message: "hypercare history: the import did not finish") }
        return result
    }

    public func records(knownOn: Date?) throws -> HypercareRecords {
        try Self.reported(path) {
            let rows = try pool.read { db -> [HypercareRecordRow] in
                let sql = knownOn == nil ? "SELECT kind, key, body FROM record WHERE workload = ? AND known_until IS NULL" : """
                    SELECT r.kind, r.key, r.body FROM record r JOIN import f ON f.id = r.known_from LEFT JOIN import u ON u.id = r.known_until
                    WHERE r.workload = ? AND f.at <= ? AND (u.id IS NULL OR u.at > ?)
                    """
                let at = knownOn?.timeIntervalSince1970
                return try Row.fetchAll(db, sql: sql, arguments: knownOn == nil ? [workloadName] : [workloadName, at, at]).map { row in
                    HypercareRecordRow(kind: row["kind"], key: row["key"], body: row["body"])
                }
            }
            return try HypercareRecordRows.decode(rows, origin: path)
        }
    }

    /// Every import, oldest first: when, and what it added, changed and removed.
    public func imports() throws -> [(at: Date, summary: HypercareImportSummary)] {
        try Self.reported(path) {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT at, added, changed, removed FROM import WHERE workload = ? ORDER BY id",
                                 arguments: [workloadName]).map { row in
                    (Date(timeIntervalSince1970: row["at"]), HypercareImportSummary(added: row["added"], changed: row["changed"], removed: row["removed"], rowsAfter: 0))
                }
            }
        }
    }
}
