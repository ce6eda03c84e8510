import Foundation
import OpsCore
import OpsDocument
import OpsPromQL

/// A CloudWatch alarm read as an alert: a single metric (`Namespace`, `MetricName`, `Statistic` or
/// `ExtendedStatistic`, `Dimensions`), or metric math (`Metrics`: `MetricStat`s and `Expression`s, the one with
/// `ReturnData` compared), or an anomaly band (`ThresholdMetricId`: a direction and no threshold).
extension AlertFacts {
    static let comparisons: [String: PromQLExpr.BinaryOperator] = [
        "GreaterThanThreshold": .greater, "GreaterThanOrEqualToThreshold": .greaterOrEqual,
        "LessThanThreshold": .less, "LessThanOrEqualToThreshold": .lessOrEqual,
        "GreaterThanUpperThreshold": .greater, "LessThanLowerThreshold": .less,
    ]

    static func cloudWatch(_ resource: Resource, _ p: Node, _ topics: TopicChannels, _ metrics: MetricDictionary) throws(DocumentError) -> Fact {
        let name = p["AlarmName"]?.string ?? resource.id
        let description = p["AlarmDescription"]?.string ?? ""
        let threshold = try finite(p["Threshold"], key: "Threshold")
        var period = try count(p["Period"], key: "Period", upTo: DurationText.longest)
        let evaluations = try count(p["EvaluationPeriods"], key: "EvaluationPeriods", upTo: 100_000) ?? 1
        let operatorText = p["ComparisonOperator"]?.string ?? ""
        var condition: AlertCondition
        var metricNames: [String] = []
        var expressionText: String?
        if let queries = p["Metrics"]?.items {
            let math = try metricMath(queries, metrics: metrics)
            metricNames = math.metrics
            expressionText = math.expression
            period = period ?? math.period
            if let band = p["ThresholdMetricId"]?.string {
                condition = anomalyBand(math.reading, operatorText, band: band, metrics: metrics)
            } else if let reading = math.reading, let op = comparisons[operatorText], let threshold {
                condition = AlertCondition.compare(reading, op, threshold, dictionary: metrics)
            } else {
                condition = .other(math.reason ?? "no threshold to compare with")
            }
        } else {
            let namespace = p["Namespace"]?.string ?? "", metric = p["MetricName"]?.string ?? ""
            let key = namespace + "/" + metric
            metricNames = metric.isEmpty ? [] : [key]
            expressionText = metric.isEmpty ? nil : key
            let reference = MetricDictionary.Reference(key: key, matchers: dimensions(p["Dimensions"]),
                                                       statistic: p["Statistic"]?.string ?? p["ExtendedStatistic"]?.string)
            if let q = metrics.quantity(of: reference) {
                let reading = AlertCondition.Reading(quantity: q, unit: q.unit)
                if let band = p["ThresholdMetricId"]?.string {
                    condition = anomalyBand(reading, operatorText, band: band, metrics: metrics)
                } else if let op = comparisons[operatorText], let threshold {
                    condition = AlertCondition.compare(reading, op, threshold, dictionary: metrics)
                } else {
                    condition = .other(threshold == nil ? "no threshold to compare with" : "comparison '\(operatorText)' not understood")
                }
            } else {
                condition = .other(metric.isEmpty ? "no metric" : metrics.miss(reference))
            }
        }
        let seconds = (period ?? 60) * evaluations
        guard seconds <= DurationText.longest else {
            throw DocumentError(at: p.entry("EvaluationPeriods")?.value.location ?? resource.location, "Period × EvaluationPeriods is longer than ten years")
        }
        let lowered = (name + " " + description).lowercased()
        let severity = lowered.contains(literal: "critical") ? "critical" : (lowered.contains(literal: "warn") ? "warning" : "")
        var channels: [String] = []
        for action in p["AlarmActions"]?.items ?? [] {
            for channel in topics.channels(for: action, in: resource.stack) where !channels.contains(channel) { channels.append(channel) }
        }
        let resolves = !(p["OKActions"]?.items ?? []).isEmpty
        var scoped: [Node] = p["Dimensions"].map { [$0] } ?? []
        for q in p["Metrics"]?.items ?? [] { if let d = q["MetricStat"]?["Metric"]?["Dimensions"] { scoped.append(d) } }
        return Fact(name: name, source: "cloudwatch", condition: condition, duration: seconds, severity: severity, channels: channels,
                    resolves: resolves, runbook: runbook(in: description), expression: expressionText, metrics: metricNames, dimensions: scoped,
                    conditionLocation: p.entry("Threshold")?.key.location ?? p.entry("Metrics")?.key.location ?? p.entry("MetricName")?.key.location ?? resource.location,
                    durationLocation: p.entry("EvaluationPeriods")?.key.location ?? p.entry("Period")?.key.location)
    }

