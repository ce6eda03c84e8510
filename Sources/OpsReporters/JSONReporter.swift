import OpsAssessment
import OpsCore
import OpsDocument

/// The JSON report: the stable contract, described by `docs/report.schema.json`.
public struct JSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "Everything, for programs (the input of `opsready diff` and `--compare-to`)."

    public let language: Language

    public init(options: ReportOptions) {
        self.init(language: options.language)
    }

    public init(language: Language) {
        self.language = language
    }

    public func render(_ assessment: Assessment) -> String {
        document(assessment).rendered()
    }

    func document(_ a: Assessment) -> JSONValue {
        let lang = language
        let checks = Dictionary(a.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let areas: [JSONValue] = a.areas.map { area in
            .object([
                ("id", .string(area.area.id)),
                ("title", .string(area.area.title.text(lang))),
                ("score", area.score.map(JSONValue.double) ?? .null),
                ("risk_counts", .object(QuestionRisk.allCases.map { ($0.rawValue, .int(area.riskCounts[$0] ?? 0)) })),
            ])
        }
        let questions: [JSONValue] = a.questions.map { q in
            .object([
                ("id", .string(q.question.id)),
                ("area", .string(q.area)),
                ("title", .string(q.question.title.text(lang))),
                ("risk", .string(q.risk.rawValue)),
                ("practices", .array(q.practices.map { p in
                    var fields: [(String, JSONValue)] = [
                        ("id", .string(p.practice.id)),
                        ("title", .string(p.practice.title.text(lang))),
                        ("risk", .string(p.practice.risk.rawValue)),
                        ("status", .string(p.status.rawValue)),
                        ("automated", .optional(p.automated?.rawValue)),
                        ("checks", .array(p.checks.map(JSONValue.string))),
                    ]
                    if let att = p.attestation { fields.append(("attestation", attestation(att))) }
                    if let expired = p.expiredAttestation { fields.append(("expired_attestation", attestation(expired))) }
                    if let c = p.contradiction { fields.append(("contradiction", .string(c))) }
                    return .object(fields)
                })),
            ])
        }
        let findings: [JSONValue] = a.findings.map { f in
            var fields: [(String, JSONValue)] = [
                ("check", .string(f.check)),
                ("fingerprint", .string(f.fingerprint)),
                ("title", .string(checks[f.check]?.title.text(lang) ?? f.check)),
                ("status", .string(f.status.rawValue)),
                ("severity", .string(f.severity.rawValue)),
                ("practices", .array(f.practices.map(JSONValue.string))),
            ]
            if let r = f.resource { fields.append(("resource", .object([("type", .string(r.type)), ("id", .string(r.id))]))) }
            if let l = f.location {
                fields.append(("location", .object([("file", .string(l.file)), ("line", .int(l.line)), ("column", .int(l.column))])))
            }
            if let path = f.path { fields.append(("path", .string(path))) }
            fields.append(("message", .string(f.message.text(lang))))
            if let note = f.note { fields.append(("note", .string(note))) }
            if let seed = checks[f.check]?.seed { fields.append(("seed", .string(seed))) }
            if f.untouched { fields.append(("untouched", .bool(true))) }
            if let state = f.baselineState { fields.append(("baseline_state", .string(state.rawValue))) }
            if let note = f.baselineNote { fields.append(("baseline_note", .string(note))) }
            return .object(fields)
        }
        var byStatus = [Finding.Status: Int]()
        var failingBySeverity = [Severity: Int]()
        for f in a.findings {
            byStatus[f.status, default: 0] += 1
            if f.status == .fail { failingBySeverity[f.severity, default: 0] += 1 }
        }
        let waivers: [JSONValue] = a.waivers.entries.map { e in
            .object([
                ("check", .string(e.waiver.check)), ("file", .optional(e.waiver.file)), ("resource", .optional(e.waiver.resource)),
                ("reason", .string(e.waiver.reason)), ("owner", .string(e.waiver.owner)), ("ticket", .optional(e.waiver.ticket)),
                ("expires", .string(e.waiver.expires.description)), ("state", .string(e.state.rawValue)), ("matched", .int(e.matched)),
            ])
        }
        let plan: [JSONValue] = a.plan.items.map { item in
            .object([
                ("practice", .string(item.practice.id)), ("question", .string(item.question)), ("title", .string(item.practice.title.text(lang))),
                ("risk", .string(item.practice.risk.rawValue)), ("status", .string(item.status.rawValue)), ("effort", .string(item.effort.rawValue)),
                ("action", .string(item.practice.description?.text(lang) ?? item.practice.title.text(lang))),
                ("blocked_by", .array(item.blockers.map { .string("\($0.check) \($0.resource?.id ?? "(workload)")") })),
            ])
        }
        var comparison: [(String, JSONValue)] = []
        if a.context.baseline != nil {
            let states = Dictionary(grouping: a.findings.compactMap(\.baselineState), by: { $0 }).mapValues(\.count)
            comparison.append(("baseline", .object(
                [BaselineState.new, .worsened, .moved, .unchanged].map { ($0.rawValue, .int(states[$0] ?? 0)) } + [
                    ("fixed", .array(a.fixed.map { e in
                        .object([("check", .string(e.check)), ("fingerprint", .string(e.fingerprint)), ("file", .string(e.file)),
                                 ("resource", .string(e.resource)), ("path", .string(e.path)), ("baseline_state", .string(BaselineState.absent.rawValue))])
                    })),
                ])))
        }
        if let before = a.context.before {
            comparison.append(("before", .object([
                ("verdict", .string(before.verdict.rawValue)), ("score", before.score.map(JSONValue.double) ?? .null),
                ("risk_changes", .array(AssessmentDiff.riskChanges(from: before.risks, to: a.questions.map { ($0.question.id, $0.risk) }).map { c in
                    .object([("question", .string(c.question)), ("before", .string(c.before.rawValue)), ("after", .string(c.after.rawValue))])
                })),
            ])))
        }
        return .object([
            ("report_version", .int(1)),
            ("tool", .object([("name", .string(OpsReady.name)), ("version", .string(OpsReady.version))])),
            ("language", .string(lang.rawValue)),
            ("workload", .optional(a.context.workload)),
            ("as_of", .optional(a.context.asOf?.description)),
            ("rubric", .string(a.rubric.id)),
            ("inputs", .array(a.inputs.map(JSONValue.string))),
            ("verdict", .string(a.verdict.rawValue)),
            ("score", .object([("overall", a.score.map(JSONValue.double) ?? .null), ("areas", .array(areas))])),
            ("questions", .array(questions)),
            ("findings", .array(findings)),
            ("summary", .object([
                ("resources", .int(a.resourceCount)),
                ("checks", .int(a.checks.count)),
                ("findings", .int(a.findings.count)),
                ("by_status", .object(Finding.Status.allCases.map { ($0.rawValue, .int(byStatus[$0] ?? 0)) })),
                ("failing_by_severity", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(failingBySeverity[$0] ?? 0)) })),
            ])),
            ("waivers", .array(waivers)),
            ("improvement_plan", .array(plan)),
            ("incident_targets", a.context.incidentTargets.map { t in
                .object([("source", .string(t.source))] + IncidentTargets.priorities.map { ($0, .optional(t.response[$0]?.shortText)) })
            } ?? .null),
            ("not_evaluated", .array(a.context.notEvaluated.map { n in
                .object([("check", .string(n.check)), ("resource_types", .array(n.resourceTypes.map(JSONValue.string)))])
            })),
        ] + comparison + [
            ("gate", .object([
                ("fail_on", .string(a.gate.failOn?.rawValue ?? "none")),
                ("fail_on_verdict", .optional(a.gate.failOnVerdict?.rawValue)),
                ("blocking", .int(a.gate.blocking)),
                ("expired_waivers", .int(a.gate.expiredWaivers)),
                ("verdict_failed", .bool(a.gate.verdictFailed)),
                ("failed", .bool(a.gate.failed)),
            ])),
        ])
    }

    private func attestation(_ att: Attestation) -> JSONValue {
        .object([
            ("answer", .string(att.answer.rawValue)), ("by", .string(att.by)), ("date", .string(att.date.description)),
            ("evidence", .array(att.evidence.map { .string($0.description) })), ("expires", .optional(att.expires?.description)),
            ("reason", .optional(att.reason?.rawValue)), ("note", .optional(att.note)),
        ])
    }
}
