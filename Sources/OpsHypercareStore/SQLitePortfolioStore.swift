import Foundation
import GRDB
import OpsCore
import OpsDocument
import OpsHypercare
import OpsPortfolio
import Synchronization

/// The portfolio in a SQLite file: the assessment table beside the hypercare records (one schema, by the hypercare
/// history's migrations). Readers run in parallel (WAL); appends wait behind another writer.
public final class SQLitePortfolioStore: PortfolioStore {
    private let pool: DatabasePool
    private let path: String
    private let counter = Atomic<Int>(0)

    /// Opens (creating when new) the file at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        pool = try SQLiteHypercareStore.openMigrated(path, readers: 8)
    }

    public var queries: Int { counter.load(ordering: .relaxed) }

    public func append(_ summary: AssessmentSummary, body: String) throws -> Int64 {
        try read(writing: true) { db in
            try db.execute(sql: """
                INSERT INTO assessment (workload, recorded_at, as_of, recorded_by, verdict, score, high_risks, medium_risks, expired_waivers,
                  failing, probes_passed, probes_failed, milestone, inputs, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [summary.workload, summary.recordedAt.timeIntervalSince1970, summary.asOf, summary.recordedBy, summary.verdict,
                                 summary.score, summary.highRisks, summary.mediumRisks, summary.expiredWaivers, summary.failing,
                                 summary.probesPassed, summary.probesFailed, summary.milestone, summary.inputs, body])
            return db.lastInsertedRowID
        }
    }

    public func summaries(workload: String?) throws -> [AssessmentSummary] {
        try read { db in
            let columns = AssessmentSummary.columns
            let rows = if let workload {
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM assessment WHERE workload = ? ORDER BY id", arguments: [workload])
            } else {
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM assessment ORDER BY workload, id")
            }
            // By position, in the order of the columns (a lookup by name costs more than the row).
            return rows.map { row in
                AssessmentSummary(id: row[0], workload: row[1], recordedAt: Date(timeIntervalSince1970: row[2]), asOf: row[3], recordedBy: row[4],
                                  verdict: row[5], score: row[6], highRisks: row[7], mediumRisks: row[8], expiredWaivers: row[9], failing: row[10],
                                  probesPassed: row[11], probesFailed: row[12], milestone: row[13], inputs: row[14])
            }
        }
    }

    public func body(workload: String, id: Int64) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT body FROM assessment WHERE workload = ? AND id = ?", arguments: [workload, id]) }
    }

    public func hypercare(workloads names: [String]?) throws -> [(workload: HypercareWorkload, records: HypercareRecords)] {
        let wanted = names.map(Set.init)
        let workloads = try SQLiteHypercareStore.workloads(in: pool, path: path).filter { wanted?.contains($0.name) ?? true }
        counter.add(1, ordering: .relaxed)
        if workloads.isEmpty { return [] }
        let rows = try read { db in
            var sql = "SELECT workload, kind, key, body FROM record WHERE known_until IS NULL"
            if let names { sql += " AND workload IN (\(databaseQuestionMarks(count: names.count)))" }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(names ?? []))
                .map { (workload: $0[0] as String, row: HypercareRecordRow(kind: $0[1], key: $0[2], body: $0[3])) }
        }
        let byWorkload = Dictionary(grouping: rows, by: \.workload)
        return try workloads.map { described in
            (described, try HypercareRecordRows.decode(byWorkload[described.name]?.map(\.row) ?? [], origin: "\(path) (workload \(described.name))"))
        }
    }

    public func version() throws -> String {
        try read { db in
            try String.fetchOne(db, sql: "SELECT (SELECT ifnull(MAX(id), 0) FROM assessment) || '.' || (SELECT ifnull(MAX(id), 0) FROM import)") ?? ""
        }
    }

    public func hypercareMarkers() throws -> [String: Int64] {
        try read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT workload, MAX(id) FROM import GROUP BY workload").map { ($0[0] as String, $0[1] as Int64) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    public func close() async {
        try? pool.close()
    }

    /// Runs one query (counted); SQLite's errors as one-line input errors naming the file.
    private func read<T>(writing: Bool = false, _ body: (Database) throws -> T) throws -> T {
        counter.add(1, ordering: .relaxed)
        return try SQLiteHypercareStore.reported(path) { writing ? try pool.write(body) : try pool.read(body) }
    }
}
