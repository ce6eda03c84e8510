import Foundation
import OpsAssessment
import OpsCore
import OpsHypercare

/// `docs/seeds.md`: every requirement the product traces to a seed — the seed's words, where it is checked (checks,
/// live probes' default conditions, hypercare KPIs, activities and exit checklist, seed choices) and with what value — and the requirements no input
/// can show, with why. Generated from the packs, the plan, the choices and `rubrics/seed-unchecked.yaml`.
public struct SeedCoverageReporter {
    public let checks: [Check]
    public let plan: HypercarePlan
    public let choices: SeedChoices
    public let unchecked: SeedUnchecked
    public let seeds: SeedCatalog

    public init(checks: [Check], plan: HypercarePlan, choices: SeedChoices, unchecked: SeedUnchecked, seeds: SeedCatalog) {
        (self.checks, self.plan, self.choices, self.unchecked, self.seeds) = (checks, plan, choices, unchecked, seeds)
    }

    /// One requirement: a section's words, and what holds it.
    struct Row {
        let document: String
        let section: String
        let words: String
        var uses: [String] = []
        /// Some use judges it (a check, probe, KPI, activity, checklist item, or a choice that sets one of those).
        var judged = false
        var why: String?
    }

    struct Key: Hashable {
        let document: String, section: String, words: String
    }

    func rows() -> [Row] {
        var rows: [Key: Row] = [:]
        func add(_ document: String, _ section: String, _ words: String, use: String? = nil, judged: Bool = true, why: String? = nil) {
            let key = Key(document: document, section: section, words: words.trimmingCharacters(in: .whitespaces))
            var row = rows[key] ?? Row(document: document, section: section, words: key.words)
            if let use, !row.uses.contains(use) { row.uses.append(use) }
            if use != nil, judged { row.judged = true }
            if let why { row.why = why }
            rows[key] = row
        }
        func cite(_ seed: String, use: String, judged: Bool = true) {
            for citation in SeedCitation.parse(seed) {
                if citation.excerpts.isEmpty {
                    // An older citation without a quote (`§3.1.2 시스템 가용성 99.9% 이상`): the section's number, then its words.
                    let number = String(citation.reference.prefix { $0 != " " })
                    add(citation.document, number, String(citation.reference.dropFirst(number.count)), use: use, judged: judged)
                }
                for excerpt in citation.excerpts { add(citation.document, citation.reference, excerpt, use: use, judged: judged) }
            }
        }
        for check in checks {
            let values = check.params.keys.sorted().compactMap { name -> String? in
                guard let value = check.params[name], value.displayText.count <= 40 else { return nil }
                return "\(name) \(value.displayText)"
            }
            cite(check.seed, use: "check `\(check.id)`" + (values.isEmpty ? "" : " (" + values.joined(separator: ", ") + ")"))
        }
        for kind in ProbeSpec.Kind.allCases { cite(ProbeSpec.defaultAssertion(kind).1, use: "live probe `\(kind.rawValue)` (its default condition)") }
        for choice in choices.choices {
            for option in choice.options {
                let marker = option.id == choice.defaultOption ? ", default" : ""
                // A choice that sets nothing is shown in report headers: surfaced, not judged.
                let sets = !option.params.isEmpty || !option.kpis.isEmpty || !option.activities.isEmpty || option.incidentTargets != nil
                    || !option.escalation.isEmpty
                cite(option.seed, use: "choice `\(choice.id)` = \(option.id): \(option.value)\(marker)" + (sets ? "" : " (shown in reports, not judged)"),
                     judged: sets)
            }
        }
        // The plan cites its own document (003) by section: `§6.1.1 시스템 가용성 99.9% 이상`.
        // An entry citing a section by number alone stands for its own title there.
        func planned(_ seed: String, use: String, title: LocalizedText) {
            let parts = seed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for part in parts where part.hasPrefix("§") {
                let section = String(part.prefix { $0 != " " })
                let words = part.dropFirst(section.count).trimmingCharacters(in: .whitespaces)
                add("003", section, words.isEmpty ? title.ko : words, use: use)
            }
        }
        for kpi in plan.kpis { planned(kpi.seed, use: "hypercare KPI `\(kpi.id)` \(kpi.targetText)", title: kpi.title) }
        for activity in plan.activities { planned(activity.seed, use: "hypercare activity `\(activity.id)` (every \(activity.every.text))", title: activity.title) }
        for phase in plan.phases {
            planned(phase.seed, use: "hypercare phase `\(phase.id)` (weeks \(phase.weeks.lowerBound)–\(phase.weeks.upperBound))", title: phase.title)
        }
        for item in plan.checklist { planned(item.seed, use: "hypercare exit checklist `\(item.id)`", title: item.title) }
        if let h = plan.incidentHandling {
            cite(h.seed, use: "hypercare incident handling (notice \(h.notifyWithin.shortText), fix \(h.mitigateWithin.shortText), updates every "
                 + "\(h.updateEvery.shortText), review of \(h.reviewPriorities.joined(separator: "/")), maintenance announced \(h.announceAhead.shortText) ahead)")
        }
        if let r = plan.reliability {
            cite(r.seed, use: "hypercare reliability figures (MTBF > \(HypercarePlan.format(r.mtbfHours))h, automatic recovery > \(HypercarePlan.format(r.autoRecoveryPercent))%; reported)")
        }
        for requirement in unchecked.requirements {
            for citation in SeedCitation.parse(requirement.seed) {
                for excerpt in citation.excerpts { add(citation.document, citation.reference, excerpt, why: requirement.why.en) }
            }
        }
        return rows.values.sorted { a, b in
            if a.document != b.document { return a.document < b.document }
            let (x, y) = (Self.sectionNumbers(a.section), Self.sectionNumbers(b.section))
            if x != y { return x.lexicographicallyPrecedes(y) }
            return (a.section, a.words) < (b.section, b.words)
        }
    }

