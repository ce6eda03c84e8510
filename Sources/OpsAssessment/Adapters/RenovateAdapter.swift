import OpsDocument

/// Renovate's configuration (`renovate.json`, `.github/renovate.json`, `.gitlab/renovate.json`, `.renovaterc.json`):
/// one `OpsReady::DependencyUpdates`, like a Dependabot entry, with the managers it is limited to (all by default) and
/// how often it proposes updates. The interval is read from `schedule` (Renovate's text or cron schedules) or a
/// `schedule:` preset in `extends`; without either Renovate proposes on every run, daily at least. `enabled: false`
/// is `disabled`.
public enum RenovateAdapter: InputAdapter {
    public static let inputName = "a Renovate configuration"
    public static let producedTypes: Set<String>? = ["OpsReady::DependencyUpdates"]

    public static func recognizes(_ document: Node) -> Bool {
        guard document.entries != nil, document["Resources"] == nil, document["AWSTemplateFormatVersion"] == nil else { return false }
        if let schema = document["$schema"]?.string, schema.contains("renovate") { return true }
        let presets = document["extends"]?.items?.compactMap(\.string) ?? []
        return !presets.isEmpty && presets.contains { $0.hasPrefix("config:") || $0.hasPrefix("schedule:") || $0.hasPrefix(":") }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        let at = document.location
        let managers = try strings(document["enabledManagers"], key: "enabledManagers")
        let schedules = try strings(document["schedule"], key: "schedule")
        let presets = try strings(document["extends"], key: "extends")
        var interval = schedules.isEmpty ? presetInterval(presets) ?? .daily : schedules.map(classify).min() ?? .daily
        if case .scalar(.bool(false))? = document["enabled"]?.content { interval = .disabled }
        let intervalAt = document["schedule"]?.location ?? at
        let fields: [(String, Node)] = [("Tool", NodeRewriting.string("renovate", at: at)),
                                        ("Ecosystem", NodeRewriting.string(managers.isEmpty ? "all" : managers.joined(separator: ","), at: at)),
                                        ("Directory", NodeRewriting.string("/", at: at)),
                                        ("Interval", NodeRewriting.string(interval.text, at: intervalAt))]
        return [Resource(type: "OpsReady::DependencyUpdates", id: "renovate", physicalId: nil, properties: NodeBuilder.mapping(fields, at: at),
                         location: at, propertiesLocation: at, lastLine: CloudFormationAdapter.lastLine(document))]
    }

    /// How often updates are proposed, most often first.
    enum Interval: Int, Comparable {
        case daily, weekly, monthly, quarterly, disabled

        var text: String { ["daily", "weekly", "monthly", "quarterly", "disabled"][rawValue] }
        static func < (a: Interval, b: Interval) -> Bool { a.rawValue < b.rawValue }
    }

    /// A list of strings, or one string; anything else is an error at the value.
    static func strings(_ node: Node?, key: String) throws(DocumentError) -> [String] {
        guard let node else { return [] }
        if let text = node.string { return [text] }
        guard let items = node.items else { throw DocumentError(at: node.location, "'\(key)' must be a string or a list of strings") }
        var texts: [String] = []
        for item in items {
            guard let text = item.string else { throw DocumentError(at: item.location, "'\(key)' must list strings") }
            texts.append(text)
        }
        return texts
    }

    /// Renovate's `schedule:` presets.
    static func presetInterval(_ presets: [String]) -> Interval? {
        let table: [String: Interval] = ["schedule:daily": .daily, "schedule:nonOfficeHours": .daily, "schedule:officeHours": .daily,
                                         "schedule:earlyMondays": .weekly, "schedule:weekly": .weekly, "schedule:weekends": .weekly,
                                         "schedule:weekdays": .daily, "schedule:monthly": .monthly, "schedule:quarterly": .quarterly,
                                         "schedule:yearly": .quarterly]
        return presets.compactMap { table[$0] }.min()
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"]

    /// One schedule entry: a cron expression (five fields) or Renovate's text (`before 5am on monday`, `every weekend`,
    /// `on the first day of the month`).
    static func classify(_ entry: String) -> Interval {
        let text = entry.lowercased().trimmingCharacters(in: .whitespaces)
        let fields = text.split(separator: " ")
        if fields.count == 5, fields.allSatisfy({ $0.allSatisfy { "0123456789*/,-".contains($0) } }) {
            if fields[3] != "*" { return .quarterly }
            if fields[2] != "*" { return .monthly }
            if fields[4] != "*" { return .weekly }
            return .daily
        }
        if text.contains("every 3 months") || text.contains("quarter") || text.contains("every 6 months") || text.contains("year") { return .quarterly }
        if text.contains("of the month") || text.contains("every month") || text.contains("on the 1st") { return .monthly }
        if text.contains("weekday") { return .daily }
        if weekdays.contains(where: { text.contains($0) }) { return .weekly }
        return .daily
    }
}
