/// Where hypercare records are kept between runs: imports are transactional (all of a file set or nothing) and
/// idempotent (re-importing the same records changes nothing), and reading gives the records the status is
/// computed from.
public protocol HypercareStore {
    /// Adds or updates the records; on any error the store is as it was.
    func importRecords(_ records: HypercareRecords) async throws -> HypercareImportSummary
    /// Everything stored.
    func records() async throws -> HypercareRecords
    /// Lets go of the connection or file.
    func close() async
}

extension HypercareStore {
    public func close() async {}
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
