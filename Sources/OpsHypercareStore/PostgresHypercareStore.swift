import Foundation
import Logging
import OpsCore
import OpsDocument
import OpsHypercare
import PostgresNIO

/// The shared hypercare history for a support organisation: one PostgreSQL database holding many workloads,
/// written from many machines. Every row carries its workload; every import is one transaction that makes the
/// workload's current rows equal to the records, like the SQLite store's (rows closed with `known_until`, new or changed
/// ones inserted with `known_from`), under a lock per workload so two machines importing at once take turns. A failed
/// or killed import leaves the previous state; a repeated one changes nothing.
public final class PostgresHypercareStore: HypercareStore {
    private let connection: PostgresConnection
    private let workload: String
    private let location: PostgresLocation
    /// The driver's logs are not ours to print: errors come out as one-line input errors instead.
    private static let quiet = Logger(label: "opsready.hypercare.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private let logger = PostgresHypercareStore.quiet
    var afterEachRow: (() throws -> Void)?

    private init(connection: PostgresConnection, workload: String, location: PostgresLocation) {
        self.connection = connection
        self.workload = workload
        self.location = location
    }

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database[?sslmode=…]`), brings the schema up to
    /// date and returns the store of `workload`'s records.
    public static func connect(url: String, workload: String) async throws -> PostgresHypercareStore {
        let location = try PostgresLocation(url: url)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try location.configuration(), id: 1,
                                                              logger: quiet)
        } catch {
            throw location.error(error)
        }
        let store = PostgresHypercareStore(connection: connection, workload: workload, location: location)
        do { try await store.migrate() } catch {
            try? await connection.close()
            throw error
        }
        return store
    }

    /// The schema, in order; each step runs once per database, under a lock so machines starting together agree.
    static let migrations: [(id: String, statements: [PostgresQuery])] = [
        ("v1", [
            "CREATE TABLE hypercare_week_kpi (workload TEXT NOT NULL, week INTEGER NOT NULL, kpi TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (workload, week, kpi))",
            "CREATE TABLE hypercare_incident (workload TEXT NOT NULL, id TEXT NOT NULL, priority TEXT NOT NULL, detected TIMESTAMPTZ NOT NULL, resolved TIMESTAMPTZ, PRIMARY KEY (workload, id))",
            "CREATE TABLE hypercare_checklist (workload TEXT NOT NULL, id TEXT NOT NULL, done_on DATE, PRIMARY KEY (workload, id))",
            "CREATE TABLE hypercare_probe_run (workload TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, probe TEXT NOT NULL, passed BOOLEAN NOT NULL, latency_ms DOUBLE PRECISION, PRIMARY KEY (workload, at, probe))",
            "CREATE TABLE hypercare_incident_log (workload TEXT PRIMARY KEY)",
        ]),
        ("v2", [
            "ALTER TABLE hypercare_incident ADD COLUMN outage BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE TABLE hypercare_maintenance (workload TEXT NOT NULL, id TEXT NOT NULL, start_at TIMESTAMPTZ NOT NULL, end_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (workload, id))",
            "CREATE TABLE hypercare_maintenance_log (workload TEXT PRIMARY KEY)",
            "CREATE TABLE hypercare_activity (workload TEXT NOT NULL, activity TEXT NOT NULL, day DATE NOT NULL, PRIMARY KEY (workload, activity, day))",
        ]),
        ("v3", ["ALTER TABLE hypercare_incident ADD COLUMN responded TIMESTAMPTZ"]),
        ("v4", [
            "CREATE TABLE hypercare_survey_response (workload TEXT NOT NULL, id TEXT NOT NULL, survey TEXT NOT NULL, day DATE NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY (workload, id))",
        ]),
        ("v5", [
            "CREATE TABLE hypercare_workload (workload TEXT PRIMARY KEY, go_live DATE NOT NULL, timezone TEXT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        ]),
        // One temporal table for every kind of record; each workload's rows of v1–v5 become its first import.
        ("v6", [
            "CREATE TABLE hypercare_import (id BIGSERIAL PRIMARY KEY, workload TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, added INTEGER NOT NULL, changed INTEGER NOT NULL, removed INTEGER NOT NULL)",
            "CREATE TABLE hypercare_record (workload TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, known_from BIGINT NOT NULL, known_until BIGINT)",
            "CREATE INDEX hypercare_record_current ON hypercare_record (workload, kind, key) WHERE known_until IS NULL",
            "CREATE INDEX hypercare_import_workload ON hypercare_import (workload, at)",
            """
            INSERT INTO hypercare_import (workload, at, added, changed, removed)
            SELECT workload, now(), 0, 0, 0 FROM (SELECT workload FROM hypercare_week_kpi UNION SELECT workload FROM hypercare_incident_log
              UNION SELECT workload FROM hypercare_maintenance_log UNION SELECT workload FROM hypercare_survey_response UNION SELECT workload FROM hypercare_activity
              UNION SELECT workload FROM hypercare_checklist UNION SELECT workload FROM hypercare_probe_run) AS w
            """,
            """
            INSERT INTO hypercare_record (workload, kind, key, body, known_from)
            SELECT r.workload, r.kind, r.key, r.body, i.id FROM (
              SELECT DISTINCT workload, 'week' AS kind, week::TEXT AS key, '' AS body FROM hypercare_week_kpi
              UNION ALL SELECT workload, 'kpi', week || '|' || kpi, value::TEXT FROM hypercare_week_kpi
              UNION ALL SELECT workload, 'incident_log', '', '' FROM hypercare_incident_log
              UNION ALL SELECT workload, 'incident', id, priority || '|' || EXTRACT(EPOCH FROM detected) || '|' || COALESCE(EXTRACT(EPOCH FROM resolved)::TEXT, '')
                || '|' || (CASE WHEN outage THEN '1' ELSE '0' END) || '|' || COALESCE(EXTRACT(EPOCH FROM responded)::TEXT, '') || '|0' FROM hypercare_incident
              UNION ALL SELECT workload, 'maintenance_log', '', '' FROM hypercare_maintenance_log
              UNION ALL SELECT workload, 'maintenance', id, EXTRACT(EPOCH FROM start_at) || '|' || EXTRACT(EPOCH FROM end_at) FROM hypercare_maintenance
              UNION ALL SELECT workload, 'survey', id, survey || '|' || day::TEXT || '|' || score::TEXT FROM hypercare_survey_response
              UNION ALL SELECT workload, 'activity', activity || '|' || day::TEXT, '' FROM hypercare_activity
              UNION ALL SELECT workload, 'checklist', id, COALESCE(done_on::TEXT, '') FROM hypercare_checklist
              UNION ALL SELECT workload, 'probe', EXTRACT(EPOCH FROM at) || '|' || probe, (CASE WHEN passed THEN '1' ELSE '0' END) || '|' || COALESCE(latency_ms::TEXT, '')
                FROM hypercare_probe_run
            ) AS r JOIN hypercare_import i ON i.workload = r.workload
            """,
            "DROP TABLE hypercare_week_kpi, hypercare_incident, hypercare_incident_log, hypercare_maintenance, hypercare_maintenance_log, hypercare_survey_response, hypercare_activity, hypercare_checklist, hypercare_probe_run",
        ]),
        // Assessments, append-only: the summary a portfolio lists, and the record a workload page shows.
        ("v7", [
            """
            CREATE TABLE opsready_assessment (id BIGSERIAL PRIMARY KEY, workload TEXT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL, as_of TEXT NOT NULL,
              recorded_by TEXT NOT NULL, verdict TEXT NOT NULL, score DOUBLE PRECISION, high_risks INTEGER NOT NULL, medium_risks INTEGER NOT NULL,
              expired_waivers INTEGER NOT NULL, failing INTEGER NOT NULL, probes_passed INTEGER, probes_failed INTEGER, milestone TEXT,
              inputs TEXT NOT NULL, body TEXT NOT NULL)
            """,
            "CREATE INDEX opsready_assessment_workload ON opsready_assessment (workload, id)",
        ]),
    ]

    private func migrate() async throws {
        try await transaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS opsready_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM opsready_migration", logger: logger).decode(String.self) { applied.insert(id) }
            for migration in Self.migrations where !applied.contains(migration.id) {
                for statement in migration.statements { try await connection.query(statement, logger: logger) }
                try await connection.query("INSERT INTO opsready_migration (id) VALUES (\(migration.id))", logger: logger)
            }
        }
    }

    /// The advisory lock key ("opsr" in ASCII): migrations hold it alone; an import holds it with its workload's hash
    /// (the two-key form, a separate key space), so imports of one workload take turns.
    private static let migrationLock = 0x6F70_7372

    public func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) async throws -> HypercareImportSummary {
        let rows = HypercareRecordRows.encode(records)
        return try await transaction { connection, logger in
            // Imports of one workload take turns: each compares with what the one before it left.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Int32(Self.migrationLock)), hashtext(\(self.workload)))", logger: logger)
            if let workload {
                try await connection.query("""
                    INSERT INTO hypercare_workload (workload, go_live, timezone) VALUES (\(self.workload), CAST(\(workload.goLive.description) AS DATE), \(workload.timeZone))
                    ON CONFLICT (workload) DO UPDATE SET go_live = excluded.go_live, timezone = excluded.timezone, recorded_at = now()
                    """, logger: logger)
            }
            var importId: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO hypercare_import (workload, at, added, changed, removed) VALUES (\(self.workload), clock_timestamp(), 0, 0, 0) RETURNING id
                """, logger: logger).decode(Int64.self) { importId = id }
            try await connection.query("CREATE TEMP TABLE incoming (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key)) ON COMMIT DROP",
                                       logger: logger)
            for batch in rows.chunked(Self.batchSize) {
                try await connection.query("""
                    INSERT INTO incoming (kind, key, body) SELECT * FROM UNNEST(\(batch.map(\.kind))::TEXT[], \(batch.map(\.key))::TEXT[], \(batch.map(\.body))::TEXT[])
                    """, logger: logger)
                try self.wrote(batch.count)
            }
            // Close the current rows the import does not hold as they are (removed, or changed), then add what is new.
            var closed = 0, changed = 0, inserted = 0
            for try await (all, alsoIncoming) in try await connection.query("""
                WITH closed AS (
                  UPDATE hypercare_record r SET known_until = \(importId) WHERE r.workload = \(self.workload) AND r.known_until IS NULL
                  AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.kind = r.kind AND i.key = r.key AND i.body = r.body)
                  RETURNING r.kind, r.key)
                SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM incoming i WHERE i.kind = closed.kind AND i.key = closed.key)) FROM closed
                """, logger: logger).decode((Int, Int).self) { (closed, changed) = (all, alsoIncoming) }
            for try await count in try await connection.query("""
                WITH added AS (
                  INSERT INTO hypercare_record (workload, kind, key, body, known_from)
                  SELECT \(self.workload), kind, key, body, \(importId) FROM incoming i
                  WHERE NOT EXISTS (SELECT 1 FROM hypercare_record r WHERE r.workload = \(self.workload) AND r.known_until IS NULL AND r.kind = i.kind AND r.key = i.key)
                  RETURNING 1)
                SELECT COUNT(*) FROM added
                """, logger: logger).decode(Int.self) { inserted = count }
            var current = 0
            for try await count in try await connection.query(
                "SELECT COUNT(*) FROM hypercare_record WHERE workload = \(self.workload) AND known_until IS NULL", logger: logger).decode(Int.self) { current = count }
            let summary = HypercareImportSummary(added: inserted - changed, changed: changed, removed: closed - changed, rowsAfter: current)
            try await connection.query("""
                UPDATE hypercare_import SET added = \(summary.added), changed = \(summary.changed), removed = \(summary.removed) WHERE id = \(importId)
                """, logger: logger)
            return summary
        }
    }

    /// Rows per statement when writing an import (one round trip each, not one per row).
    static let batchSize = 5_000

    /// Tells the fault hook about `count` rows just written.
    private func wrote(_ count: Int) throws {
        for _ in 0..<count { try afterEachRow?() }
    }

    public func records(knownOn: Date?) async throws -> HypercareRecords {
        do {
            var rows: [HypercareRecordRow] = []
            let sql: PostgresQuery = if let knownOn {
                """
                SELECT r.kind, r.key, r.body FROM hypercare_record r JOIN hypercare_import f ON f.id = r.known_from LEFT JOIN hypercare_import u ON u.id = r.known_until
                WHERE r.workload = \(workload) AND f.at <= \(knownOn) AND (u.id IS NULL OR u.at > \(knownOn))
                """
            } else {
                "SELECT kind, key, body FROM hypercare_record WHERE workload = \(workload) AND known_until IS NULL"
            }
            for try await (kind, key, body) in try await query(sql).decode((String, String, String).self) {
                rows.append(HypercareRecordRow(kind: kind, key: key, body: body))
            }
            return try HypercareRecordRows.decode(rows, origin: location.redacted)
        } catch let error as DocumentError {
            throw error
        } catch {
            throw location.error(error)
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Removes every record of this store's workload (a workload retired from the shared history).
    public func deleteWorkload() async throws {
        try await transaction { connection, logger in
            for table in ["hypercare_record", "hypercare_import", "hypercare_workload"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE workload = $1", binds: self.binds(self.workload)), logger: logger)
            }
        }
    }

    private func binds(_ text: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(text)
        return bindings
    }

    private func query(_ sql: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(sql, logger: logger)
    }

    /// Runs `body` in one transaction; PostgreSQL's errors come out as one-line input errors naming the database.
    private func transaction<Result: Sendable>(_ body: (PostgresConnection, Logger) async throws -> Result) async throws -> Result {
        do {
            return try await connection.withTransaction(logger: logger) { connection in try await body(connection, self.logger) }
        } catch let error as PostgresTransactionError {
            if let cause = error.closureError, !(cause is PSQLError) { throw cause }
            throw location.error(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw location.error(error)
        }
    }
}

extension Array {
    /// The elements in consecutive slices of at most `size`.
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
