import OpsHypercare
import OpsPortfolio

/// What a portfolio is read from and assessments are kept in: the same SQLite file or PostgreSQL database as the
/// hypercare history. Every read is a fixed number of queries, whatever the number of workloads (`queries` counts them).
public protocol PortfolioStore: Sendable {
    /// Keeps an assessment (append-only) and returns its id.
    func append(_ summary: AssessmentSummary, body: String) async throws -> Int64
    /// The summaries of every workload's assessments (or of one workload's), oldest first within a workload: one query.
    func summaries(workload: String?) async throws -> [AssessmentSummary]
    /// The full record of one assessment of `workload`, or nil when it holds none with that id: one query.
    func body(workload: String, id: Int64) async throws -> String?
    /// Every workload's hypercare go-live and current records (or those of `workloads`): two queries.
    func hypercare(workloads: [String]?) async throws -> [(workload: HypercareWorkload, records: HypercareRecords)]
    /// The latest hypercare import of each workload, which changes whenever its records or go-live do: one query.
    func hypercareMarkers() async throws -> [String: Int64]
    /// Changes whenever an assessment is kept or hypercare records are imported: one query.
    func version() async throws -> String
    /// Queries run so far, for tests that bound them.
    var queries: Int { get }
    /// Lets go of the connections or file.
    func close() async
}

/// Opens the portfolio store at `--store`'s location.
public enum Portfolio {
    public static func open(_ location: String) async throws -> any PortfolioStore {
        if HypercareHistory.isPostgres(location) { return try await PostgresPortfolioStore.connect(url: location) }
        return try SQLitePortfolioStore(path: location)
    }
}

extension AssessmentSummary {
    /// The columns a summary is read from, in the order both stores decode them.
    static let columns = "id, workload, recorded_at, as_of, recorded_by, verdict, score, high_risks, medium_risks, expired_waivers, failing, "
        + "probes_passed, probes_failed, milestone, inputs"
}
