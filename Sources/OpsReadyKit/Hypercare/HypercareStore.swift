/// Where hypercare records are kept between runs: imports are transactional (all of a file set or nothing) and
/// idempotent (re-importing the same records changes nothing), and reading gives the records the status is
/// computed from.
public protocol HypercareStore {
    /// Adds or updates the records, and what the workload is (go-live, time zone) when given, in one transaction;
    /// on any error the store is as it was.
    func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) async throws -> HypercareImportSummary
    /// Everything stored.
    func records() async throws -> HypercareRecords
    /// Lets go of the connection or file.
    func close() async
}

extension HypercareStore {
    public func close() async {}

    /// Runs `body` on the store, then closes it, whether `body` succeeded or threw.
    public func closing<T>(_ body: (Self) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }

    /// Adds or updates the records alone.
    public func importRecords(_ records: HypercareRecords) async throws -> HypercareImportSummary {
        try await importRecords(records, workload: nil)
    }
}

/// A workload as the history knows it: enough to compute its status without its manifest.
public struct HypercareWorkload: Sendable, Equatable {
    public let name: String
    public let goLive: CalendarDate
    /// An IANA time zone name (`Asia/Seoul`).
    public let timeZone: String

    public init(name: String, goLive: CalendarDate, timeZone: String) {
        self.name = name
        self.goLive = goLive
        self.timeZone = timeZone
    }
}

/// What an import held, and how many rows the store had before and after it.
public struct HypercareImportSummary: Sendable, Equatable {
    public let rowsBefore: Int
    public let rowsAfter: Int

    public init(rowsBefore: Int, rowsAfter: Int) {
        self.rowsBefore = rowsBefore
        self.rowsAfter = rowsAfter
    }
}
