/// A store whose imports call back after every row written, so tests can interrupt an import half-way.
protocol ImportFaultHook: AnyObject {
    /// Called after each row an import writes; a thrown error aborts the import.
    var afterEachRow: (() throws -> Void)? { get set }
}

extension SQLiteHypercareStore: ImportFaultHook {}
extension PostgresHypercareStore: ImportFaultHook {}
