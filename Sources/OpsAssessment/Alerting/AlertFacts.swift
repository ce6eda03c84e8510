import Foundation
import OpsCore
import OpsDocument

/// One vocabulary for alerts from any source: each CloudWatch alarm, Prometheus alerting rule and seed-format
/// alert rule becomes an `OpsReady::Alert` resource, located where the alert is written, with:
///
/// `Name`, `Source` (cloudwatch, prometheus, alert_rules), `Signal` (service_down, response_time, error_rate,
/// cpu, memory, disk, certificate_expiry, backup_failure, other), `Threshold` with its `Unit` (seconds for
/// response time, percent for rates and utilisation, or the source's unit), `Comparison`, `Duration` (seconds the
/// condition must hold), `Severity`, `Channels` (sms, call, email, slack, pagerduty, webhook…), `Resolves`
/// (recovery is announced), `Runbook` and `RunbookExists`, `Receiver` and `GroupWait` (Alertmanager).
public enum AlertFacts {
    public static let type = "OpsReady::Alert"

    /// The facts for every alert in a snapshot; `fileExists` answers for relative runbook paths. A period, threshold or
    /// duration that is no real number (infinite, not a number, beyond ten years) is an input error at its line.
    public static func derive(_ snapshot: Snapshot, fileExists: (String) -> Bool) throws(DocumentError) -> [Resource] {
        let routing = Routing(snapshot)
        let topics = TopicChannels(snapshot)
        var result: [Resource] = []
        for resource in snapshot.resources {
            guard let properties = resource.properties else { continue }
            var fact: Fact?
            switch resource.type {
            case "AWS::CloudWatch::Alarm": fact = try cloudWatch(resource, properties, topics)
            case "Prometheus::AlertRule": fact = try prometheus(resource, properties, routing)
            case "OpsReady::AlertRule": fact = try alertRule(resource, properties)
            default: break
            }
            guard var f = fact else { continue }
            if let runbook = f.runbook, !runbook.contains("://") {
                let base = (resource.location.file as NSString).deletingLastPathComponent
                f.runbookExists = fileExists(runbook) || fileExists(base + "/" + runbook)
            }
            result.append(f.resource(from: resource))
        }
        return result
    }

    struct Fact {
        var name: String
        var source: String
        var signal: String
        var threshold: Double?
        var unit: String?
        var comparison: String?
        var duration: Int
        var severity: String
        var channels: [String]
        var resolves: Bool
        var runbook: String?
        var runbookExists: Bool?
        var receiver: String?
        var groupWait: Int?
        var expression: String?
        /// Where the condition is written, for findings about threshold, duration or signal.
        var conditionLocation: SourceLocation

        func resource(from origin: Resource) -> Resource {
            let at = conditionLocation
            var fields: [(String, Node)] = [
                ("Name", NodeRewriting.string(name, at: at)),
                ("Source", NodeRewriting.string(source, at: at)),
                ("Signal", NodeRewriting.string(signal, at: at)),
                ("Duration", NodeBuilder.int(duration, at: at)),
                ("Severity", NodeRewriting.string(severity, at: at)),
                ("Channels", Node(.sequence(channels.map { NodeRewriting.string($0, at: at) }), location: at)),
                ("Resolves", Node(.scalar(.bool(resolves)), location: at)),
            ]
            if let threshold { fields.append(("Threshold", NodeBuilder.double(threshold, at: at))) }
            if let unit { fields.append(("Unit", NodeRewriting.string(unit, at: at))) }
            if let comparison { fields.append(("Comparison", NodeRewriting.string(comparison, at: at))) }
            if let runbook { fields.append(("Runbook", NodeRewriting.string(runbook, at: at))) }
            if let runbookExists { fields.append(("RunbookExists", Node(.scalar(.bool(runbookExists)), location: at))) }
            if let receiver { fields.append(("Receiver", NodeRewriting.string(receiver, at: at))) }
            if let groupWait { fields.append(("GroupWait", NodeBuilder.int(groupWait, at: at))) }
            if let expression { fields.append(("Expression", NodeRewriting.string(expression, at: at))) }
            var fact = Resource(type: AlertFacts.type, id: "\(origin.id) (\(source))", physicalId: nil,
                                properties: NodeBuilder.mapping(fields, at: origin.location), location: origin.location,
                                propertiesLocation: origin.location, lastLine: origin.lastLine)
            // A change to what the alert is made of (a threshold parameter, say) touches the fact too.
            fact.dependencies = origin.dependencies
            return fact
        }
    }

    // MARK: Signals and units

    /// Signal by keywords in metric names and the alert's name, most specific first.
    static let signals: [(String, [String])] = [
        ("certificate_expiry", ["daystoexpiry", "cert", "ssl", "tls", "expiry"]),
        ("backup_failure", ["backup"]),
        ("service_down", ["runningtaskcount", "healthyhostcount", "service_health", "servicedown", "service_down", "health", "down", "unavailable"]),
        ("response_time", ["responsetime", "response_time", "latency", "duration"]),
        ("error_rate", ["5xx", "error", "fail"]),
        ("cpu", ["cpu"]),
        ("memory", ["memory", "mem_"]),
        ("disk", ["disk", "filesystem", "freelocalstorage", "freestorage", "storage"]),
    ]

