/// The files `hypercare init` starts a records directory with: commented, empty, and the plan's checklist.
public enum HypercareTemplate {
    public static func files(plan: HypercarePlan, goLive: CalendarDate, timeZone: String) -> [(name: String, text: String)] {
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
            # `outage: true` marks the service down for users from detection to resolution.
            # - {id: INC-001, priority: P2, detected: "\(goLive)T09:40:00+09:00", resolved: "\(goLive)T10:35:00+09:00", summary: ...}
            []

            """
        let maintenance = """
            # Planned maintenance windows; monthly planned downtime is computed from these (months in \(timeZone)).
            # - {id: MW-001, start: "\(goLive)T02:00:00+09:00", end: "\(goLive)T03:00:00+09:00", summary: ...}
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
