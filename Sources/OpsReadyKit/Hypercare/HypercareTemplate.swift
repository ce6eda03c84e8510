/// The files `hypercare init` starts a records directory with: commented, empty, and the plan's checklist.
public enum HypercareTemplate {
    public static func files(plan: HypercarePlan, goLive: CalendarDate, timeZone: String) -> [(name: String, text: String)] {
        let kpis = plan.kpis.filter { !$0.derivedFromIncidents }
        let weeks = """
            # Weekly KPI records, one entry per finished week. Week 1 starts \(goLive) 00:00 (\(timeZone)).
            # KPIs and targets: \(plan.id) (rubrics/hypercare/plan.yaml). A week left out is no data, not zero.
            # - week: 1
            #   kpis:
            \(kpis.map { "#     \($0.id): \(HypercarePlan.format($0.min ?? $0.max ?? 0))    # target \($0.targetText)" }.joined(separator: "\n"))
            []

            """
        let incidents = """
            # Incidents after go-live; MTTR and critical-incident counts are computed from these.
            # - {id: INC-001, priority: P2, detected: "\(goLive)T09:40:00+09:00", resolved: "\(goLive)T10:35:00+09:00", summary: ...}
            []

            """
        let checklist = "# Completion conditions; tick each with the day it was done and the evidence.\n"
            + plan.checklist.map { "- {id: \($0.id), done: false}    # \($0.title.en) (\($0.seed))" }.joined(separator: "\n") + "\n"
        return [("weeks.yaml", weeks), ("incidents.yaml", incidents), ("checklist.yaml", checklist)]
    }
}
