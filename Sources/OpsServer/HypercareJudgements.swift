import Foundation
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsPortfolio
import Synchronization

/// Each workload's hypercare status as last judged, kept while its records are unchanged (the same latest import) and
/// the judgement's instant is the same: the given `--as-of` day, or now to the minute. Judging 500 workloads takes
/// longer than a page may; a request re-reads and re-judges only the workloads whose records changed. Whatever the
/// server holds follows from the store, so servers sharing one store answer alike.
final class HypercareJudgements: Sendable {
    private struct Entry {
        let marker: Int64
        let instant: Date
        let judgement: PortfolioOverview.Judgement
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let plan: HypercarePlan
    private let choices: SeedChoices
    private let asOf: CalendarDate?

    init(plan: HypercarePlan, choices: SeedChoices, asOf: CalendarDate?) {
        self.plan = plan
        self.choices = choices
        self.asOf = asOf
    }

    /// The instant a request judges at: now to the minute, or (with `--as-of`) one fixed instant, the day standing for it.
    func instant(now: Date = Date()) -> Date {
        asOf == nil ? Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60) : Date(timeIntervalSince1970: 0)
    }

    /// The judgements at `instant` of every workload with records (or of `only`): one query for the markers, and two
    /// more when some workload's records changed since it was last judged.
    func current(_ store: any PortfolioStore, only: String? = nil, at instant: Date) async throws -> [String: PortfolioOverview.Judgement] {
        var markers = try await store.hypercareMarkers()
        if let only { markers = markers.filter { $0.key == only } }
        let known = entries.withLock { $0 }
        let stale = markers.filter { known[$0.key]?.marker != $0.value || known[$0.key]?.instant != instant }.map(\.key).sorted()
        var judged: [String: Entry] = [:]
        if !stale.isEmpty {
            for entry in try await store.hypercare(workloads: stale) {
                let judgement = PortfolioOverview.judge(entry, plan: plan, choices: choices, now: instant, asOf: asOf)
                judged[entry.workload.name] = Entry(marker: markers[entry.workload.name] ?? 0, instant: instant, judgement: judgement)
            }
        }
        return entries.withLock { kept in
            for (name, entry) in judged { kept[name] = entry }
            if only == nil { kept = kept.filter { markers[$0.key] != nil } }
            return markers.keys.reduce(into: [:]) { result, name in if let entry = kept[name] { result[name] = entry.judgement } }
        }
    }
}
