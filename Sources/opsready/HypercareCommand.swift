import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsReporters

struct Hypercare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypercare",
        abstract: "Track the 12-week stabilization after go-live against the hypercare plan's exit criteria.",
        subcommands: [Init.self, Status.self, Record.self, Overview.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Week and phase, every KPI met / not met / no data with its trend, blockers and a projected exit.",
            discussion: "Exit 0 when the exit criteria are all met (ready to hand over), 1 otherwise, 2 on bad input."
        )

        @OptionGroup var inputs: HypercareInputs

        @Option(help: "Read the records from this history (see `hypercare record`): a SQLite file or a postgres:// URL.")
        var store: String?

        @Option(help: "Judge as of this day (YYYY-MM-DD, in the workload's time zone) instead of now.")
        var asOf: CalendarDate?

        @Flag(help: "Judge a past day (--as-of) from records that go further: records dated after it are left out instead of refused.")
        var replay = false

        @Option(help: "With --store: the records as the history knew them at the end of this day (YYYY-MM-DD), from the imports made by then.")
        var asKnownOn: CalendarDate?

        @Option(help: "Output format.")
        var format: FormatChoice<HypercareStatus> = .first

        @Option(help: "Write the output to this file (atomically) instead of standard output.")
        var output: String?

        @Option(help: "Language of the output: ko or en.")
        var lang: Language = .en

        func run() async throws {
            let loaded = try Manifest.load(path: inputs.manifest)
            guard let goLiveDay = loaded.workload.goLive else { throw CLIError("\(inputs.manifest): workload.go_live is needed to track hypercare") }
            let timeZone = Today.timeZone(loaded.workload.timezone)
            let chosen = try HypercareInputs.choices(of: loaded)
            let hypercarePlan = try inputs.loadPlan(choosing: chosen)
            let history: HypercareRecords
            let origin: String
            if let store {
                // Reading never creates a history: a missing file or a workload never recorded is an error, not "no data".
                if !HypercareHistory.isPostgres(store) && !FileManager.default.fileExists(atPath: store) {
                    throw CLIError("\(store): no such history (write one with `opsready hypercare record --store \(store)`)")
                }
                let knownOn = asKnownOn.map { $0.adding(days: 1).start(in: timeZone) }
                history = try await HypercareHistory.open(store, workload: loaded.workload.name).closing { try await $0.records(knownOn: knownOn) }
                if history.isEmpty {
                    let when = asKnownOn.map { " as known on \($0)" } ?? ""
                    throw CLIError("the history holds no records for workload '\(loaded.workload.name)'\(when) (record them with `opsready hypercare record`)")
                }
                origin = HypercareHistory.name(store)
            } else {
                if asKnownOn != nil { throw CLIError("--as-known-on reads the history: give --store too") }
                history = try HypercareRecords.load(directory: inputs.directory, plan: hypercarePlan)
                origin = inputs.directory
            }
            let now = asOf?.noon(in: timeZone) ?? Date()
            let goLive = goLiveDay.start(in: timeZone)
            let known = try history.asOf(now, goLive: goLive, timeZone: timeZone, replay: replay, origin: origin)
            let status = HypercareStatus.compute(plan: hypercarePlan, records: known, goLive: goLive, now: now, timeZone: timeZone,
                                                 incidentTargets: loaded.incidentTargets(chosen), escalation: loaded.escalation(chosen), workload: loaded.workload.name)
            let text = format.render(status, options: ReportOptions(language: lang))
            if let output { try AtomicFile.write(text, to: output) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
            if !status.exitReady { throw ExitCode(1) }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Start the records directory for a workload that has gone (or is going) live.",
            discussion: "Needs workload.go_live in the manifest; never overwrites existing records."
        )

        @OptionGroup var inputs: HypercareInputs

        @Option(help: "yaml (commented starters) or csv (header rows for a spreadsheet: weeks, incidents, maintenance, surveys).")
        var format: HypercareTemplate.Format = .yaml

        func run() throws {
            let loaded = try Manifest.load(path: inputs.manifest)
            guard let goLive = loaded.workload.goLive else { throw CLIError("\(inputs.manifest): workload.go_live is needed to track hypercare") }
            let files = HypercareTemplate.files(plan: try inputs.loadPlan(choosing: try HypercareInputs.choices(of: loaded)), goLive: goLive, timeZone: loaded.workload.timezone ?? "UTC", format: format)
            // Either form of a log stands for it: a weeks.csv blocks weeks.yaml and the other way round.
            let taken = files.flatMap { file in [file.name, HypercareTemplate.otherForm(of: file.name)].compactMap { $0 } }
            if let existing = taken.first(where: { FileManager.default.fileExists(atPath: inputs.directory + "/" + $0) }) {
                throw CLIError("\(inputs.directory)/\(existing) already exists; init never overwrites records")
            }
            for file in files { try AtomicFile.write(file.text, to: inputs.directory + "/" + file.name) }
            print("opsready: started \(inputs.directory)/ (\(files.map(\.name).joined(separator: ", "))); go-live \(goLive)")
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Make the history's records of this workload equal to the records directory, keeping each import.",
            discussion: """
                One transaction: a failed or killed import leaves the history as it was; importing the same files again \
                changes nothing; rows removed from the files are removed from the current records (and kept as history: \
                `status --store --as-known-on DAY`). The history is a SQLite file, or a PostgreSQL database shared by many workloads \
                (--store postgres://user@host/database; the password from the URL or PGPASSWORD).
                """
        )

        @OptionGroup var inputs: HypercareInputs

        @Option(help: "A SQLite file (default: hypercare/history.sqlite next to the manifest) or a postgres:// URL.")
        var store: String?

        @Option(help: "The day the records are as of (YYYY-MM-DD, noon in the workload's time zone; default now): records dated later are refused.")
        var asOf: CalendarDate?

        func run() async throws {
            let directory = inputs.directory
            let manifest = try Manifest.load(path: inputs.manifest)
            let workload = manifest.workload.name
            let described = manifest.workload.goLive.map { HypercareWorkload(name: workload, goLive: $0, timeZone: manifest.workload.timezone ?? "UTC") }
            let chosen = try HypercareInputs.choices(of: manifest)
            var loaded = try HypercareRecords.load(directory: directory, plan: try inputs.loadPlan(choosing: chosen))
            // The workload's seed choices go with its records, so a portfolio judges it against the same plan.
            for c in chosen where c.reason != .byDefault { loaded.seedChoices[c.choice.id] = c.option.id }
            let location = store ?? HypercareInputs.defaultDirectory(inputs.manifest) + "/history.sqlite"
            // Records from the future are refused here as in `status`: the history keeps only what has happened.
            if let goLive = manifest.workload.goLive {
                let zone = Today.timeZone(manifest.workload.timezone)
                _ = try loaded.asOf(asOf?.noon(in: zone) ?? Date(), goLive: goLive.start(in: zone), timeZone: zone, replay: false, origin: directory)
            }
            let summary = try await HypercareHistory.open(location, workload: workload).closing { try await $0.importRecords(loaded, workload: described) }
            let shown = HypercareHistory.isPostgres(location) ? "the PostgreSQL history (workload \(workload))" : location
            print("opsready: imported \(directory) (\(loaded.summary)) into \(shown): \(summary.text)")
        }
    }
}