    static func signal(_ texts: [String], expression: String = "") -> String {
        let haystack = texts.map { $0.lowercased() }
        // `up == 0`, `probe_success == 0`, `<exporter>_up == 0`: the target does not answer — service down, whatever the
        // name says (BlackboxProbeFailed is no error rate).
        let compact = expression.replacingOccurrences(of: " ", with: "")
        if compact.range(of: #"^(?:[a-z_:]*_)?(?:up|probe_success)(?:\{[^}]*\})?==0(?:\D|$)"#, options: .regularExpression) != nil { return "service_down" }
        for (signal, words) in signals where haystack.contains(where: { text in words.contains { text.contains($0) } }) { return signal }
        return "other"
    }

    /// Threshold in the vocabulary's unit: seconds for response time, percent for rates and utilisation.
    static func normalize(_ value: Double, signal: String, unit explicit: String?, metrics: [String]) -> (Double, String?) {
        let joined = metrics.joined(separator: " ").lowercased()
        switch signal {
        case "response_time":
            if explicit == "ms" || joined.contains("_ms") || joined.contains("milli") { return (value / 1000, "seconds") }
            return (value, "seconds")
        case "error_rate", "cpu", "memory", "disk":
            if explicit == "%" { return (value, "percent") }
            if value <= 1 && explicit == nil { return (value * 100, "percent") }
            return (value, explicit == nil ? "percent" : explicit)
        default:
            return (value, explicit)
        }
    }

    // MARK: Sources

    static let cloudWatchUnits: [String: String] = [
        "TargetResponseTime": "seconds", "Latency": "seconds", "CPUUtilization": "percent", "MemoryUtilization": "percent",
        "EngineCPUUtilization": "percent", "DaysToExpiry": "days", "FreeLocalStorage": "bytes", "FreeStorageSpace": "bytes",
    ]

    static func cloudWatch(_ resource: Resource, _ p: Node, _ topics: TopicChannels) throws(DocumentError) -> Fact {
        let metric = p["MetricName"]?.string ?? ""
        let name = p["AlarmName"]?.string ?? resource.id
        let description = p["AlarmDescription"]?.string ?? ""
        let signal = signal([metric, name])
        var threshold = try finite(p["Threshold"], key: "Threshold")
        var unit = cloudWatchUnits[metric] ?? (metric.contains("5XX") || metric.contains("Count") ? "count" : nil)
        if let t = threshold, unit == "percent" || unit == "seconds" { (threshold, unit) = (t, unit) }
        let period = try count(p["Period"], key: "Period", upTo: DurationText.longest) ?? 60
        let evaluations = try count(p["EvaluationPeriods"], key: "EvaluationPeriods", upTo: 100_000) ?? 1
        guard period * evaluations <= DurationText.longest else {
            throw DocumentError(at: p.entry("EvaluationPeriods")?.value.location ?? resource.location, "Period × EvaluationPeriods is longer than ten years")
        }
        let lowered = (name + " " + description).lowercased()
        let severity = lowered.contains("critical") ? "critical" : (lowered.contains("warn") ? "warning" : "")
        var channels: [String] = []
        for action in p["AlarmActions"]?.items ?? [] {
            for channel in topics.channels(for: action, in: resource.stack) where !channels.contains(channel) { channels.append(channel) }
        }
        let resolves = !(p["OKActions"]?.items ?? []).isEmpty
        return Fact(name: name, source: "cloudwatch", signal: signal, threshold: threshold, unit: unit,
                    comparison: p["ComparisonOperator"]?.string, duration: period * evaluations, severity: severity, channels: channels,
                    resolves: resolves, runbook: runbook(in: description), expression: metric.isEmpty ? nil : metric,
                    conditionLocation: p.entry("Threshold")?.key.location ?? p.entry("MetricName")?.key.location ?? resource.location)
    }

    static func prometheus(_ resource: Resource, _ p: Node, _ routing: Routing) throws(DocumentError) -> Fact {
        let name = p["alert"]?.string ?? resource.id
        let expression = p["expr"]?.string ?? ""
        let parsed = PromQLCondition(expression)
        let signal = signal(parsed.metrics + [name], expression: expression)
        let normalized = parsed.threshold.map { normalize($0, signal: signal, unit: nil, metrics: parsed.metrics) }
        var labels: [String: String] = ["alertname": name]
        for entry in p["labels"]?.entries ?? [] { labels[entry.key.keyText ?? ""] = entry.value.scalar?.description ?? "" }
        let route = routing.route(labels)
        return Fact(name: name, source: "prometheus", signal: signal, threshold: normalized?.0, unit: normalized?.1,
                    comparison: parsed.comparison, duration: try DurationText.seconds(p["for"], key: "for") ?? 0,
                    severity: labels["severity"] ?? "", channels: route?.channels ?? [], resolves: route?.resolves ?? false,
                    runbook: p["annotations"]?["runbook_url"]?.string ?? p["annotations"]?["runbook"]?.string,
                    receiver: route?.receiver, groupWait: route?.groupWait, expression: expression,
                    conditionLocation: p.entry("expr")?.key.location ?? resource.location)
    }

    static func alertRule(_ resource: Resource, _ p: Node) throws(DocumentError) -> Fact {
        let name = p["name"]?.string ?? resource.id
        let condition = p["condition"]?.string ?? ""
        let parsed = PromQLCondition(condition)
        let signal = signal(parsed.metrics + [name], expression: condition)
        let normalized = parsed.threshold.map { normalize($0, signal: signal, unit: parsed.unit, metrics: parsed.metrics) }
        let channelNames: Set<String> = ["email", "slack", "sms", "call", "pagerduty", "webhook", "kakao", "teams"]
        var channels: [String] = []
        for action in p["actions"]?.items ?? [] {
            let key = action.entries?.first?.key.keyText ?? action.string ?? ""
            if channelNames.contains(key), !channels.contains(key) { channels.append(key) }
        }
        let resolves: Bool = { if case .scalar(.bool(let b))? = p["auto_resolve"]?.content { return b }; return false }()
        return Fact(name: name, source: "alert_rules", signal: signal, threshold: normalized?.0, unit: normalized?.1,
                    comparison: parsed.comparison, duration: try DurationText.seconds(p["duration"], key: "duration") ?? 0,
                    severity: p["severity"]?.string ?? "", channels: channels, resolves: resolves, runbook: p["runbook"]?.string,
                    expression: condition, conditionLocation: p.entry("condition")?.key.location ?? resource.location)
    }

    /// A number that is a real one (finite), or nil when the value is no number at all (a parameter reference).
    static func finite(_ node: Node?, key: String) throws(DocumentError) -> Double? {
        guard let node, let value = number(node) else { return nil }
        guard value.isFinite, value.magnitude <= 1e15 else { throw DocumentError(at: node.location, "'\(key)' must be a finite number (at most 1e15 in size)") }
        return value
    }

    /// A whole number from 1 to `limit`, or nil when the value is no number at all.
    static func count(_ node: Node?, key: String, upTo limit: Int) throws(DocumentError) -> Int? {
        guard let node, let value = number(node) else { return nil }
        guard value.isFinite, value >= 1, value <= Double(limit), value.rounded() == value else {
            throw DocumentError(at: node.location, "'\(key)' must be a whole number from 1 to \(limit)")
        }
        return Int(value)
    }

    static func number(_ node: Node) -> Double? {
        switch node.scalar {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        case .string(let s)?: return Double(s)
        default: return nil
        }
    }

    /// A runbook link in free text: a URL, a `docs/…` or `runbooks/…` path, or what follows `Runbook:`.
    static func runbook(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == ")" }) {
            let w = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
            if w.contains("://") || w.hasPrefix("docs/") || w.hasPrefix("runbooks/") || w.hasSuffix(".md") { return w }
        }
        return nil
    }
}

