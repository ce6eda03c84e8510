import OpsCore
import OpsDocument

/// The coverage proof: every component × every signal its kind needs, with the alerts that cover the cell (where
/// written, threshold, duration, and where they are routed) or nothing. Alerts on no component are the workload's
/// row; alerts that cover no signal are listed apart and never counted.
public struct AlertCoverage: Sendable {
    public struct Alert: Sendable {
        public let name: String
        public let source: String
        public let location: SourceLocation
        public let signal: String
        public let threshold: Double?
        public let unit: String?
        public let comparison: String?
        public let duration: Int
        public let receiver: String?
        public let channels: [String]
        /// Why it covers nothing, for the alerts that do not.
        public let reason: String?
    }

    public struct Cell: Sendable {
        public let signal: String
        /// Whether the component's kind needs this signal.
        public let required: Bool
        public let alerts: [Alert]
    }

    public struct Row: Sendable {
        public let type: String
        public let id: String
        public let location: SourceLocation?
        public let cells: [Cell]

        /// Required cells with no alert.
        public var missing: [String] { cells.filter { $0.required && $0.alerts.isEmpty }.map(\.signal) }
    }

    public let signals: [String]
    public let rows: [Row]
    /// Alerts scoped to no component (a whole-account metric, a sum over every job), by signal.
    public let workload: Row
    /// Alerts that cover no signal, with the reason.
    public let uncounted: [Alert]

    /// The rows to show: the components, and the workload's row when some alert is on no component.
    public var shownRows: [Row] { rows + (workload.cells.contains { !$0.alerts.isEmpty } ? [workload] : []) }

    /// The columns to show: the signals some row needs or has an alert for.
    public var shownSignals: [String] {
        signals.filter { s in shownRows.contains { r in r.cells.contains { $0.signal == s && ($0.required || !$0.alerts.isEmpty) } } }
    }

    /// Cells some component needs, and those of them with no alert.
    public var requiredCells: Int { rows.reduce(0) { $0 + $1.cells.filter(\.required).count } }
    public var missingCells: Int { rows.reduce(0) { $0 + $1.missing.count } }

    /// The matrix of a snapshot's components and alerts, per the dictionary's `components` table.
    public static func build(_ snapshot: Snapshot, dictionary: MetricDictionary) -> AlertCoverage {
        // The matrix's columns: the declared signals, each followed by the `a|b` alternatives a component names.
        var signals: [String] = []
        for signal in dictionary.signalOrder {
            let alternatives = dictionary.components.flatMap(\.signals).filter { $0.contains("|") && $0.split(separator: "|").first.map(String.init) == signal }
            for column in [signal] + alternatives where !signals.contains(column) { signals.append(column) }
        }
        let facts = snapshot.indexByType[AlertFacts.type] ?? []
        // Which columns each signal falls in, and each alert's signal and summary, worked out once rather than per cell.
        var columnsOf: [String: [Int]] = [:]
        for (c, signal) in signals.enumerated() {
            for name in Set(signal.split(separator: "|").map(String.init)) { columnsOf[name, default: []].append(c) }
        }
        var read: [Int: (columns: [Int], alert: Alert)] = [:]
        func alert(_ index: Int) -> (columns: [Int], alert: Alert) {
            if let known = read[index] { return known }
            let fact = snapshot.resources[index]
            let found = (columns: fact.properties?["Signal"]?.string.flatMap { columnsOf[$0] } ?? [], alert: summary(fact))
            read[index] = found
            return found
        }
        func cells(_ alerts: [Int], required: [Bool]) -> [Cell] {
            var byColumn = [[Alert]](repeating: [], count: signals.count)
            for index in alerts {
                let (columns, alert) = alert(index)
                for c in columns { byColumn[c].append(alert) }
            }
            return signals.indices.map { Cell(signal: signals[$0], required: required[$0], alerts: byColumn[$0]) }
        }
        var rows: [Row] = []
        for (type, needed) in dictionary.components {
            // Which columns a component of this type needs, once per type rather than per component.
            let needed = Set(needed)
            let required = signals.map(needed.contains)
            for index in snapshot.indexByType[type] ?? [] {
                let resource = snapshot.resources[index]
                rows.append(Row(type: type, id: resource.id, location: resource.location,
                                cells: cells(snapshot.alertsByTarget[index] ?? [], required: required)))
            }
        }
        let unscoped = facts.filter { (snapshot.resources[$0].properties?["Targets"]?.items ?? []).isEmpty }
        let workload = Row(type: "workload", id: "workload", location: nil, cells: cells(unscoped, required: signals.map { _ in false }))
        let uncounted = facts.filter { snapshot.resources[$0].properties?["Signal"]?.string == "other" }.map { alert($0).alert }
        return AlertCoverage(signals: signals, rows: rows, workload: workload, uncounted: uncounted)
    }

    static func summary(_ fact: Resource) -> Alert {
        let p = fact.properties
        let number: (String) -> Double? = { key in p?[key].flatMap(AlertFacts.number) }
        return Alert(name: p?["Name"]?.string ?? fact.id, source: p?["Source"]?.string ?? "", location: fact.location,
                     signal: p?["Signal"]?.string ?? "other", threshold: number("Threshold"), unit: p?["Unit"]?.string,
                     comparison: p?["Comparison"]?.string, duration: number("Duration").map { Int($0) } ?? 0,
                     receiver: p?["Receiver"]?.string, channels: p?["Channels"]?.items?.compactMap(\.string) ?? [],
                     reason: p?["Reason"]?.string)
    }
}
