import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsExpr

/// What to assess and against what: shared by `assess` and `baseline update`.
struct InputOptions: ParsableArguments {
    @Argument(help: "Templates or directories to scan (default: the manifest's inputs).")
    var paths: [String] = []

    @Option(help: "Workload manifest (opsready.yaml).")
    var manifest: String?

    @Option(name: .customLong("checks"), help: "Check pack directory; repeat for several (default: the manifest's packs, else checks/aws and checks/alerting).")
    var checkDirectories: [String] = []

    @Option(name: .customLong("rubrics"), help: "Rubric directory (default: the bundled rubrics/operational-excellence).")
    var rubricDirectory: String?

    @Option(name: .customLong("param"), help: "Override a check threshold, name=value (YAML scalar); repeatable.")
    var params: [String] = []

    @Option(help: "Judge attestation and waiver expiry as of this date (YYYY-MM-DD; default: today in the workload's time zone).")
    var asOf: CalendarDate?

    @Option(name: .customLong("skip-check"), help: "Do not run this check (an id or a glob such as 'AICC-LOG-*'); reported as skipped. Repeatable.")
    var skipChecks: [String] = []

    @Option(name: .customLong("check"), help: "Run only this check (an id or a glob); repeatable.")
    var onlyChecks: [String] = []

    @Flag(help: "List alert expressions that do not parse as unreadable (they cover nothing) instead of stopping at the first.")
    var lenient = false

    /// Everything loaded and validated, ready to evaluate.
    struct Loaded {
        let manifest: Manifest?
        let rubric: Rubric
        let checks: [Check]
        let inputs: [String]
        let overrides: Engine.ParamOverrides
        let day: CalendarDate
        /// The manifest's and its packs' live probes (run only with `--probes`).
        let probes: [ProbeSpec]
        /// Which checks run: the manifest's `checks:` and the command line's.
        let selection: CheckSelection

        /// The source documents, named in reports.
        let seeds: SeedCatalog
        /// Which seed's value the workload takes where the seeds disagree.
        let seedChoices: [SeedChoices.Chosen]
        let lenient: Bool
        /// The inputs, loading since they were known (`loading.result()` waits for them).
        let loading: InputLoading

        /// What assesses these inputs.
        var assessor: Assessor {
            var assessor = Assessor(rubric: rubric, checks: checks, manifest: manifest, params: overrides, day: day, selection: selection,
                                    loader: InputLoader(lenient: lenient))
            assessor.seeds = seeds
            assessor.seedChoices = seedChoices
            return assessor
        }
    }

    /// Everything the command line and the manifest name, loaded and validated; the inputs load meanwhile, on a thread
    /// of their own (a bad input is reported only after any error here). `tracksDependencies`: the command gates a
    /// change, so what each resource depends on is worked out.
    func load(tracksDependencies: Bool = true) throws -> Loaded {
        let manifestValue = try manifest.map { path throws(DocumentError) in try Manifest.load(path: path) }
        var inputs = paths
        if inputs.isEmpty { inputs = manifestValue?.inputs ?? [] }
        let day = asOf ?? manifestValue.map { Today.date(in: $0.workload.timezone) } ?? Today.date(in: nil)
        var loader = Assessor.loader(InputLoader(lenient: lenient), manifest: manifestValue, day: day)
        loader.tracksDependencies = tracksDependencies
        let loading = inputs.isEmpty ? nil : InputLoading(loader, paths: inputs)
        let rubric = try RubricLoader.load(directory: rubricDirectory ?? ResourceLocator.path("rubrics/operational-excellence"))
        let directories = checkDirectories.isEmpty ? try Self.packDirectories(manifestValue) : checkDirectories
        let checks = try CheckLoader.load(directories: directories, rubrics: [rubric])
        try manifestValue?.validate(rubric: rubric, checks: checks)
        guard let loading else { throw ValidationError("Give templates or directories to assess, or a --manifest with inputs.") }
        var overrides = manifestValue?.params ?? [:]
        var locations = manifestValue?.paramLocations ?? [:]
        for item in params {
            guard let eq = item.firstIndex(of: "=") else { throw ValidationError("--param takes name=value, got '\(item)'") }
            let name = String(item[..<eq])
            let node = try DocumentLoader.parse(String(item[item.index(after: eq)...]), file: "--param \(name)").first
            overrides[name] = node.map(Value.init) ?? .null
            locations[name] = nil
        }
        try CheckParams.validate(overrides, locations: locations, checks: checks)
        let catalogue = try SeedChoices.bundled()
        let chosen = try manifestValue.map { m throws(DocumentError) in try m.seedChoices(catalogue, explicitParams: Set(overrides.keys)) }
            ?? catalogue.resolve(profile: nil, picks: [:], explicitParams: Set(overrides.keys))
        overrides = SeedChoices.parameters(chosen, under: overrides)
        var selection = manifestValue?.checkSelection ?? CheckSelection()
        selection.skip += skipChecks.map { CheckSelection.Skip(pattern: $0, reason: "--skip-check on the command line", location: nil) }
        selection.only += onlyChecks.map { CheckSelection.Only(pattern: $0, location: nil) }
        try selection.validate(checks)
        let probes = try manifestValue.map { m throws(DocumentError) in try Self.probes(of: m, rubric: rubric, directories: directories) } ?? []
        let seeds = try SeedCatalog.load(path: ResourceLocator.path("rubrics/seeds.yaml"))
        return Loaded(manifest: manifestValue, rubric: rubric, checks: checks, inputs: inputs, overrides: overrides, day: day, probes: probes,
                      selection: selection, seeds: seeds, seedChoices: chosen, lenient: lenient, loading: loading)
    }

    /// The packs a workload gets when it names none: what holds for any AWS workload. An overlay for one kind of
    /// workload (`aicc`) runs only where a manifest names it.
    static let defaultPacks = ["aws", "alerting"]

    /// The check packs the manifest names (under `checks/`), or the default ones. A pack that does not exist is an
    /// error at the manifest line that names it.
    static func packDirectories(_ manifest: Manifest?) throws(DocumentError) -> [String] {
        let named = manifest?.packs ?? []
        let root = ResourceLocator.path("checks")
        let known = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for pack in named where !known.contains(pack) {
            let location = manifest?.packLocations[pack] ?? SourceLocation(file: manifest?.path ?? "manifest", line: 1, column: 1)
            throw DocumentError(at: location, "no check pack '\(pack)' (bundled packs: \(known.joined(separator: ", ")))")
        }
        return (named.isEmpty ? defaultPacks : named).map { root + "/" + $0 }
    }

    /// The manifest's probes and those of its packs, bound to its endpoints.
    static func probes(of manifest: Manifest, rubric: Rubric, directories: [String]) throws(DocumentError) -> [ProbeSpec] {
        let fromPacks = try ProbePackLoader.load(directories: directories, practiceIds: Set(rubric.practices.map(\.id)), endpoints: manifest.endpoints)
        return try ProbePackLoader.combine(manifest.probes, fromPacks, rubric: rubric)
    }
}