extension Hypercare {
    struct Overview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overview",
            abstract: "Every workload in a shared history at a glance: week, phase, exit, KPIs not met, missed activities.",
            discussion: "Reads the go-live, time zone and seed choices each `hypercare record` stored; no manifests needed. Exit 0 unless the input is bad (2)."
        )

        @Option(help: "The history: a SQLite file or a postgres:// URL (each holds any number of workloads).")
        var store: String

        @Option(help: "Judge as of this day (YYYY-MM-DD, in each workload's time zone) instead of now.")
        var asOf: CalendarDate?

        @Option(help: "Output format.")
        var format: FormatChoice<HypercareOverview> = .first

        @Option(help: "The hypercare plan (default: rubrics/hypercare/plan.yaml).")
        var plan: String?

        @Option(help: "Language of the output: ko or en.")
        var lang: Language = .en

        func run() async throws {
            let hypercarePlan = try HypercarePlan.load(path: plan ?? ResourceLocator.path("rubrics/hypercare/plan.yaml"))
            let overview = try HypercareOverview.compute(plan: hypercarePlan, choices: try SeedChoices.bundled(),
                                                         workloads: try await HypercareHistory.everyWorkload(store), now: Date(), asOf: asOf,
                                                         origin: HypercareHistory.name(store))
            FileHandle.standardOutput.write(Data(format.render(overview, options: ReportOptions(language: lang)).utf8))
        }
    }
}

/// The options every hypercare command shares: the manifest, the records directory and the plan.
struct HypercareInputs: ParsableArguments {
    @Option(help: "Workload manifest (its go_live date and timezone; the records default to hypercare/ next to it).")
    var manifest: String = "opsready.yaml"

    @Option(help: "Directory of weeks.yaml, incidents.yaml, checklist.yaml and probes.jsonl (default: hypercare/ next to the manifest).")
    var records: String?

    @Option(help: "The hypercare plan (default: rubrics/hypercare/plan.yaml).")
    var plan: String?

    var directory: String { records ?? Self.defaultDirectory(manifest) }

    /// The workload's seed choices (`seed_profile:`, `choices:`).
    static func choices(of manifest: Manifest) throws -> [SeedChoices.Chosen] {
        try manifest.seedChoices(try SeedChoices.bundled(), explicitParams: Set(manifest.params.keys))
    }

    /// The plan with the workload's seed choices applied.
    func loadPlan(choosing chosen: [SeedChoices.Chosen]) throws -> HypercarePlan {
        try HypercarePlan.load(path: plan ?? ResourceLocator.path("rubrics/hypercare/plan.yaml")).choosing(chosen)
    }

    /// `hypercare/` next to the manifest.
    static func defaultDirectory(_ manifest: String) -> String {
        let base = (manifest as NSString).deletingLastPathComponent
        return (base.isEmpty ? "." : base) + "/hypercare"
    }
}

extension HypercareTemplate.Format: ExpressibleByArgument {}
