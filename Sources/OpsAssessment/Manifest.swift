import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// The workload manifest (`opsready.yaml`): what the workload is, its inputs and check packs, the thresholds it
/// chooses, the team's attestations and waivers, contacts, escalation and runbooks. Paths are relative to the
/// manifest's directory; unknown keys, missing files and malformed values are errors with `file:line:column`.
public struct Manifest: Sendable {
    public struct Workload: Sendable {
        public let name: String
        public let owner: String?
        public let environment: String?
        public let goLive: CalendarDate?
        public let timezone: String?
    }

    public let path: String
    public let workload: Workload
    /// Template and snapshot paths, resolved against the manifest's directory; the repository's evidence files included.
    public let inputs: [String]
    /// The workload's repository (`inputs.repository`, else the manifest's directory when it is a git work tree's root),
    /// whose CI/CD definitions and dependency-update configuration are read as evidence (`RepositoryEvidence`).
    public let repository: String?
    /// Check packs to enable (directory names under `checks/`); empty means the default ones (aws, alerting).
    public let packs: [String]
    /// Where each pack is named, for "no such pack" at its line.
    public let packLocations: [String: SourceLocation]
    /// Which checks run (`checks: {skip:, only:}`).
    public let checkSelection: CheckSelection
    public let params: [String: Value]
    /// Where each param's value is written, for type errors at its line and column.
    public let paramLocations: [String: SourceLocation]
    public let attestations: [String: Attestation]
    public let waivers: [Waiver]
    public let contacts: [Contact]
    public let escalation: [EscalationLevel]
    public let incidentTargets: IncidentTargets?
    /// Which seed's value the workload takes where the seeds disagree (`seed_profile:`, `choices:`).
    public let seedSelection: SeedSelection
    public let runbooks: [Runbook]
    /// Named endpoints (`endpoints:`, name → URL or host) that pack probes are bound to.
    public let endpoints: [String: String]
    /// Live checks (`probes:`), evidence for readiness and data for hypercare.
    public let probes: [ProbeSpec]

    public static func load(path: String) throws(DocumentError) -> Manifest {
        let documents = try DocumentLoader.load(path: path)
        guard documents.count == 1 else { throw DocumentError(file: path, message: "a manifest is one YAML document, found \(documents.count)") }
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || base.isEmpty ? relative : base + "/" + relative
        }
        func mustExist(_ relative: String, at location: SourceLocation, what: String) throws(DocumentError) -> String {
            let resolved = resolve(relative)
            guard FileManager.default.fileExists(atPath: resolved) else { throw DocumentError(at: location, "\(what) '\(relative)' does not exist") }
            return resolved
        }

        var reader = try NodeReader(documents[0], what: "manifest")
        var workloadReader = try NodeReader(try reader.required("workload"), what: "workload")
        let workload = Workload(name: try workloadReader.string("name"), owner: try workloadReader.optionalString("owner"),
                                environment: try workloadReader.optionalString("environment"),
                                goLive: try workloadReader.optional("go_live").map { (n) throws(DocumentError) in try date(n, key: "go_live") },
                                timezone: try workloadReader.optionalString("timezone"))
        try workloadReader.finish()
        if let zone = workload.timezone, TimeZone(identifier: zone) == nil {
            throw DocumentError(at: documents[0]["workload"]?["timezone"]?.location ?? documents[0].location, "unknown time zone '\(zone)'")
        }

