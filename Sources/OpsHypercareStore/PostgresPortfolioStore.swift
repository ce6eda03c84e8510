import Foundation
import Logging
import OpsCore
import OpsDocument
import OpsHypercare
import OpsPortfolio
import PostgresNIO
import Synchronization

/// The portfolio in the shared PostgreSQL history: a pool of connections, so several requests (and several `serve`
/// processes on one database) read at once; the database is the only state.
public final class PostgresPortfolioStore: PortfolioStore {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let location: PostgresLocation
    private let counter = Atomic<Int>(0)
    private static let quiet = Logger(label: "opsready.portfolio.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(client: PostgresClient, location: PostgresLocation) {
        self.client = client
        self.location = location
        running = Task { await client.run() }
    }

    /// Brings the schema up to date over one connection, then opens the pool.
    public static func connect(url: String) async throws -> PostgresPortfolioStore {
        try await PostgresHypercareStore.connect(url: url, workload: "").close()
        let location = try PostgresLocation(url: url)
        return PostgresPortfolioStore(client: PostgresClient(configuration: try location.clientConfiguration(), backgroundLogger: quiet), location: location)
    }

    public var queries: Int { counter.load(ordering: .relaxed) }

    public func append(_ summary: AssessmentSummary, body: String) async throws -> Int64 {
        var id: Int64 = 0
        for try await value in try await query("""
            INSERT INTO opsready_assessment (workload, recorded_at, as_of, recorded_by, verdict, score, high_risks, medium_risks, expired_waivers,
              failing, probes_passed, probes_failed, milestone, inputs, body)
            VALUES (\(summary.workload), \(summary.recordedAt), \(summary.asOf), \(summary.recordedBy), \(summary.verdict), \(summary.score),
              \(summary.highRisks), \(summary.mediumRisks), \(summary.expiredWaivers), \(summary.failing), \(summary.probesPassed),
              \(summary.probesFailed), \(summary.milestone), \(summary.inputs), \(body))
            RETURNING id
            """).decode(Int64.self) { id = value }
        return id
    }

    public func summaries(workload: String?) async throws -> [AssessmentSummary] {
        let sql: PostgresQuery = if let workload {
            "SELECT \(unescaped: AssessmentSummary.columns) FROM opsready_assessment WHERE workload = \(workload) ORDER BY id"
        } else {
            "SELECT \(unescaped: AssessmentSummary.columns) FROM opsready_assessment ORDER BY workload, id"
        }
        var result: [AssessmentSummary] = []
        do {
            for try await row in try await query(sql) {
                let r = row.makeRandomAccess()
                result.append(AssessmentSummary(
                    id: try r["id"].decode(Int64.self), workload: try r["workload"].decode(String.self),
                    recordedAt: try r["recorded_at"].decode(Date.self), asOf: try r["as_of"].decode(String.self),
                    recordedBy: try r["recorded_by"].decode(String.self), verdict: try r["verdict"].decode(String.self),
                    score: try r["score"].decode(Double?.self), highRisks: try r["high_risks"].decode(Int.self),
                    mediumRisks: try r["medium_risks"].decode(Int.self), expiredWaivers: try r["expired_waivers"].decode(Int.self),
                    failing: try r["failing"].decode(Int.self), probesPassed: try r["probes_passed"].decode(Int?.self),
                    probesFailed: try r["probes_failed"].decode(Int?.self), milestone: try r["milestone"].decode(String?.self),
                    inputs: try r["inputs"].decode(String.self)))
            }
        } catch {
            throw location.error(error)
        }
        return result
    }

    public func body(workload: String, id: Int64) async throws -> String? {
        var body: String?
        do {
            for try await text in try await query("SELECT body FROM opsready_assessment WHERE workload = \(workload) AND id = \(id)").decode(String.self) {
                body = text
            }
        } catch {
            throw location.error(error)
        }
        return body
    }

    public func hypercare(workloads names: [String]?) async throws -> [(workload: HypercareWorkload, records: HypercareRecords)] {
        let wanted = names.map(Set.init)
        var workloads: [HypercareWorkload] = []
        var rows: [String: [HypercareRecordRow]] = [:]
        do {
            for try await (name, goLive, timeZone) in try await query("SELECT workload, go_live::TEXT, timezone FROM hypercare_workload ORDER BY workload")
                .decode((String, String, String).self) where wanted?.contains(name) ?? true {
                if let day = CalendarDate(goLive) { workloads.append(HypercareWorkload(name: name, goLive: day, timeZone: timeZone)) }
            }
            if workloads.isEmpty { return [] }
            let sql: PostgresQuery = if let names {
                "SELECT workload, kind, key, body FROM hypercare_record WHERE known_until IS NULL AND workload = ANY(\(names))"
            } else {
                "SELECT workload, kind, key, body FROM hypercare_record WHERE known_until IS NULL"
            }
            for try await (name, kind, key, body) in try await query(sql).decode((String, String, String, String).self) {
                rows[name, default: []].append(HypercareRecordRow(kind: kind, key: key, body: body))
            }
        } catch {
            throw location.error(error)
        }
        return try workloads.map { ($0, try HypercareRecordRows.decode(rows[$0.name] ?? [], origin: "\(location.redacted) (workload \($0.name))")) }
    }

    public func version() async throws -> String {
        var version = ""
        do {
            for try await text in try await query("""
                SELECT (SELECT COALESCE(MAX(id), 0) FROM opsready_assessment)::TEXT || '.' || (SELECT COALESCE(MAX(id), 0) FROM hypercare_import)::TEXT
                """).decode(String.self) { version = text }
        } catch {
            throw location.error(error)
        }
        return version
    }

    public func hypercareMarkers() async throws -> [String: Int64] {
        var markers: [String: Int64] = [:]
        do {
            for try await (name, id) in try await query("SELECT workload, MAX(id) FROM hypercare_import GROUP BY workload").decode((String, Int64).self) {
                markers[name] = id
            }
        } catch {
            throw location.error(error)
        }
        return markers
    }

    public func close() async {
        running.cancel()
        await running.value
    }

    private func query(_ sql: PostgresQuery) async throws -> PostgresRowSequence {
        counter.add(1, ordering: .relaxed)
        do { return try await client.query(sql, logger: Self.quiet) } catch { throw location.error(error) }
    }
}
