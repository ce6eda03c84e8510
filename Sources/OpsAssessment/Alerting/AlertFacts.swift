import Foundation
import OpsCore
import OpsDocument
import OpsPromQL

/// One vocabulary for alerts from any source: each CloudWatch alarm, Prometheus alerting rule and seed-format
/// alert rule becomes an `OpsReady::Alert` resource, located where the alert is written, with:
///
/// `Name`, `Source` (cloudwatch, prometheus, alert_rules), `Signal` (a signal of the metric dictionary the alert fires
/// on in its bad direction, else `other`), `Quantity` and `Direction` (what it measures and which way it fires, even
/// when that covers nothing), `Threshold` in the signal's `Unit`, `Comparison`, `Entry` (the dictionary entry that read
/// it), `Reason` (why it is `other`), `Scope` (label matchers such as `job`), `Metrics`, `Duration` (seconds the
/// condition must hold), `Severity`, `Channels` (sms, call, email, slack, pagerduty, webhook…), `Resolves` (recovery is
/// announced), `Runbook` and `RunbookExists`, `Receiver` and `GroupWait` (Alertmanager), `Unreadable` (`--lenient`).
public enum AlertFacts {
    public static let type = "OpsReady::Alert"
    /// The resource types alerts are read from.
    public static let sourceTypes: Set<String> = ["AWS::CloudWatch::Alarm", "Prometheus::AlertRule", "OpsReady::AlertRule"]

    /// Prometheus jobs (or services) the rules name: the components Prometheus alerts are scoped to.
    public static let jobType = "Prometheus::Job"

    /// The derived resources (jobs first, then one fact per alert) and, for each, the components it is an alert on.
    public struct Derived {
        public var resources: [Resource] = []
        public var targets: [[Int]] = []
    }

    /// The facts for every alert in a snapshot, read with the metric dictionary; `fileExists` answers for relative
    /// runbook paths. A period, threshold or duration that is no real number, or a PromQL expression that does not parse,
    /// is an input error at its line — unless `lenient`, when the alert is listed as unreadable and covers nothing.
    public static func derive(_ snapshot: Snapshot, metrics: MetricDictionary, lenient: Bool = false,
                              fileExists: (String) -> Bool) throws(DocumentError) -> Derived {
        let routing = Routing(snapshot)
        let topics = TopicChannels(snapshot)
        let records = try recordingRules(snapshot, lenient: lenient)
        // Each alert read on its own, on every core; the first error in the inputs' order is the one reported.
        let sources = sourceTypes.flatMap { snapshot.indexByType[$0] ?? [] }.sorted()
        let read = ParallelSlots.map(sources.count, grain: 16) { (i) -> Result<Fact?, DocumentError> in
            let resource = snapshot.resources[sources[i]]
            guard let properties = resource.properties else { return .success(nil) }
            return Result { () throws(DocumentError) -> Fact? in
                switch resource.type {
                case "AWS::CloudWatch::Alarm": return try cloudWatch(resource, properties, topics, metrics)
                case "Prometheus::AlertRule": return try prometheus(resource, properties, routing, metrics, records: records, lenient: lenient)
                default: return try alertRule(resource, properties, metrics, lenient: lenient)
                }
            }
        }
        var facts: [(fact: Fact, origin: Int)] = []
        for (index, result) in zip(sources, read) {
            guard var f = try result.get() else { continue }
            if let runbook = f.runbook, !runbook.contains("://") {
                let base = (snapshot.resources[index].location.file as NSString).deletingLastPathComponent
                f.runbookExists = fileExists(runbook) || fileExists(base + "/" + runbook)
            }
            facts.append((f, index))
        }
        // The jobs the rules name, each located at the first rule naming it.
        var jobs: [String: Int] = [:]
        var derived = Derived()
        for (fact, origin) in facts {
            guard case .named(let job) = fact.jobScope, jobs[job] == nil else { continue }
            let rule = snapshot.resources[origin]
            jobs[job] = snapshot.resources.count + derived.resources.count
            derived.resources.append(Resource(type: jobType, id: job, physicalId: job, properties: NodeBuilder.mapping([("Name", NodeRewriting.string(job, at: rule.location))], at: rule.location),
                                              location: rule.location, propertiesLocation: rule.location, lastLine: rule.lastLine))
            derived.targets.append([])
        }
        // Each alert's targets and its fact, on every core.
        let (components, named, everyJob, jobIndex, found) = (AlertTargets(snapshot), derived.resources, jobs.values.sorted(), jobs, facts)
        let made = ParallelSlots.map(found.count, grain: 16) { (i) -> (resource: Resource, targets: [Int]) in
            let (fact, origin) = found[i]
            let targets: [Int]
            switch fact.jobScope {
            case .named(let job): targets = jobIndex[job].map { [$0] } ?? []
            case .every: targets = everyJob
            case .none: targets = components.expand(fact.dimensions.reduce(into: Set<Int>()) { $0.formUnion(snapshot.references(in: $1, from: origin)) })
            }
            let ids = targets.map { $0 < snapshot.resources.count ? snapshot.resources[$0].id : named[$0 - snapshot.resources.count].id }
            return (fact.resource(from: snapshot.resources[origin], targets: ids), targets)
        }
        for (resource, targets) in made {
            derived.resources.append(resource)
            derived.targets.append(targets)
        }
        return derived
    }

