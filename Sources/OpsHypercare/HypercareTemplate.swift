import Foundation
import OpsCore

/// The files `hypercare init` starts a records directory with: commented, empty, and the plan's checklist — as YAML,
/// or with the logs a spreadsheet keeps (weeks, incidents, maintenance, surveys) as CSV header rows.
public enum HypercareTemplate {
    public enum Format: String, Sendable, CaseIterable { case yaml, csv }

    /// The logs that may be kept as CSV instead of YAML.
    static let spreadsheetLogs = ["weeks", "incidents", "maintenance", "surveys"]

    /// `weeks.yaml` ↔ `weeks.csv`: the other file that would stand for the same log.
    public static func otherForm(of name: String) -> String? {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard spreadsheetLogs.contains(base) else { return nil }
        return base + (ext == "csv" ? ".yaml" : ".csv")
    }

    public static func files(plan: HypercarePlan, goLive: CalendarDate, timeZone: String, format: Format = .yaml) -> [(name: String, text: String)] {
        let all = yamlFiles(plan: plan, goLive: goLive, timeZone: timeZone)
        guard format == .csv else { return all }
        let kpis = plan.kpis.filter { !$0.isDerived }
        let csv: [String: String] = [
            "weeks": (["week"] + kpis.map(\.id)).joined(separator: ",") + "\n",
            "incidents": "id,priority,outage,detected,notified,responded,mitigated,updates,resolved,review,auto_recovered,pre_go_live,summary\n",
            "maintenance": "id,start,end,announced,summary\n",
            "surveys": "id,survey,date,score,comment\n",
        ]
        return all.map { file in
            let base = (file.name as NSString).deletingPathExtension
            return csv[base].map { (base + ".csv", $0) } ?? file
        }
    }

    static func yamlFiles(plan: HypercarePlan, goLive: CalendarDate, timeZone: String) -> [(name: String, text: String)] {
        let kpis = plan.kpis.filter { !$0.isDerived }
        let weeks = """
            # Weekly KPI records, one entry per finished week. Week 1 starts \(goLive) 00:00 (\(timeZone)).
            # KPIs and targets: \(plan.id) (rubrics/hypercare/plan.yaml). A week left out is no data, not zero.
            # Week 0 holds the baseline measured before go-live (for the `reduce_by` KPIs). A percentage may be given
            # as its counts: `training_completion_percent: {count: 150, of: 250}`.
            # - week: 1
            #   kpis:
            \(kpis.map { "#     \($0.id): \(HypercarePlan.format($0.reduceBy == nil ? $0.target ?? 0 : 0))    # target \($0.targetText)" }.joined(separator: "\n"))
            []

            """
        let incidents = """
            # Incidents after go-live; MTTR, critical-incident counts and monthly outage hours are computed from these.
            # `outage: true` marks the service down for users from detection to resolution. Handling: `notified`,
            # `mitigated` (a temporary fix), `updates` (a list; in CSV separated by `;`), `review` (the post-incident
            # review) and `auto_recovered: true`, judged against the plan's incident_handling.
            # - {id: INC-001, priority: P2, detected: "\(goLive)T09:40:00+09:00", notified: "\(goLive)T09:43:00+09:00", resolved: "\(goLive)T10:35:00+09:00", review: docs/postmortems/inc-001.md, summary: ...}
            []

            """
        let maintenance = """
            # Planned maintenance windows; monthly planned downtime is computed from these (months in \(timeZone)).
            # `announced`: when users were told (the plan asks 48 hours ahead).
            # - {id: MW-001, start: "\(goLive)T02:00:00+09:00", end: "\(goLive)T03:00:00+09:00", announced: "...", summary: ...}
            []

            """
        let activities = "# Activities done: activity id → the days it was done. `hypercare status` lists the ones missed.\n"
            + plan.activities.map { "\($0.id): []    # \($0.title.en), every \($0.every.text) (\($0.seed))" }.joined(separator: "\n") + "\n"
        let checklist = "# Completion conditions; tick each with the day it was done and the evidence.\n"
            + plan.checklist.map { "- {id: \($0.id), done: false}    # \($0.title.en) (\($0.seed))" }.joined(separator: "\n") + "\n"
        let surveys = """
            # Survey responses, one per answer; KPIs with `from_survey` take the mean score of the week's responses.
            # Surveys: \(plan.surveys.sorted().joined(separator: ", ")). surveys.csv (id,survey,date,score) works too.
            # - {id: S-001, survey: \(plan.surveys.sorted().first ?? "satisfaction"), date: "\(goLive)", score: 4}
            []

            """
        return [("weeks.yaml", weeks), ("incidents.yaml", incidents), ("maintenance.yaml", maintenance), ("activities.yaml", activities),
                ("surveys.yaml", surveys), ("checklist.yaml", checklist)]
    }
}
