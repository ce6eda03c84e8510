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

    public func render(_ assessment: Assessment) -> String { OutputSink.text { write(assessment, to: $0) } }

    /// The findings are streamed into the sink as they are written; the rest is small enough to build first.
    public func write(_ a: Assessment, to sink: OutputSink) {
        let lang = language
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
        let tally = a.tally()
        let waivers: [JSONValue] = a.waivers.entries.map { e in
            .object([
                ("check", .string(e.waiver.check)), ("file", .optional(e.waiver.file)), ("resource", .optional(e.waiver.resource)),
                ("reason", .string(e.waiver.reason)), ("owner", .string(e.waiver.owner)), ("ticket", .optional(e.waiver.ticket)),
                ("expires", .string(e.waiver.expires.description)), ("state", .string(e.state.rawValue)), ("matched", .int(e.matched)),
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
        let head: [(String, JSONValue)] = [
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
        ]
        let tail: [(String, JSONValue)] = [
            ("summary", .object([
                ("resources", .int(a.resourceCount)),
                ("checks", .int(a.checks.count)),
                ("findings", .int(a.findings.count)),
                ("by_status", .object(Finding.Status.allCases.map { ($0.rawValue, .int(tally.byStatus[$0] ?? 0)) })),
                ("failing_by_severity", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(tally.failingBySeverity[$0] ?? 0)) })),
            ])),
            ("waivers", .array(waivers)),
        ]
        // The plan names every blocking finding: written as it goes, like the findings.
        let afterPlan: [(String, JSONValue)] = [
            ("incident_targets", a.context.incidentTargets.map { t in
                .object([("source", .string(t.source))] + IncidentTargets.priorities.map { ($0, .optional(t.response[$0]?.shortText)) })
            } ?? .null),
            ("seed_choices", .array(a.context.seedChoices.map { c in
                .object([("id", .string(c.choice.id)), ("title", .string(c.choice.title.text(lang))), ("option", .string(c.option.id)),
                         ("value", .string(c.option.value)), ("reason", .string(c.reason.rawValue)), ("seed", .string(c.option.seed)),
                         ("options", .array(c.choice.options.map { o in
                             .object([("id", .string(o.id)), ("value", .string(o.value)), ("seed", .string(o.seed))])
                         }))])
            })),
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
        ]
        var writer = JSONWriter(capacity: 1 << 16)
        writer.beginObject()
        for (name, value) in head { writer.field(name, value) }
        writer.key("findings")
        writer.beginArray()
        let keys = FindingKeys()
        let (checks, owner) = CheckMembers.of(a, language: lang, depth: writer.depth + 1, keys: keys)
        let findings = a.findings
        JSONElements.write(count: findings.count, into: &writer, sink: sink) { i, w in write(findings[i], check: checks[owner[i]], keys: keys, into: &w) }
        writer.endArray()
        for (name, value) in tail { writer.field(name, value) }
        writer.key("improvement_plan")
        writer.beginArray()
        for item in a.plan.items {
            writer.beginObject()
            writer.field("practice", item.practice.id)
            writer.field("question", item.question)
            writer.field("title", item.practice.title.text(lang))
            writer.field("risk", item.practice.risk.rawValue)
            writer.field("status", item.status.rawValue)
            writer.field("effort", item.effort.rawValue)
            writer.field("action", item.practice.description?.text(lang) ?? item.practice.title.text(lang))
            writer.key("blocked_by")
            writer.beginArray()
            for blocker in item.blockers {
                writer.string(blocker.check, spaced: blocker.resource?.id ?? "(workload)")
                if writer.count >= 1 << 16 { writer.drain(into: sink) }
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        for (name, value) in afterPlan { writer.field(name, value) }
        writer.endObject()
        writer.newline()
        writer.drain(into: sink)
    }

    /// What every finding of a check repeats, written once: its first member (`check`), the members from `title` to
    /// `practices` for each status (used while a finding keeps its check's severity and practices), and `seed`.
    private struct CheckMembers: Sendable {
        let title: [UInt8]
        let severity: Severity
        let practices: [String]
        let opening: JSONWriter.Members
        /// By status, in `statuses` order.
        let heads: [JSONWriter.Members]
        /// `Finding.Status.allCases`, made once: `allCases` builds a new array on every call.
        static let statuses = Finding.Status.allCases
        let seed: JSONWriter.Members

        /// The members of each check that has findings (they come check by check: a small report has few), and for
        /// each finding, which of them are its check's: each run of a check's findings is looked up once.
        static func of(_ a: Assessment, language: Language, depth: Int, keys: FindingKeys) -> (members: [CheckMembers?], owner: [Int]) {
            let byId = Dictionary(a.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var members: [CheckMembers?] = []
            var made: [String: Int] = [:]
            var owner: [Int] = []
            owner.reserveCapacity(a.findings.count)
            var (last, current): (String?, Int) = (nil, 0)
            for finding in a.findings {
                if finding.check != last {
                    last = finding.check
                    if let known = made[finding.check] {
                        current = known
                    } else {
                        (current, made[finding.check]) = (members.count, members.count)
                        members.append(byId[finding.check].map { CheckMembers($0, language: language, depth: depth, keys: keys) })
                    }
                }
                owner.append(current)
            }
            return (members, owner)
        }

        init(_ check: Check, language: Language, depth: Int, keys k: FindingKeys) {
            let title = JSONWriter.literal(check.title.text(language))
            self.title = title
            severity = check.severity
            practices = check.practices
            opening = JSONWriter.Members(depth: depth) { w in
                w.key(k.check)
                w.string(check.id)
            }
            heads = Self.statuses.map { status in
                JSONWriter.Members(depth: depth) { w in
                    JSONReporter.writeHead(title: title, status: status, severity: check.severity, practices: check.practices, keys: k, into: &w)
                }
            }
            seed = JSONWriter.Members(depth: depth) { w in
                w.key(k.seed)
                w.string(check.seed)
            }
        }
    }

    /// A finding's member names, escaped once per report.
    private struct FindingKeys: Sendable {
        let check = JSONWriter.Key("check"), fingerprint = JSONWriter.Key("fingerprint"), title = JSONWriter.Key("title")
        let status = JSONWriter.Key("status"), severity = JSONWriter.Key("severity"), practices = JSONWriter.Key("practices")
        let resource = JSONWriter.Key("resource"), type = JSONWriter.Key("type"), id = JSONWriter.Key("id")
        let location = JSONWriter.Key("location"), file = JSONWriter.Key("file"), line = JSONWriter.Key("line")
        let column = JSONWriter.Key("column"), path = JSONWriter.Key("path"), message = JSONWriter.Key("message")
        let note = JSONWriter.Key("note"), seed = JSONWriter.Key("seed"), untouched = JSONWriter.Key("untouched")
        let baselineState = JSONWriter.Key("baseline_state"), baselineNote = JSONWriter.Key("baseline_note")
    }

    /// A finding's members from `title` to `practices`; `title` is the check's title as a literal.
    private static func writeHead(title: [UInt8], status: Finding.Status, severity: Severity, practices: [String], keys k: FindingKeys,
                                  into w: inout JSONWriter) {
        w.key(k.title)
        w.string(literal: title)
        w.key(k.status)
        w.string(status.rawValue)
        w.key(k.severity)
        w.string(severity.rawValue)
        w.key(k.practices)
        w.beginArray()
        for practice in practices { w.string(practice) }
        w.endArray()
    }

    private func write(_ f: Finding, check: CheckMembers?, keys k: FindingKeys, into w: inout JSONWriter) {
        w.beginObject()
        if let check {
            w.members(check.opening)
        } else {
            w.key(k.check)
            w.string(f.check)
        }
        w.key(k.fingerprint)
        w.hexString(f.fingerprintHash)
        if let check, f.severity == check.severity, f.practices == check.practices,
           let status = CheckMembers.statuses.firstIndex(of: f.status) {
            w.members(check.heads[status])
        } else {
            Self.writeHead(title: check?.title ?? JSONWriter.literal(f.check), status: f.status, severity: f.severity, practices: f.practices,
                           keys: k, into: &w)
        }
        if let r = f.resource {
            w.key(k.resource)
            w.beginObject()
            w.key(k.type)
            w.string(r.type)
            w.key(k.id)
            w.string(r.id)
            w.endObject()
        }
        if let l = f.location {
            w.key(k.location)
            w.beginObject()
            w.key(k.file)
            w.string(l.file)
            w.key(k.line)
            w.int(l.line)
            w.key(k.column)
            w.int(l.column)
            w.endObject()
        }
        if let path = f.path {
            w.key(k.path)
            w.string(path)
        }
        w.key(k.message)
        w.string(f.message.text(language))
        if let note = f.note {
            w.key(k.note)
            w.string(note)
        }
        if let check { w.members(check.seed) }
        if f.untouched {
            w.key(k.untouched)
            w.bool(true)
        }
        if let state = f.baselineState {
            w.key(k.baselineState)
            w.string(state.rawValue)
        }
        if let note = f.baselineNote {
            w.key(k.baselineNote)
            w.string(note)
        }
        w.endObject()
    }

    private func attestation(_ att: Attestation) -> JSONValue {
        .object([
            ("answer", .string(att.answer.rawValue)), ("by", .string(att.by)), ("date", .string(att.date.description)),
            ("evidence", .array(att.evidence.map { .string($0.description) })), ("expires", .optional(att.expires?.description)),
            ("reason", .optional(att.reason?.rawValue)), ("note", .optional(att.note)),
        ])
    }
}
