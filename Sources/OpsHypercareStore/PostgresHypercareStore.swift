import Foundation
import Logging
import OpsDocument
import OpsReadyKit
import PostgresNIO

/// The shared hypercare history for a support organisation: one PostgreSQL database holding many workloads,
/// written from many machines. Every row carries its workload; every import is one transaction of upserts keyed
/// like the SQLite store's, so a failed or killed import leaves the previous state and a repeated one adds nothing
/// (rows that did not change are not rewritten).
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
    ]

    /// Every table holding a workload's records.
    static let tables = ["hypercare_week_kpi", "hypercare_incident", "hypercare_checklist", "hypercare_probe_run", "hypercare_maintenance", "hypercare_activity",
                         "hypercare_survey_response"]

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

    /// The advisory lock key migrations hold ("opsr" in ASCII).
    private static let migrationLock = 0x6F70_7372

    public func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) async throws -> HypercareImportSummary {
        try await transaction { connection, logger in
            if let workload {
                try await connection.query("""
                    INSERT INTO hypercare_workload (workload, go_live, timezone) VALUES (\(self.workload), CAST(\(workload.goLive.description) AS DATE), \(workload.timeZone))
                    ON CONFLICT (workload) DO UPDATE SET go_live = excluded.go_live, timezone = excluded.timezone, recorded_at = now()
                    """, logger: logger)
            }
            let before = try await self.rowCount()
            let kpiRows = records.weeks.sorted(by: { $0.key < $1.key }).flatMap { week, values in
                values.sorted(by: { $0.key < $1.key }).map { (week: week, kpi: $0.key, value: $0.value) }
            }
            for batch in kpiRows.chunked(Self.batchSize) {
                try await connection.query("""
                    INSERT INTO hypercare_week_kpi (workload, week, kpi, value)
                    SELECT \(self.workload), * FROM UNNEST(\(batch.map(\.week))::INTEGER[], \(batch.map(\.kpi))::TEXT[], \(batch.map(\.value))::DOUBLE PRECISION[])
                    ON CONFLICT (workload, week, kpi) DO UPDATE SET value = excluded.value WHERE hypercare_week_kpi.value IS DISTINCT FROM excluded.value
                    """, logger: logger)
                try self.wrote(batch.count)
            }
            if let incidents = records.incidents {
                try await connection.query("INSERT INTO hypercare_incident_log (workload) VALUES (\(self.workload)) ON CONFLICT DO NOTHING", logger: logger)
                for incident in incidents {
                    try await connection.query("""
                        INSERT INTO hypercare_incident (workload, id, priority, detected, resolved, outage, responded)
                        VALUES (\(self.workload), \(incident.id), \(incident.priority), \(incident.detected), \(incident.resolved), \(incident.outage),
                                \(incident.responded))
                        ON CONFLICT (workload, id) DO UPDATE SET priority = excluded.priority, detected = excluded.detected, resolved = excluded.resolved,
                                                                 outage = excluded.outage, responded = excluded.responded
                        """, logger: logger)
                    try self.wrote(1)
                }
            }
            if let maintenance = records.maintenance {
                try await connection.query("INSERT INTO hypercare_maintenance_log (workload) VALUES (\(self.workload)) ON CONFLICT DO NOTHING", logger: logger)
                for window in maintenance {
                    try await connection.query("""
                        INSERT INTO hypercare_maintenance (workload, id, start_at, end_at) VALUES (\(self.workload), \(window.id), \(window.start), \(window.end))
                        ON CONFLICT (workload, id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at
                        """, logger: logger)
                    try self.wrote(1)
                }
            }
            for batch in records.surveys.chunked(Self.batchSize) {
                try await connection.query("""
                    INSERT INTO hypercare_survey_response (workload, id, survey, day, score)
                    SELECT \(self.workload), id, survey, CAST(day AS DATE), score
                    FROM UNNEST(\(batch.map(\.id))::TEXT[], \(batch.map(\.survey))::TEXT[], \(batch.map(\.day.description))::TEXT[],
                                \(batch.map(\.score))::DOUBLE PRECISION[]) AS s (id, survey, day, score)
                    ON CONFLICT (workload, id) DO UPDATE SET survey = excluded.survey, day = excluded.day, score = excluded.score
                    """, logger: logger)
                try self.wrote(batch.count)
            }
            let activityRows = records.activities.sorted(by: { $0.key < $1.key }).flatMap { id, days in days.sorted().map { (id: id, day: $0.description) } }
            for batch in activityRows.chunked(Self.batchSize) {
                try await connection.query("""
                    INSERT INTO hypercare_activity (workload, activity, day)
                    SELECT \(self.workload), activity, CAST(day AS DATE) FROM UNNEST(\(batch.map(\.id))::TEXT[], \(batch.map(\.day))::TEXT[]) AS a (activity, day)
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                try self.wrote(batch.count)
            }
            for (id, day) in records.checklist.sorted(by: { $0.key < $1.key }) {
                try await connection.query("""
                    INSERT INTO hypercare_checklist (workload, id, done_on) VALUES (\(self.workload), \(id), CAST(\(day?.description) AS DATE))
                    ON CONFLICT (workload, id) DO UPDATE SET done_on = excluded.done_on
                    """, logger: logger)
                try self.wrote(1)
            }
            for batch in Self.lastPerKey(records.probes).chunked(Self.batchSize) {
                try await connection.query("""
                    INSERT INTO hypercare_probe_run (workload, at, probe, passed, latency_ms)
                    SELECT \(self.workload), at, probe, passed, NULLIF(latency, 'NaN')
                    FROM UNNEST(\(batch.map(\.at))::TIMESTAMPTZ[], \(batch.map(\.probe))::TEXT[], \(batch.map(\.passed))::BOOLEAN[],
                                \(batch.map { $0.latencyMs ?? .nan })::DOUBLE PRECISION[]) AS run (at, probe, passed, latency)
                    ON CONFLICT (workload, at, probe) DO UPDATE SET passed = excluded.passed, latency_ms = excluded.latency_ms
                    WHERE (hypercare_probe_run.passed, hypercare_probe_run.latency_ms) IS DISTINCT FROM (excluded.passed, excluded.latency_ms)
                    """, logger: logger)
                try self.wrote(batch.count)
            }
            return HypercareImportSummary(rowsBefore: before, rowsAfter: try await self.rowCount())
        }
    }

    /// Rows per statement when writing KPI values and probe runs (one round trip each, not one per row).
    static let batchSize = 5_000

    /// Probe runs with one row per (time, probe), the last one recorded winning as it does in an upsert.
    static func lastPerKey(_ runs: [HypercareRecords.ProbeMeasurement]) -> [HypercareRecords.ProbeMeasurement] {
        var index: [String: Int] = [:]
        var unique: [HypercareRecords.ProbeMeasurement] = []
        for run in runs {
            let key = "\(run.at.timeIntervalSince1970)|\(run.probe)"
            if let at = index[key] { unique[at] = run } else {
                index[key] = unique.count
                unique.append(run)
            }
        }
        return unique
    }

    /// Tells the fault hook about `count` rows just written.
    private func wrote(_ count: Int) throws {
        for _ in 0..<count { try afterEachRow?() }
    }

    public func records() async throws -> HypercareRecords {
        do {
            var weeks: [Int: [String: Double]] = [:]
            for try await (week, kpi, value) in try await query("SELECT week, kpi, value FROM hypercare_week_kpi WHERE workload = \(workload)")
                .decode((Int, String, Double).self) {
                weeks[week, default: [:]][kpi] = value
            }
            var incidents: [HypercareRecords.Incident]?
            if try await count("SELECT COUNT(*) FROM hypercare_incident_log WHERE workload = \(workload)") > 0 {
                incidents = []
                for try await (id, priority, detected, resolved, outage, responded) in try await query(
                    "SELECT id, priority, detected, resolved, outage, responded FROM hypercare_incident WHERE workload = \(workload) ORDER BY detected, id"
                ).decode((String, String, Date, Date?, Bool, Date?).self) {
                    incidents?.append(HypercareRecords.Incident(id: id, priority: priority, detected: detected, resolved: resolved, outage: outage,
                                                                responded: responded))
                }
            }
            var maintenance: [HypercareRecords.MaintenanceWindow]?
            if try await count("SELECT COUNT(*) FROM hypercare_maintenance_log WHERE workload = \(workload)") > 0 {
                maintenance = []
                for try await (id, start, end) in try await query(
                    "SELECT id, start_at, end_at FROM hypercare_maintenance WHERE workload = \(workload) ORDER BY start_at, id"
                ).decode((String, Date, Date).self) {
                    maintenance?.append(HypercareRecords.MaintenanceWindow(id: id, start: start, end: end))
                }
            }
            var activities: [String: Set<CalendarDate>] = [:]
            for try await (activity, day) in try await query("SELECT activity, day::TEXT FROM hypercare_activity WHERE workload = \(workload)")
                .decode((String, String).self) {
                if let date = CalendarDate(day) { activities[activity, default: []].insert(date) }
            }
            var checklist: [String: CalendarDate?] = [:]
            for try await (id, day) in try await query("SELECT id, done_on::TEXT FROM hypercare_checklist WHERE workload = \(workload)")
                .decode((String, String?).self) {
                checklist[id] = .some(day.flatMap(CalendarDate.init))
            }
            var probes: [HypercareRecords.ProbeMeasurement] = []
            for try await (at, probe, passed, latency) in try await query(
                "SELECT at, probe, passed, latency_ms FROM hypercare_probe_run WHERE workload = \(workload) ORDER BY at, probe"
            ).decode((Date, String, Bool, Double?).self) {
                probes.append(HypercareRecords.ProbeMeasurement(at: at, probe: probe, passed: passed, latencyMs: latency))
            }
            var surveys: [HypercareRecords.SurveyResponse] = []
            for try await (id, survey, day, score) in try await query(
                "SELECT id, survey, day::TEXT, score FROM hypercare_survey_response WHERE workload = \(workload) ORDER BY day, id"
            ).decode((String, String, String, Double).self) {
                if let date = CalendarDate(day) { surveys.append(HypercareRecords.SurveyResponse(id: id, survey: survey, day: date, score: score)) }
            }
            return HypercareRecords(weeks: weeks, incidents: incidents, checklist: checklist, probes: probes, maintenance: maintenance, activities: activities,
                                    surveys: surveys)
        } catch {
            throw location.error(error)
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Every workload the database holds (as its last import described it), with its records: one connection.
    public static func everyWorkload(url: String) async throws -> [(workload: HypercareWorkload, records: HypercareRecords)] {
        try await connect(url: url, workload: "").closing { try await $0.everyWorkload() }
    }

    private func everyWorkload() async throws -> [(workload: HypercareWorkload, records: HypercareRecords)] {
        var workloads: [HypercareWorkload] = []
        do {
            for try await (name, goLive, timeZone) in try await query("SELECT workload, go_live::TEXT, timezone FROM hypercare_workload ORDER BY workload")
                .decode((String, String, String).self) {
                if let day = CalendarDate(goLive) { workloads.append(HypercareWorkload(name: name, goLive: day, timeZone: timeZone)) }
            }
        } catch {
            throw location.error(error)
        }
        var result: [(workload: HypercareWorkload, records: HypercareRecords)] = []
        for workload in workloads {
            let store = PostgresHypercareStore(connection: connection, workload: workload.name, location: location)
            result.append((workload, try await store.records()))
        }
        return result
    }

    /// Removes every record of this store's workload (a workload retired from the shared history).
    public func deleteWorkload() async throws {
        try await transaction { connection, logger in
            for table in Self.tables + ["hypercare_incident_log", "hypercare_maintenance_log", "hypercare_workload"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE workload = $1", binds: self.binds(self.workload)), logger: logger)
            }
        }
    }

    private func binds(_ text: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(text)
        return bindings
    }

    private func rowCount() async throws -> Int {
        let sum = Self.tables.map { "(SELECT COUNT(*) FROM \($0) WHERE workload = $1)" }.joined(separator: " + ")
        return try await count(PostgresQuery(unsafeSQL: "SELECT " + sum, binds: binds(workload)))
    }

    private func count(_ sql: PostgresQuery) async throws -> Int {
        for try await value in try await query(sql).decode(Int.self) { return value }
        return 0
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