    /// The recording rules' expressions by record name; one that does not parse is an error unless `lenient`.
    private static func recordingRules(_ snapshot: Snapshot, lenient: Bool) throws(DocumentError) -> [String: PromQLExpr] {
        var records: [String: PromQLExpr] = [:]
        for rule in snapshot.indexByType["Prometheus::RecordingRule"] ?? [] {
            guard let expr = snapshot.resources[rule].properties?["expr"] else { continue }
            do { records[snapshot.resources[rule].id] = try RuleExpressions.parse(expr) } catch { if !lenient { throw error } }
        }
        return records
    }

    /// Which Prometheus jobs an alert fires for: one it names, every one (it keeps the `job` label), or none.
    enum JobScope: Equatable { case none, every, named(String) }

    struct Fact {
        var name: String
        var source: String
        var condition: AlertCondition
        var duration: Int
        var severity: String
        var channels: [String]
        var resolves: Bool
        var runbook: String?
        var runbookExists: Bool?
        var receiver: String?
        var groupWait: Int?
        var expression: String?
        var metrics: [String] = []
        var unreadable = false
        /// CloudWatch dimension values: what the alarm is scoped to.
        var dimensions: [Node] = []
        var jobScope = JobScope.none
        /// Where the condition is written, for findings about threshold or signal.
        var conditionLocation: SourceLocation
        /// Where how long it must hold is written (`for`, `EvaluationPeriods`), when it is.
        var durationLocation: SourceLocation?

