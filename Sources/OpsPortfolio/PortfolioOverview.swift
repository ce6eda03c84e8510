import Foundation
import OpsCore
import OpsDocument
import OpsHypercare

/// Every workload of a store at a glance: its assessments (the latest decides the row) and its hypercare status.
/// A workload appears once it has an assessment or hypercare records with a go-live.
public struct PortfolioOverview: Sendable {
    public struct Row: Sendable {
        public let workload: String
        /// Oldest first.
        public let assessments: [AssessmentSummary]
        public let hypercare: HypercareStatus?
        /// Why the hypercare status could not be judged (records the plan cannot place), when it could not.
        public let hypercareError: String?

        public var latest: AssessmentSummary? { assessments.last }
    }

    public let plan: HypercarePlan
    /// By workload name.
    public let rows: [Row]

    /// A workload's hypercare as judged: its status, or why its records could not be judged.
    public enum Judgement: Sendable {
        case status(HypercareStatus)
        case unusable(String)
    }

    /// The rows from the store's summaries and hypercare already judged (by workload).
    public static func compute(summaries: [AssessmentSummary], judged: [String: Judgement], plan: HypercarePlan) -> PortfolioOverview {
        let assessed = Dictionary(grouping: summaries, by: \.workload)
        let rows = Set(assessed.keys).union(judged.keys).sorted().map { name in
            var status: HypercareStatus?
            var failure: String?
            switch judged[name] {
            case .status(let judgedStatus)?: status = judgedStatus
            case .unusable(let reason)?: failure = reason
            case nil: break
            }
            return Row(workload: name, assessments: (assessed[name] ?? []).sorted { $0.id < $1.id }, hypercare: status, hypercareError: failure)
        }
        return PortfolioOverview(plan: plan, rows: rows)
    }

    /// One workload's hypercare status at `now` (or noon of `asOf` in its time zone).
    public static func judge(_ entry: (workload: HypercareWorkload, records: HypercareRecords), plan: HypercarePlan, choices: SeedChoices = SeedChoices(),
                             now: Date, asOf: CalendarDate?) -> Judgement {
        do {
            guard let status = try HypercareOverview.compute(plan: plan, choices: choices, workloads: [entry], now: now, asOf: asOf, origin: "the store")
                .rows.first?.status else {
                return .unusable("no status")
            }
            return .status(status)
        } catch {
            return .unusable(error.diagnostic)
        }
    }

    /// The rows a query selects, in its order.
    public func rows(_ query: PortfolioQuery) -> [Row] {
        let selected = rows.filter { row in
            (query.verdict == nil || row.latest?.verdict == query.verdict) && (query.phase == nil || Self.phase(of: row) == query.phase)
        }
        let ordered = selected.sorted { a, b in
            switch query.sort {
            case .name: return a.workload < b.workload
            case .score: return (a.latest?.score ?? -1, a.workload) < (b.latest?.score ?? -1, b.workload)
            case .verdict: return (Self.verdictRank(a.latest?.verdict), a.workload) < (Self.verdictRank(b.latest?.verdict), b.workload)
            case .high: return (a.latest?.highRisks ?? -1, a.workload) < (b.latest?.highRisks ?? -1, b.workload)
            case .week: return (a.hypercare?.week ?? -1, a.workload) < (b.hypercare?.week ?? -1, b.workload)
            }
        }
        return query.descending ? ordered.reversed() : ordered
    }

    /// The phase a row is filtered by: the plan's phase id, `before`, `after`, or `none` without hypercare records.
    public static func phase(of row: Row) -> String {
        guard let status = row.hypercare else { return "none" }
        if let phase = status.phase { return phase.id }
        return status.week == 0 ? "before" : "after"
    }

    /// Worst first when sorted ascending: NOT_READY, CONDITIONAL, READY, then workloads never assessed.
    static func verdictRank(_ verdict: String?) -> Int {
        switch verdict {
        case "NOT_READY": return 0
        case "CONDITIONAL": return 1
        case "READY": return 2
        default: return 3
        }
    }
}

/// How the portfolio page and `/api/workloads` sort and filter: `?sort=score&order=desc&verdict=NOT_READY&phase=stabilization`.
public struct PortfolioQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable { case name, score, verdict, high, week }

    public var sort: Sort = .name
    public var descending = false
    public var verdict: String?
    public var phase: String?

    public init() {}

    /// Reads the query parameters; an unknown sort, order or verdict is an error naming it (a 400, not an empty page).
    public init(parameters: [(name: String, value: String)]) throws(PortfolioQueryError) {
        for (name, value) in parameters {
            switch name {
            case "sort":
                guard let sort = Sort(rawValue: value) else { throw PortfolioQueryError("sort must be one of \(Sort.allCases.map(\.rawValue).joined(separator: ", "))") }
                self.sort = sort
            case "order":
                guard ["asc", "desc"].contains(value) else { throw PortfolioQueryError("order must be asc or desc") }
                descending = value == "desc"
            case "verdict":
                if value.isEmpty { continue }
                guard ["READY", "CONDITIONAL", "NOT_READY"].contains(value) else { throw PortfolioQueryError("verdict must be READY, CONDITIONAL or NOT_READY") }
                verdict = value
            case "phase":
                if value.isEmpty { continue }
                guard value.count <= 64, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw PortfolioQueryError("phase must be a phase id of the plan, before, after or none")
                }
                phase = value
            default:
                continue
            }
        }
    }
}

/// A query parameter the portfolio does not understand.
public struct PortfolioQueryError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
