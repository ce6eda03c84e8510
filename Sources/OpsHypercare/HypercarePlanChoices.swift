import OpsCore

extension HypercarePlan {
    /// The plan with a workload's seed choices applied: the KPI targets and activity days its chosen options set, each
    /// then citing that option's seed. Defaults leave the plan as written (its values are the defaults' values).
    public func choosing(_ chosen: [SeedChoices.Chosen]) -> HypercarePlan {
        var plan = self
        for c in chosen where c.reason != .byDefault {
            for (id, targets) in c.option.kpis {
                guard let index = plan.kpis.firstIndex(where: { $0.id == id }) else { continue }
                if let value = targets["min"] { plan.kpis[index].min = value }
                if let value = targets["max"] { plan.kpis[index].max = value }
                if let value = targets["reduce_by"] { plan.kpis[index].reduceBy = value }
                plan.kpis[index].seed = c.option.seed
            }
            for (id, day) in c.option.activities {
                guard let cadence = Cadence(day) else { continue }
                func reschedule(_ activity: inout Activity) {
                    guard activity.id == id else { return }
                    (activity.every, activity.seed) = (cadence, c.option.seed)
                }
                for i in plan.activities.indices { reschedule(&plan.activities[i]) }
                for p in plan.phases.indices { for a in plan.phases[p].due.indices { reschedule(&plan.phases[p].due[a]) } }
            }
        }
        return plan
    }
}
