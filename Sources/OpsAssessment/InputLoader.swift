import Foundation
import OpsCore
import OpsDocument

/// Turns the paths a user gives into a `Snapshot`: files are read as given, directories are scanned for
/// templates (`.yaml`, `.yml`, `.json`, `.template`), and each document goes to the first of `InputAdapters.all`
/// that recognises it. Alerts from all of them are then described as `OpsReady::Alert` facts.
public struct InputLoader: Sendable {
    public var limits: LoadLimits
    /// Template parameter values that replace the template's own defaults.
    public var parameterOverrides: [String: Node]
    /// What metrics measure, for reading alerts (default: the bundled `checks/alerting/metrics.yaml`).
    public var metrics: MetricDictionary?
    /// An alert expression that does not parse is listed as unreadable instead of stopping the load.
    public var lenient: Bool
    /// The workload's repository, scanned as evidence (`RepositoryScan`) beside the inputs.
    public var repository: String?
    /// The day the repository's history is read up to (the assessment day); without it, history is not read.
    public var historyUntil: CalendarDate?
    /// Work out what each resource depends on, for gating a change (`--changed-files`, `--git-diff`); a tenth of
    /// loading a large template, so an assessment of everything leaves it out.
    public var tracksDependencies = true

    public init(limits: LoadLimits = .default, parameterOverrides: [String: Node] = [:], metrics: MetricDictionary? = nil, lenient: Bool = false) {
        self.limits = limits
        self.parameterOverrides = parameterOverrides
        self.metrics = metrics
        self.lenient = lenient
    }

    public struct Result: Sendable {
        public let snapshot: Snapshot
        /// Files in scanned directories that no adapter recognised.
        public let skipped: [String]
    }

