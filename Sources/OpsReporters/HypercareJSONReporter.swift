import Foundation
import OpsCore
import OpsHypercare

/// The hypercare status for programs: every KPI with its judged value and series (each point with its source).
public struct HypercareJSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "Every KPI with its series, for programs."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ s: HypercareStatus) -> String {
        let plan = s.plan
        return JSONValue.object([
            ("workload", .string(s.workload)), ("go_live", .string(s.goLive.description)), ("as_of", .string(s.asOf.description)),
            ("plan", .string(plan.id)), ("plan_title", .string(plan.title.text(language))), ("week", .int(s.week)), ("weeks", .int(plan.weeks)),
            ("judged_week", .int(s.judgedWeek)), ("phase", .optional(s.phase?.id)),
            ("exit_ready", .bool(s.exitReady)), ("exit_week", s.exitWeek.map(JSONValue.int) ?? .null),
            ("projected_exit", .optional(s.projectedExitDate?.description)), ("projected_exit_week", s.projectedExitWeek.map(JSONValue.int) ?? .null),
            ("activities", .array(s.activities.map(Self.activityJSON))),
            ("incidents", .array(s.incidents.map(Self.incidentJSON))),
            ("reliability", s.reliability.map { r in
                .object([("operating_hours", .double(r.operatingHours)), ("failures", .int(r.failures)), ("mtbf_hours", r.mtbfHours.map(JSONValue.double) ?? .null),
                         ("mtbf_target_hours", .double(r.target.mtbfHours)), ("mtbf_met", .bool(r.mtbfMet)), ("resolved", .int(r.resolved)),
                         ("auto_recovered", .int(r.autoRecovered)), ("auto_recovery_percent", r.autoRecoveryPercent.map(JSONValue.double) ?? .null),
                         ("auto_recovery_target_percent", .double(r.target.autoRecoveryPercent)), ("auto_recovery_met", .bool(r.autoRecoveryMet)),
                         ("seed", .string(r.target.seed))])
            } ?? .null),
            ("maintenance_notices", .array(s.maintenanceNotices.map { n in
                .object([("id", .string(n.window.id)), ("hours_ahead", n.hoursAhead.map(JSONValue.double) ?? .null)])
            })),
            ("kpis", .array(s.kpis.map { k in
                .object([
                    ("id", .string(k.kpi.id)), ("title", .string(k.kpi.title.text(language))), ("state", .string(k.state.rawValue)),
                    ("trend", .string(k.trend.rawValue)), ("min", k.kpi.min.map(JSONValue.double) ?? .null), ("max", k.kpi.max.map(JSONValue.double) ?? .null),
                    ("reduce_by", k.kpi.reduceBy.map(JSONValue.double) ?? .null), ("judged", k.judged.map(Self.pointJSON) ?? .null),
                    ("judged_period", .string(k.judgedLabel)),
                    ("seed", .string(plan.citation(k.kpi.seed))),
                    ("per", .string(k.kpi.monthly ? "month" : "week")),
                    ("series", .array(k.series.map(Self.pointJSON))),
                ])
            })),
            ("checklist", .array(s.checklist.map { .object([("id", .string($0.item.id)), ("done", .bool($0.done))]) })),
            ("blockers", .array(s.blockers.map { .string($0.text(language)) })),
        ]).rendered()
    }

    static func pointJSON(_ p: HypercarePoint) -> JSONValue {
        .object([("period", .int(p.period)), ("label", .string(p.label)), ("value", .double(p.value)), ("partial", .bool(p.partial)),
                 ("source", .string(p.source.rawValue)), ("count", p.count.map(JSONValue.int) ?? .null)])
    }

    static func incidentJSON(_ r: HypercareStatus.IncidentReview) -> JSONValue {
        .object([
            ("id", .string(r.incident.id)), ("priority", .string(r.incident.priority)), ("outage", .bool(r.incident.outage)),
            ("response_minutes", r.responseMinutes.map(JSONValue.double) ?? .null), ("target", .optional(r.target?.shortText)),
            ("late", .bool(r.late)), ("escalation", .optional(r.escalation?.level)),
            ("lapses", .array(r.lapses.map { JSONValue.string($0.code) })), ("review", .optional(r.incident.review)),
            ("auto_recovered", .bool(r.incident.autoRecovered)),
        ])
    }

    static func activityJSON(_ a: HypercareStatus.ActivityDue) -> JSONValue {
        .object([("id", .string(a.activity.id)), ("due", .string(a.due.description)), ("state", .string(a.state.rawValue)), ("this_week", .bool(a.thisWeek))])
    }
}
