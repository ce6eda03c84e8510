import OpsCore
import OpsHypercare

/// Where `--store` points: a `postgres://` (or `postgresql://`) URL is the shared PostgreSQL history, anything else
/// is a SQLite file.
public enum HypercareHistory {
    /// Opens the history at `location` for `workload` (the PostgreSQL history holds many workloads; a SQLite file one).
    public static func open(_ location: String, workload: String) async throws -> any HypercareStore {
        if isPostgres(location) { return try await PostgresHypercareStore.connect(url: location, workload: workload) }
        return try SQLiteHypercareStore(path: location, workload: workload)
    }

    /// Every workload the history at `location` holds, with its records.
    public static func everyWorkload(_ location: String) async throws -> [(workload: HypercareWorkload, records: HypercareRecords)] {
        let store = try await Portfolio.open(location)
        do {
            let result = try await store.hypercare(workloads: nil)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// How errors and messages name the history: the file, or the PostgreSQL history (never its URL, which may hold a
    /// password).
    public static func name(_ location: String) -> String {
        isPostgres(location) ? "the PostgreSQL history" : location
    }

    /// Whether `location` names a PostgreSQL database rather than a file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }
}