/// The channels behind each SNS topic, worked out once per snapshot: its subscriptions, subscription resources
/// and AWS Chatbot Slack channels.
struct TopicChannels {
    private var byTopic: [Int: [String]] = [:]
    private var byName: [String: Int] = [:]
    private let snapshot: Snapshot

    static let protocols: [String: String] = ["sms": "sms", "email": "email", "email-json": "email", "https": "webhook", "http": "webhook", "lambda": "webhook"]

    init(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        for (index, topic) in snapshot.resources.enumerated() where topic.type == "AWS::SNS::Topic" {
            for name in [topic.physicalId, topic.properties?["TopicName"]?.string].compactMap({ $0 }) { byName[name] = index }
            var channels: [String] = []
            for subscription in topic.properties?["Subscription"]?.items ?? [] {
                if let p = subscription["Protocol"]?.string, let c = Self.protocols[p] { channels.append(c) }
            }
            for referrer in snapshot.referrers[index] {
                let r = snapshot.resources[referrer]
                if r.type == "AWS::SNS::Subscription", let p = r.properties?["Protocol"]?.string, let c = Self.protocols[p] { channels.append(c) }
                if r.type == "AWS::Chatbot::SlackChannelConfiguration" { channels.append("slack") }
            }
            byTopic[index] = channels
        }
    }

    /// The channels of the topic an alarm action names, by `Ref` within the alarm's stack or by ARN.
    func channels(for action: Node, in stack: String?) -> [String] {
        var index: Int?
        if let id = action["Ref"]?.string { index = snapshot.index(of: id, in: stack) }
        if index == nil, let arn = action.string {
            index = byName[arn] ?? byName[String(arn.split(separator: ":").last ?? "")]
        }
        return index.flatMap { byTopic[$0] } ?? []
    }
}
