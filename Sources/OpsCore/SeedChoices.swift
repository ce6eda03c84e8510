import OpsDocument
import OpsExpr

/// The values the source documents disagree on (`rubrics/seed-choices.yaml`): each choice with every seed's option and
/// the default, so a workload takes one by name and a report says which — never a value silently picked.
public struct SeedChoices: Sendable {
    public struct Choice: Sendable {
        public let id: String
        public let title: LocalizedText
        public let defaultOption: String
        public let options: [Option]

        public func option(_ id: String) -> Option? { options.first { $0.id == id } }
    }

    public struct Option: Sendable {
        /// `seed-000` … `seed-003`: the seed whose value this is.
        public let id: String
        /// The seed profiles that take this option.
        public let profiles: [String]
        /// The value as people read it: `80% for 5 min`.
        public let value: String
        public let seed: String
        /// Check parameters it sets, by check id.
        public let params: [String: [String: Value]]
        /// Hypercare KPI targets it sets: KPI id → `min`, `max` or `reduce_by` → value.
        public let kpis: [String: [String: Double]]
        /// Hypercare activities it reschedules: activity id → weekday.
        public let activities: [String: String]
        /// The incident-target preset it selects.
        public let incidentTargets: String?
        /// The escalation ladder it gives a workload that names none.
        public let escalation: [EscalationLevel]
    }

    /// How a workload came to its value.
    public enum Reason: String, Sendable {
        case byDefault = "default"
        case profile
        case manifest
        /// The manifest's `params:` set one of the option's parameters itself.
        case params
    }

    /// One choice as a workload took it.
    public struct Chosen: Sendable {
        public let choice: Choice
        public let option: Option
        public let reason: Reason
    }

    public let choices: [Choice]
    /// The profiles any option names (`seed-000` …).
    public var profiles: Set<String> { Set(choices.flatMap { $0.options.flatMap(\.profiles) }) }

    public init(choices: [Choice] = []) { self.choices = choices }

    /// The bundled catalogue, `rubrics/seed-choices.yaml`.
    public static func bundled() throws(DocumentError) -> SeedChoices {
        try load(path: ResourceLocator.path("rubrics/seed-choices.yaml"))
    }

    public static func load(path: String) throws(DocumentError) -> SeedChoices {
        guard let root = try DocumentLoader.load(path: path).first else { throw DocumentError(file: path, message: "empty seed choices") }
        var reader = try NodeReader(root, what: "seed choices")
        var choices: [Choice] = []
        for node in try reader.list("choices") {
            var c = try NodeReader(node, what: "choice")
            let id = try c.string("id"), title = try c.localized("title")
            let defaultNode = try c.required("default")
            var options: [Option] = []
            for optionNode in try c.list("options") { options.append(try option(optionNode)) }
            try c.finish()
            let defaultOption = try NodeReader.string(defaultNode, key: "default")
            guard options.contains(where: { $0.id == defaultOption }) else {
                throw DocumentError(at: defaultNode.location, "choice \(id): default '\(defaultOption)' is none of its options")
            }
            guard !choices.contains(where: { $0.id == id }) else { throw DocumentError(at: node.location, "duplicate choice '\(id)'") }
            choices.append(Choice(id: id, title: title, defaultOption: defaultOption, options: options))
        }
        try reader.finish()
        return SeedChoices(choices: choices)
    }

    private static func option(_ node: Node) throws(DocumentError) -> Option {
        var o = try NodeReader(node, what: "option")
        let id = try o.string("id")
        let profiles = o.optional("profiles") == nil ? [id] : try o.strings("profiles")
        let value = try o.string("value"), seed = try o.string("seed")
        var params: [String: [String: Value]] = [:]
        for entry in o.optional("params")?.entries ?? [] {
            params[entry.key.keyText ?? ""] = Dictionary((entry.value.entries ?? []).map { ($0.key.keyText ?? "", Value($0.value)) }) { a, _ in a }
        }
        var kpis: [String: [String: Double]] = [:]
        for entry in o.optional("kpis")?.entries ?? [] {
            var targets: [String: Double] = [:]
            for target in entry.value.entries ?? [] {
                let key = target.key.keyText ?? ""
                let number: Double? = switch Value(target.value) {
                case .int(let i): Double(i)
                case .uint(let u): Double(u)
                case .double(let d) where d.isFinite: d
                default: nil
                }
                guard ["min", "max", "reduce_by"].contains(key), let number else {
                    throw DocumentError(at: target.key.location, "a KPI target is min, max or reduce_by with a number")
                }
                targets[key] = number
            }
            kpis[entry.key.keyText ?? ""] = targets
        }
        var activities: [String: String] = [:]
        for entry in o.optional("activities")?.entries ?? [] {
            activities[entry.key.keyText ?? ""] = try NodeReader.string(entry.value, key: entry.key.keyText ?? "activity")
        }
        let incidentTargets = try o.optionalString("incident_targets")
        var escalation: [EscalationLevel] = []
        for item in try o.list("escalation") { escalation.append(try EscalationLevel.parse(item)) }
        try o.finish()
        return Option(id: id, profiles: profiles, value: value, seed: seed, params: params, kpis: kpis, activities: activities,
                      incidentTargets: incidentTargets, escalation: escalation)
    }

    /// Each choice as a workload takes it: the manifest's `choices:` first, then its `seed_profile`, else the default;
    /// a choice whose parameters the workload sets itself (`explicitParams`, names or `CHECK.name`) says so.
    public func resolve(profile: String?, picks: [String: String], explicitParams: Set<String> = []) -> [Chosen] {
        choices.map { choice in
            var option = choice.option(choice.defaultOption)!
            var reason = Reason.byDefault
            if let profile, let byProfile = choice.options.first(where: { $0.profiles.contains(profile) }) { (option, reason) = (byProfile, .profile) }
            if let pick = picks[choice.id], let picked = choice.option(pick) { (option, reason) = (picked, .manifest) }
            let overridden = option.params.contains { check, params in
                params.keys.contains { explicitParams.contains($0) || explicitParams.contains(check + "." + $0) }
            }
            return Chosen(choice: choice, option: option, reason: overridden ? .params : reason)
        }
    }

    /// The workload's parameter overrides with the chosen options' under them: an option's value is a `CHECK.name`
    /// override (read before the check's default), left out where the workload sets that parameter itself.
    public static func parameters(_ chosen: [Chosen], under explicit: [String: Value]) -> [String: Value] {
        var overrides = explicit
        for c in chosen {
            for (check, params) in c.option.params {
                for (name, value) in params where explicit[name] == nil && explicit[check + "." + name] == nil {
                    overrides[check + "." + name] = value
                }
            }
        }
        return overrides
    }
}