    /// An anomaly band: fires above (or below) a band the model draws, so it has a direction and no threshold to compare.
    static func anomalyBand(_ reading: AlertCondition.Reading?, _ operatorText: String, band: String, metrics: MetricDictionary) -> AlertCondition {
        guard let reading else { return .other("anomaly band on a metric not in the dictionary") }
        let op: PromQLExpr.BinaryOperator = operatorText == "LessThanLowerThreshold" ? .less : .greater
        var c = AlertCondition.compare(reading, op, 0, dictionary: metrics)
        c.threshold = nil
        c.comparison = nil
        if operatorText == "LessThanLowerOrGreaterThanUpperThreshold", let q = c.quantity {
            // Either way out of the band: it fires in the bad direction too.
            c.signal = q
            c.direction = metrics.signals[q]?.bad
            c.reason = nil
        }
        c.reason = (c.reason.map { $0 + "; " } ?? "") + "anomaly band '\(band)': no threshold"
        return c
    }

    /// Dimensions as `=` matchers; a value that is a reference keeps the referenced name.
    static func dimensions(_ node: Node?) -> [(label: String, op: String, value: String)] {
        (node?.items ?? []).compactMap { d in
            guard let name = d["Name"]?.string else { return nil }
            let value = d["Value"]?.string ?? d["Value"]?["Ref"]?.string ?? d["Value"]?["Fn::GetAtt"]?.items?.first?.string ?? ""
            return (name, "=", value)
        }
    }

    struct MetricMath {
        var reading: AlertCondition.Reading?
        var reason: String?
        var metrics: [String] = []
        var expression: String?
        var period: Int?
    }

    /// The query an alarm compares (the one with `ReturnData`, else the only expression), read through the metrics it names.
    static func metricMath(_ queries: [Node], metrics: MetricDictionary) throws(DocumentError) -> MetricMath {
        var stats: [String: MetricDictionary.Reference] = [:]
        var result = MetricMath()
        var returned: Node?
        for q in queries {
            guard let id = q["Id"]?.string else { continue }
            if case .scalar(.bool(true))? = q["ReturnData"]?.content { returned = q }
            guard let stat = q["MetricStat"] else { continue }
            let metric = stat["Metric"]
            let key = (metric?["Namespace"]?.string ?? "") + "/" + (metric?["MetricName"]?.string ?? "")
            stats[id] = MetricDictionary.Reference(key: key, matchers: dimensions(metric?["Dimensions"]), statistic: stat["Stat"]?.string)
            result.metrics.append(key)
            if let p = try count(stat["Period"], key: "Period", upTo: DurationText.longest) { result.period = min(result.period ?? p, p) }
        }
        let expressions = queries.filter { $0["Expression"] != nil }
        guard let chosen = returned ?? (expressions.count == 1 ? expressions[0] : queries.count == 1 ? queries[0] : nil) else {
            result.reason = "no query has ReturnData: true"
            return result
        }
        if let id = chosen["Id"]?.string, let reference = stats[id] {
            result.expression = reference.key
            result.reading = metrics.quantity(of: reference).map { AlertCondition.Reading(quantity: $0, unit: $0.unit) }
            if result.reading == nil { result.reason = metrics.miss(reference) }
            return result
        }
        guard let text = chosen["Expression"]?.string else {
            result.reason = "the returned query has neither MetricStat nor Expression"
            return result
        }
        result.expression = text
        // Metric math is PromQL's arithmetic over query ids; FILL(m, v) reads as m.
        let rewritten = text.replacingOccurrences(of: #"FILL\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,[^()]*\)"#, with: "$1", options: .regularExpression)
        guard let parsed = try? PromQLParser.parse(rewritten) else {
            result.reason = "metric math '\(text)' not understood"
            return result
        }
        let resolve: AlertCondition.Resolve = { s in stats[s.name ?? ""] ?? MetricDictionary.Reference(key: s.name ?? "") }
        let probe = AlertCondition.Analyzer(dictionary: metrics, resolve: resolve, records: [:])
        result.reading = probe.read(parsed)
        if result.reading == nil { result.reason = "metric math '\(text)' is not one quantity of the dictionary" }
        return result
    }
}
