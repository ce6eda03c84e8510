import Foundation
import OpsCore

/// Where hypercare records are kept between runs. An import makes the stored records equal to the records given
/// (added, changed and removed rows), in one transaction (all of a file set or nothing), and is kept as a dated import,
/// so the history still answers what was known on any earlier day. Re-importing the same records changes nothing.
public protocol HypercareStore {
    /// Makes the stored records equal to `records`, and records what the workload is (go-live, time zone) when given,
    /// in one transaction; on any error the store is as it was.
    func importRecords(_ records: HypercareRecords, workload: HypercareWorkload?) async throws -> HypercareImportSummary
    /// The records as the latest import left them, or as they were known at `knownOn` (the imports made by then).
    func records(knownOn: Date?) async throws -> HypercareRecords
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

    /// Imports the records alone.
    public func importRecords(_ records: HypercareRecords) async throws -> HypercareImportSummary {
        try await importRecords(records, workload: nil)
    }

    /// The records as the latest import left them.
    public func records() async throws -> HypercareRecords {
        try await records(knownOn: nil)
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

/// What an import changed: rows added, changed and removed, and how many the workload has now.
public struct HypercareImportSummary: Sendable, Equatable {
    public let added: Int
    public let changed: Int
    public let removed: Int
    public let rowsAfter: Int

    public init(added: Int, changed: Int, removed: Int, rowsAfter: Int) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.rowsAfter = rowsAfter
    }

    /// `3 added, 1 changed, 1 removed, 1204 in all`.
    public var text: String { "\(added) added, \(changed) changed, \(removed) removed, \(rowsAfter) in all" }
}