    /// `§3.1.2 …` → [3, 1, 2]; a heading without a number sorts after the numbered ones.
    static func sectionNumbers(_ section: String) -> [Int] {
        let number = section.drop { $0 == "§" }.prefix { $0.isNumber || $0 == "." }
        let parts = number.split(separator: ".").compactMap { Int($0) }
        return parts.isEmpty ? [Int.max] : parts
    }

    /// The Markdown page.
    public func markdown() -> String {
        let all = rows()
        var out = ["# Seed coverage", "",
                   "Generated by `opsready checks seeds --output docs/seeds.md` from `checks/`, `rubrics/hypercare/plan.yaml`, "
                   + "`rubrics/seed-choices.yaml` and `rubrics/seed-unchecked.yaml`; a test fails when this page is stale. Each row is a requirement in the "
                   + "seed's own words (the plan's rows in the plan's words), where the product checks it and with what value; where the seeds disagree "
                   + "the row names the choice and its option (docs/manifest.md: `seed_profile`, `choices`). The last column says why a requirement "
                   + "is not checked: no input can show it.", "",
                   "| Seed | Requirements | Checked | Surfaced as a choice only | Not checkable |", "| --- | --: | --: | --: | --: |"]
        let documents = Array(Set(all.map(\.document))).sorted()
        for document in documents {
            let rows = all.filter { $0.document == document }
            let checked = rows.filter(\.judged).count, surfaced = rows.filter { !$0.judged && !$0.uses.isEmpty }.count
            out.append("| \(document) \(Self.cell(seeds.documents[document]?.en ?? "")) | \(rows.count) | \(checked) | \(surfaced) | \(rows.count - checked - surfaced) |")
        }
        for document in documents {
            out += ["", "## \(document) — \(Self.cell(seeds.documents[document]?.en ?? ""))", "", "| § | Requirement | Checked by (value) | Not checkable because |", "| --- | --- | --- | --- |"]
            for row in all where row.document == document {
                out.append("| \(Self.cell(row.section)) | \(Self.cell(row.words)) | \(Self.cell(row.uses.joined(separator: "; "))) | \(Self.cell(row.why ?? "")) |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A table cell: pipes escaped, one line.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