        func resource(from origin: Resource, targets: [String]) -> Resource {
            let at = conditionLocation
            let c = condition
            // Every value is written where the condition is: the nodes share one place (a place each cost an allocation).
            let anchor = NodeRewriting.string(name, at: at)
            func text(_ value: String) -> Node { Node(.scalar(.string(value)), like: anchor) }
            func node(_ content: Node.Content) -> Node { Node(content, like: anchor) }
            var fields: [(String, Node)] = [
                ("Name", anchor),
                ("Source", text(source)),
                ("Signal", text(c.signal)),
                ("Duration", NodeBuilder.int(duration, at: durationLocation ?? at)),
                ("Severity", text(severity)),
                ("Channels", node(.sequence(channels.map { text($0) }))),
                ("Resolves", node(.scalar(.bool(resolves)))),
                ("Metrics", node(.sequence(metrics.map { text($0) }))),
                ("Targets", node(.sequence(targets.map { text($0) }))),
            ]
            if let threshold = c.threshold { fields.append(("Threshold", node(.scalar(.double(threshold))))) }
            if let unit = c.unit { fields.append(("Unit", text(unit.rawValue))) }
            if let comparison = c.comparison { fields.append(("Comparison", text(comparison))) }
            if let quantity = c.quantity { fields.append(("Quantity", text(quantity))) }
            if let direction = c.direction { fields.append(("Direction", text(direction.rawValue))) }
            if let entry = c.entry { fields.append(("Entry", text(entry))) }
            if let reason = c.reason { fields.append(("Reason", text(reason))) }
            if !c.scope.isEmpty {
                fields.append(("Scope", NodeBuilder.mapping(c.scope.sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) }, at: at)))
            }
            if unreadable { fields.append(("Unreadable", node(.scalar(.bool(true))))) }
            if let runbook { fields.append(("Runbook", text(runbook))) }
            if let runbookExists { fields.append(("RunbookExists", node(.scalar(.bool(runbookExists))))) }
            if let receiver { fields.append(("Receiver", text(receiver))) }
            if let groupWait { fields.append(("GroupWait", node(.scalar(.int(Int64(groupWait)))))) }
            if let expression { fields.append(("Expression", text(expression))) }
            var fact = Resource(type: AlertFacts.type, id: "\(origin.id) (\(source))", physicalId: nil,
                                properties: NodeBuilder.mapping(fields, at: origin.location), location: origin.location,
                                propertiesLocation: origin.location, lastLine: origin.lastLine)
            // A change to what the alert is made of (a threshold parameter, say) touches the fact too.
            fact.dependencies = origin.dependencies
            return fact
        }
    }

    // MARK: Sources

    /// A Prometheus selector as the dictionary reads it: the metric name and every matcher.
    static func prometheusReference(_ s: PromQLExpr.VectorSelector) -> MetricDictionary.Reference {
        MetricDictionary.Reference(key: s.metric ?? "", matchers: s.matchers.filter { $0.label != "__name__" }.map { ($0.label, $0.kind.rawValue, $0.value) })
    }

    static func prometheus(_ resource: Resource, _ p: Node, _ routing: Routing, _ metrics: MetricDictionary, records: [String: PromQLExpr],
                           lenient: Bool) throws(DocumentError) -> Fact {
        let name = p["alert"]?.string ?? resource.id
        let exprNode = p["expr"]
        let read = try readCondition(exprNode, missing: "no expression", metrics: metrics, records: records, lenient: lenient)
        var jobScope = JobScope.none
        if let parsed = read.parsed {
            if let job = read.condition.scope["job"] ?? read.condition.scope["service"] {
                jobScope = .named(job)
            } else if parsed.keeps("job") || parsed.keeps("service") {
                jobScope = .every
            }
        }
        var labels: [String: String] = ["alertname": name]
        for entry in p["labels"]?.entries ?? [] { labels[entry.key.keyText ?? ""] = entry.value.scalar?.description ?? "" }
        let route = routing.route(labels)
        return Fact(name: name, source: "prometheus", condition: read.condition, duration: try DurationText.seconds(p["for"], key: "for") ?? 0,
                    severity: labels["severity"] ?? "", channels: route?.channels ?? [], resolves: route?.resolves ?? false,
                    runbook: p["annotations"]?["runbook_url"]?.string ?? p["annotations"]?["runbook"]?.string,
                    receiver: route?.receiver, groupWait: route?.groupWait, expression: exprNode?.string ?? "", metrics: read.metrics,
                    unreadable: read.unreadable, jobScope: jobScope, conditionLocation: p.entry("expr")?.key.location ?? resource.location, durationLocation: p.entry("for")?.key.location)
    }

    /// The seed's rule format (seed 001): `avg_response_time > 3000ms`, `error_rate > 3%` — PromQL once the unit
    /// written after a number is applied (`3000ms` is 3 seconds, `3%` is 0.03).
    static func alertRule(_ resource: Resource, _ p: Node, _ metrics: MetricDictionary, lenient: Bool) throws(DocumentError) -> Fact {
        let name = p["name"]?.string ?? resource.id
        let conditionNode = p["condition"]
        let text = conditionNode?.string ?? ""
        let read = try readCondition(conditionNode, rewrite: SeedRuleUnits.apply, missing: "no condition", metrics: metrics, records: [:], lenient: lenient)
        let channelNames: Set<String> = ["email", "slack", "sms", "call", "pagerduty", "webhook", "kakao", "teams"]
        var channels: [String] = []
        for action in p["actions"]?.items ?? [] {
            let key = action.entries?.first?.key.keyText ?? action.string ?? ""
            if channelNames.contains(key), !channels.contains(key) { channels.append(key) }
        }
        let resolves: Bool = { if case .scalar(.bool(let b))? = p["auto_resolve"]?.content { return b }; return false }()
        return Fact(name: name, source: "alert_rules", condition: read.condition, duration: try DurationText.seconds(p["duration"], key: "duration") ?? 0,
                    severity: p["severity"]?.string ?? "", channels: channels, resolves: resolves, runbook: p["runbook"]?.string,
                    expression: text, metrics: read.metrics, unreadable: read.unreadable,
                    conditionLocation: p.entry("condition")?.key.location ?? resource.location, durationLocation: p.entry("duration")?.key.location)
    }

    /// An alert's expression parsed (after `rewrite`) and read with the dictionary: its condition, the metrics it reads
    /// and the tree. One that does not parse is an error at its line, or with `lenient` an unreadable `other`.
    static func readCondition(_ node: Node?, rewrite: ((String) -> String)? = nil, missing: String, metrics: MetricDictionary,
                              records: [String: PromQLExpr], lenient: Bool) throws(DocumentError)
        -> (condition: AlertCondition, metrics: [String], parsed: PromQLExpr?, unreadable: Bool) {
        guard let node else { return (.other(missing), [], nil, false) }
        do {
            let source = rewrite.map { f in Node(.scalar(.string(f(node.string ?? ""))), location: node.location) } ?? node
            let parsed = try RuleExpressions.parse(source)
            let condition = AlertCondition.classify(parsed, dictionary: metrics, records: records, resolve: prometheusReference)
            return (condition, unique(parsed.selectors.compactMap(\.metric)), parsed, false)
        } catch {
            guard lenient else { throw error }
            return (.other("unreadable: \(error.message)"), [], nil, true)
        }
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
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