        var inputs: [String] = []
        var repository: String?
        var packs: [String] = []
        var packLocations: [String: SourceLocation] = [:]
        if let inputsNode = reader.optional("inputs") {
            var inputsReader = try NodeReader(inputsNode, what: "inputs")
            for item in try inputsReader.list("templates") {
                inputs.append(try mustExist(try NodeReader.string(item, key: "templates"), at: item.location, what: "input"))
            }
            packs = try inputsReader.strings("packs")
            for item in inputsNode["packs"]?.items ?? [] { if let name = item.string { packLocations[name] = item.location } }
            if let node = inputsReader.optional("repository") {
                let directory = try mustExist(try NodeReader.string(node, key: "repository"), at: node.location, what: "repository")
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw DocumentError(at: node.location, "repository '\(node.string ?? "")' is not a directory")
                }
                repository = (directory as NSString).standardizingPath
            }
            try inputsReader.finish()
        }
        if repository == nil, FileManager.default.fileExists(atPath: resolve(".git")) { repository = base.isEmpty ? "." : base }
        for file in repository.map(RepositoryEvidence.files(in:)) ?? [] where !inputs.contains(file) { inputs.append(file) }

        var params: [String: Value] = [:]
        var paramLocations: [String: SourceLocation] = [:]
        if let paramsNode = reader.optional("params") {
            guard let entries = paramsNode.entries else { throw DocumentError(at: paramsNode.location, "'params' must be a mapping") }
            for entry in entries {
                let name = entry.key.keyText ?? ""
                params[name] = Value(entry.value)
                paramLocations[name] = entry.value.location
            }
        }

        let checkSelection = try reader.optional("checks").map { (n) throws(DocumentError) in try CheckSelection.parse(n) } ?? CheckSelection()

        var attestations: [String: Attestation] = [:]
        if let node = reader.optional("attestations") {
            guard let entries = node.entries else { throw DocumentError(at: node.location, "'attestations' must map practice ids to answers") }
            for entry in entries {
                let practice = entry.key.keyText ?? ""
                attestations[practice] = try attestation(practice, entry.value, at: entry.key.location, mustExist: mustExist)
            }
        }

        var waivers: [Waiver] = []
        for item in try reader.list("waivers") {
            var w = try NodeReader(item, what: "waiver")
            let check = try w.string("check")
            let file = try w.optional("file").map { (n) throws(DocumentError) in try mustExist(try NodeReader.string(n, key: "file"), at: n.location, what: "waived file") }
            let resource = try w.optionalString("resource")
            let reason = try w.string("reason")
            let owner = try w.string("owner")
            let ticket = try w.optionalString("ticket")
            guard let expiresNode = w.optional("expires") else {
                throw DocumentError(at: item.location, "waiver of \(check) has no 'expires' date; every waiver must expire")
            }
            let expires = try date(expiresNode, key: "expires")
            try w.finish()
            waivers.append(Waiver(check: check, file: file, resource: resource, reason: reason, owner: owner, ticket: ticket,
                                  expires: expires, location: item.location))
        }

        var contacts: [Contact] = []
        for item in try reader.list("contacts") {
            var c = try NodeReader(item, what: "contact")
            contacts.append(Contact(name: try c.string("name"), role: try c.optionalString("role"), phone: try c.optionalString("phone"),
                                    email: try c.optionalString("email")))
            try c.finish()
        }

        var escalation: [EscalationLevel] = []
        for item in try reader.list("escalation") { escalation.append(try EscalationLevel.parse(item)) }

        var incidentTargets: IncidentTargets?
        if let node = reader.optional("incident_targets") {
            incidentTargets = try targets(node)
        }

        let seedSelection = try SeedSelection.parse(profile: reader.optional("seed_profile"), choices: reader.optional("choices"))

        var runbooks: [Runbook] = []
        for item in try reader.list("runbooks") {
            var r = try NodeReader(item, what: "runbook")
            let id = try r.string("id"), title = try r.string("title")
            let pathNode = try r.required("path")
            let resolved = try mustExist(try NodeReader.string(pathNode, key: "path"), at: pathNode.location, what: "runbook")
            try r.finish()
            runbooks.append(Runbook(id: id, title: title, path: resolved))
        }
        var endpoints: [String: String] = [:]
        if let node = reader.optional("endpoints") {
            guard let entries = node.entries else { throw DocumentError(at: node.location, "'endpoints' must map names to URLs or hosts") }
            for entry in entries {
                endpoints[entry.key.keyText ?? ""] = try NodeReader.string(entry.value, key: entry.key.keyText ?? "endpoint")
            }
        }
        var probes: [ProbeSpec] = []
        var probeIds = Set<String>()
        for item in try reader.list("probes") {
            let probe = try ProbeSpec.parse(item, practiceIds: nil, endpoints: endpoints)
            guard probeIds.insert(probe.id).inserted else { throw DocumentError(at: item.location, "duplicate probe id '\(probe.id)'") }
            probes.append(probe)
        }
        try reader.finish()
        return Manifest(path: path, workload: workload, inputs: inputs, repository: repository, packs: packs, packLocations: packLocations, checkSelection: checkSelection,
                        params: params, paramLocations: paramLocations,
                        attestations: attestations, waivers: waivers, contacts: contacts, escalation: escalation,
                        incidentTargets: incidentTargets, seedSelection: seedSelection, runbooks: runbooks, endpoints: endpoints, probes: probes)
    }

    /// The seed choices as this workload takes them; an unknown profile, choice or option is an error at its line.
    /// `explicitParams`: the parameters the workload sets itself (the manifest's and the command line's).
    public func seedChoices(_ catalogue: SeedChoices, explicitParams: Set<String>) throws(DocumentError) -> [SeedChoices.Chosen] {
        try seedSelection.validate(catalogue)
        return catalogue.resolve(profile: seedSelection.profile, picks: seedSelection.picks, explicitParams: explicitParams)
    }

    /// The escalation ladder: the manifest's own, else the one its seed choice gives.
    public func escalation(_ chosen: [SeedChoices.Chosen]) -> [EscalationLevel] {
        escalation.isEmpty ? chosen.lazy.map(\.option.escalation).first { !$0.isEmpty } ?? [] : escalation
    }

    /// The incident targets: the manifest's own, else the preset its seed choice names.
    public func incidentTargets(_ chosen: [SeedChoices.Chosen]) -> IncidentTargets? {
        incidentTargets ?? chosen.lazy.compactMap { $0.option.incidentTargets.flatMap { IncidentTargets.presets[$0] } }.first
    }

    /// Checks the ids the manifest names against what was loaded.
    public func validate(rubric: Rubric, checks: [Check]) throws(DocumentError) {
        let practices = Set(rubric.practices.map(\.id))
        for attestation in attestations.values.sorted(by: { $0.location.line < $1.location.line }) where !practices.contains(attestation.practice) {
            throw DocumentError(at: attestation.location, "attestation for '\(attestation.practice)', which is not a best practice of \(rubric.id)")
        }
        let checkIds = Set(checks.map(\.id))
        for waiver in waivers where !checkIds.contains(waiver.check) {
            throw DocumentError(at: waiver.location, "waiver for unknown check '\(waiver.check)'")
        }
        try CheckParams.validate(params, locations: paramLocations, checks: checks)
        try checkSelection.validate(checks)
    }

    private static func attestation(_ practice: String, _ node: Node, at location: SourceLocation,
                                    mustExist: (String, SourceLocation, String) throws(DocumentError) -> String) throws(DocumentError) -> Attestation {
        var a = try NodeReader(node, what: "attestation for \(practice)")
        let answer = try a.enumeration("answer", Attestation.Answer.self)
        let by = try a.string("by")
        let when = try date(try a.required("date"), key: "date")
        var evidence: [Evidence] = []
        if let evidenceNode = a.optional("evidence") {
            let items = evidenceNode.items ?? [evidenceNode]
            for item in items {
                let text = try NodeReader.string(item, key: "evidence")
                let kind = Evidence.classify(text)
                if case .file = kind { _ = try mustExist(text, item.location, "evidence file") }
                evidence.append(kind)
            }
        }
        let expires = try a.optional("expires").map { (n) throws(DocumentError) in try date(n, key: "expires") }
        let reason = try a.optional("reason").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "reason", Attestation.NotApplicableReason.self) }
        let note = try a.optionalString("note")
        try a.finish()
        if answer == .notApplicable && reason == nil {
            throw DocumentError(at: node.location, "\(practice) is not_applicable without a 'reason' (OUT_OF_SCOPE, BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS or OTHER)")
        }
        if reason == .other && (note ?? "").isEmpty {
            throw DocumentError(at: node.location, "\(practice): reason OTHER needs a 'note' saying why")
        }
        if answer == .yes || answer == .partial, evidence.isEmpty {
            throw DocumentError(at: node.location, "\(practice) is answered '\(answer.rawValue)' without 'evidence'")
        }
        return Attestation(practice: practice, answer: answer, by: by, date: when, evidence: evidence, expires: expires,
                           reason: reason, note: note, location: location)
    }

    private static func targets(_ node: Node) throws(DocumentError) -> IncidentTargets {
        if let name = node.string {
            guard let preset = IncidentTargets.presets[name] else {
                throw DocumentError(at: node.location, "unknown incident target preset '\(name)' (known: \(IncidentTargets.presets.keys.sorted().joined(separator: ", ")))")
            }
            return preset
        }
        var t = try NodeReader(node, what: "incident_targets")
        let source = try t.string("source")
        var response: [String: Duration] = [:]
        for priority in IncidentTargets.priorities { response[priority] = try NodeReader.duration(try t.required(priority), key: priority) }
        try t.finish()
        return IncidentTargets(source: source, response: response)
    }

    static func date(_ node: Node, key: String) throws(DocumentError) -> CalendarDate {
        let text = try NodeReader.string(node, key: key)
        guard let date = CalendarDate(text) else { throw DocumentError(at: node.location, "'\(key)' is '\(text)'; expected a date like 2026-12-01") }
        return date
    }
}
