import OpsAssessment
import OpsCore

/// The coverage matrix for programs: components with a cell per signal, the workload's row, the uncounted alerts.
public struct CoverageJSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "Components with a cell per signal (required, alerts), the workload's row, the uncounted alerts."

    public init(options: ReportOptions) {}

    public func render(_ coverage: AlertCoverage) -> String {
        JSONValue.object([
            ("signals", .array(coverage.signals.map(JSONValue.string))),
            ("components", .array(coverage.rows.map(Self.row))),
            ("workload", Self.row(coverage.workload)),
            ("uncounted", .array(coverage.uncounted.map(Self.alert))),
            ("missing", .int(coverage.missingCells)),
        ]).rendered()
    }

    static func row(_ row: AlertCoverage.Row) -> JSONValue {
        .object([
            ("type", .string(row.type)), ("id", .string(row.id)),
            ("location", row.location.map { .string("\($0.file):\($0.line):\($0.column)") } ?? .null),
            ("cells", .array(row.cells.filter { $0.required || !$0.alerts.isEmpty }.map { cell in
                .object([("signal", .string(cell.signal)), ("required", .bool(cell.required)), ("alerts", .array(cell.alerts.map(alert)))])
            })),
            ("missing", .array(row.missing.map(JSONValue.string))),
        ])
    }

    static func alert(_ a: AlertCoverage.Alert) -> JSONValue {
        .object([
            ("name", .string(a.name)), ("source", .string(a.source)), ("location", .string("\(a.location.file):\(a.location.line):\(a.location.column)")),
            ("signal", .string(a.signal)), ("threshold", a.threshold.map(JSONValue.double) ?? .null), ("unit", a.unit.map(JSONValue.string) ?? .null),
            ("comparison", a.comparison.map(JSONValue.string) ?? .null), ("duration_seconds", .int(a.duration)),
            ("receiver", a.receiver.map(JSONValue.string) ?? .null), ("channels", .array(a.channels.map(JSONValue.string))),
            ("reason", a.reason.map(JSONValue.string) ?? .null),
        ])
    }
}