    public func load(paths: [String]) throws(DocumentError) -> Result {
        var files: [(path: String, explicit: Bool)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DocumentError(file: path, message: "no such file or directory")
            }
            if isDirectory.boolValue {
                files += Self.templateFiles(in: path).map { (path: $0, explicit: false) }
            } else {
                files.append((path: path, explicit: true))
            }
        }
        // A file given twice (or inside a directory also given) is read once.
        var listed = Set<String>()
        files = files.filter { listed.insert($0.path).inserted }
        var resources: [Resource] = []
        var used: [String] = []
        var skipped: [String] = []
        var seen = Set<String>()
        // The files given or found are read, parsed and put through their adapters on every core; the loop below takes
        // them in order (the first error in that order is the one reported) and loads nested stacks as it meets them.
        let (paths, limits, overrides, dependencies) = (files.map(\.path), limits, parameterOverrides, tracksDependencies)
        let prepared = ParallelSlots<Swift.Result<[[Resource]?], DocumentError>>.map(paths.count) { i in
            Swift.Result { () throws(DocumentError) in
                try Self.read(InputSource(file: paths[i], parameterOverrides: overrides, tracksDependencies: dependencies), limits: limits)
            }
        }
        var queue = files.indices.map { (path: files[$0].path, explicit: files[$0].explicit, overrides: parameterOverrides, prepared: Optional(prepared[$0])) }
        while !queue.isEmpty {
            let file = queue.removeFirst()
            guard seen.insert(file.path).inserted else { continue }
            let documents = if let prepared = file.prepared { try prepared.get() } else {
                try Self.read(InputSource(file: file.path, parameterOverrides: file.overrides, tracksDependencies: dependencies), limits: limits)
            }
            var recognised = false
            for document in documents {
                guard var found = document else { continue }
                let nested = try Self.nestedStacks(in: found, parent: file.path)
                // A change anywhere in a nested stack's file touches the parent's stack resource, and what depends on it.
                for child in nested {
                    let stack = found[child.index]
                    let declaration = SourceSpan(file: stack.location.file, lines: stack.location.line...stack.lastLine)
                    for i in found.indices where i == child.index || found[i].dependencies.contains(declaration) {
                        found[i].dependencies.append(SourceSpan(file: child.path, lines: nil))
                    }
                }
                resources += found
                queue += nested.map { (path: $0.path, explicit: true, overrides: $0.overrides, prepared: nil) }
                recognised = true
            }
            if recognised {
                used.append(file.path)
            } else if file.explicit {
                throw DocumentError(file: file.path, line: 1, column: 1, message: "not a recognised input (\(InputAdapters.expected))")
            } else {
                skipped.append(file.path)
            }
        }
        if let repository {
            let scan = try RepositoryScan.document(root: repository, inputs: paths, historyUntil: historyUntil)
            resources += try RepositoryAdapter.resources(in: scan.document, source: InputSource(file: repository))
            used += scan.files.filter { !used.contains($0) }
        }
        let snapshot = try Self.snapshot(Self.mergingParts(resources), files: used, metrics: metrics, lenient: lenient) { FileManager.default.fileExists(atPath: $0) }
        return Result(snapshot: snapshot, skipped: skipped)
    }

    /// Each document of the source's file as its adapter reads it (nil: no adapter recognises it).
    ///
    /// What the resources do not keep of a large file's tree (its outline, keys, sections no check reads) is freed on
    /// another thread: a 10k-resource template's took 5–10 ms on this one while the snapshot waited.
    static func read(_ source: InputSource, limits: LoadLimits) throws(DocumentError) -> [[Resource]?] {
        let documents = try DocumentLoader.load(path: source.file, limits: limits)
        let read = try documents.map { document throws(DocumentError) in try resources(in: document, source: source) }
        if read.reduce(0, { $0 + ($1?.count ?? 0) }) >= 1_000 { Release.elsewhere(consume documents) }
        return read
    }

    /// The resources of one document from the adapter that recognises it; nil when none does.
    public static func resources(in document: Node, file: String, overrides: [String: Node] = [:]) throws(DocumentError) -> [Resource]? {
        try resources(in: document, source: InputSource(file: file, parameterOverrides: overrides))
    }

    static func resources(in document: Node, source: InputSource) throws(DocumentError) -> [Resource]? {
        guard let adapter = try InputAdapters.adapter(for: document) else { return nil }
        return try adapter.resources(in: document, source: source)
    }

    /// The snapshot of loaded resources plus the alert facts derived from them (routing needs every input), read with
    /// `metrics` (default: the bundled dictionary, loaded only when there are alerts).
    public static func snapshot(_ resources: [Resource], files: [String], metrics: MetricDictionary? = nil, lenient: Bool = false,
                                fileExists: (String) -> Bool) throws(DocumentError) -> Snapshot {
        let hasAlerts = resources.contains(where: { AlertFacts.sourceTypes.contains($0.type) })
        // The bundled dictionary is read on another core while the snapshot is built.
        if hasAlerts && metrics == nil { DispatchQueue.global().async { _ = MetricDictionary.bundled } }
        var snapshot = Snapshot(resources: resources, files: files)
        guard hasAlerts else { return snapshot }
        let dictionary = if let metrics { metrics } else { try MetricDictionary.loadBundled() }
        let derived = try AlertFacts.derive(snapshot, metrics: dictionary, lenient: lenient, fileExists: fileExists)
        snapshot.add(derived.resources, alertTargets: derived.targets)
        return snapshot
    }

    /// Parts of one resource from several files (one bucket's `get-bucket-*` outputs) as one resource at the first part,
    /// each property still located in the file it came from.
    static func mergingParts(_ resources: [Resource]) -> [Resource] {
        guard resources.contains(where: \.isPart) else { return resources }
        var result: [Resource] = []
        var first: [String: Int] = [:]
        for resource in resources {
            guard resource.isPart else { result.append(resource); continue }
            let key = resource.type + "\u{0}" + resource.id
            guard let index = first[key] else {
                first[key] = result.count
                result.append(resource)
                continue
            }
            let merged = result[index]
            let have = Set(merged.properties?.entries?.compactMap(\.key.string) ?? [])
            let added = (resource.properties?.entries ?? []).filter { !have.contains($0.key.string ?? "") }
            if let base = merged.properties, let entries = base.entries {
                result[index].properties = Node(.mapping(entries + added), location: base.location)
            }
        }
        return result
    }

    /// Nested stacks whose `TemplateURL` is a local path (as before `aws cloudformation package`), with the
    /// parameter values the parent passes them.
    static func nestedStacks(in resources: [Resource], parent: String) throws(DocumentError) -> [(index: Int, path: String, overrides: [String: Node])] {
        var result: [(index: Int, path: String, overrides: [String: Node])] = []
        let base = (parent as NSString).deletingLastPathComponent
        for (index, stack) in resources.enumerated() where stack.type == "AWS::CloudFormation::Stack" {
            guard let urlNode = stack.properties?["TemplateURL"], let url = urlNode.string, !url.contains("://") else { continue }
            let path = url.hasPrefix("/") || base.isEmpty ? url : base + "/" + url
            guard FileManager.default.fileExists(atPath: path) else {
                throw DocumentError(at: urlNode.location, "nested stack template '\(url)' does not exist")
            }
            var overrides: [String: Node] = [:]
            for entry in stack.properties?["Parameters"]?.entries ?? [] { overrides[entry.key.keyText ?? ""] = entry.value }
            result.append((index: index, path: path, overrides: overrides))
        }
        return result
    }

    /// Template-like files below a directory, sorted, skipping hidden and build directories.
    public static func templateFiles(in directory: String) -> [String] {
        let suffixes = [".yaml", ".yml", ".json", ".template"]
        let files = DirectoryWalk.files(in: directory, admits: { !$0.hasPrefix(".") && $0 != "node_modules" }) { name in
            let lower = name.lowercased()
            return suffixes.contains(where: { lower.hasSuffix($0) })
        }
        return (files ?? []).sorted()
    }
}
