import Foundation
import OpsCore
import OpsHypercare
import OpsPortfolio

/// The JSON of `opsready serve`'s API (`/api/…`), as `docs/openapi.yaml` describes it.
public enum PortfolioJSON {
    /// `/api/workloads`: one object per workload the query selects.
    public static func workloads(_ overview: PortfolioOverview, query: PortfolioQuery) -> String {
        JSONValue.object([("workloads", .array(overview.rows(query).map(row)))]).renderedOnOneLine()
    }

    /// `/api/workloads/{name}`: the row, every stored assessment's summary, and the latest record.
    public static func workload(_ row: PortfolioOverview.Row, latestRecord: String?) -> String {
        let head = JSONValue.object(Self.fields(of: row) + [("assessments", .array(row.assessments.map(summary)))]).renderedOnOneLine()
        // The stored record is JSON already: it goes in as it was kept.
        return String(head.dropLast()) + ",\"latest_record\":" + (latestRecord ?? "null") + "}"
    }

    /// `/api/workloads/{name}/assessments/{id}`: the summary and the stored record.
    public static func assessment(_ summary: AssessmentSummary, record: String) -> String {
        let head = Self.summary(summary).renderedOnOneLine()
        return String(head.dropLast()) + ",\"record\":" + record + "}"
    }

    /// `/api/workloads/{name}/hypercare`: the status as `hypercare status --format json` prints it.
    public static func hypercare(_ status: HypercareStatus, language: Language) -> String {
        HypercareJSONReporter(options: ReportOptions(language: language)).render(status)
    }

    /// An error body: `{"error": "…"}`.
    public static func error(_ message: String) -> String {
        JSONValue.object([("error", .string(message))]).renderedOnOneLine()
    }

    private static func row(_ row: PortfolioOverview.Row) -> JSONValue { .object(fields(of: row)) }

    private static func fields(of row: PortfolioOverview.Row) -> [(String, JSONValue)] {
        let latest = row.latest
        return [
            ("name", .string(row.workload)),
            ("verdict", .optional(latest?.verdict)),
            ("score", latest?.score.map(JSONValue.double) ?? .null),
            ("high_risks", latest.map { .int($0.highRisks) } ?? .null),
            ("medium_risks", latest.map { .int($0.mediumRisks) } ?? .null),
            ("expired_waivers", latest.map { .int($0.expiredWaivers) } ?? .null),
            ("probes", probes(latest)),
            ("assessed_at", latest.map { .string(timestamp($0.recordedAt)) } ?? .null),
            ("assessment_count", .int(row.assessments.count)),
            ("score_trend", .array(row.assessments.map { $0.score.map(JSONValue.double) ?? .null })),
            ("hypercare", hypercareSummary(row)),
        ]
    }

    private static func probes(_ summary: AssessmentSummary?) -> JSONValue {
        guard let summary, let passed = summary.probesPassed, let failed = summary.probesFailed else { return .null }
        return .object([("passed", .int(passed)), ("failed", .int(failed))])
    }

    private static func hypercareSummary(_ row: PortfolioOverview.Row) -> JSONValue {
        if let failure = row.hypercareError { return .object([("error", .string(failure))]) }
        guard let s = row.hypercare else { return .null }
        return .object([
            ("go_live", .string(s.goLive.description)), ("week", .int(s.week)), ("phase", .string(PortfolioOverview.phase(of: row))),
            ("exit_ready", .bool(s.exitReady)), ("blockers", .int(s.blockers.count)),
            ("projected_exit", .optional(s.projectedExitDate?.description)),
        ])
    }

    private static func summary(_ a: AssessmentSummary) -> JSONValue {
        .object([
            ("id", .int(Int(a.id))), ("workload", .string(a.workload)), ("recorded_at", .string(timestamp(a.recordedAt))), ("as_of", .string(a.asOf)),
            ("recorded_by", .string(a.recordedBy)), ("verdict", .string(a.verdict)), ("score", a.score.map(JSONValue.double) ?? .null),
            ("high_risks", .int(a.highRisks)), ("medium_risks", .int(a.mediumRisks)), ("expired_waivers", .int(a.expiredWaivers)),
            ("failing", .int(a.failing)), ("probes", probes(a)), ("milestone", .optional(a.milestone)),
        ])
    }

    private static func timestamp(_ date: Date) -> String { UTCTimestamp.iso8601(date) }
}
