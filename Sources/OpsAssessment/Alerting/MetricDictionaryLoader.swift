import Foundation
import OpsCore
import OpsDocument

extension MetricDictionary {
    /// The bundled dictionary, `checks/alerting/metrics.yaml`, read once.
    public static let bundled: Result<MetricDictionary, DocumentError> = Result { () throws(DocumentError) in
        try load(path: ResourceLocator.path("checks/alerting/metrics.yaml"))
    }

    /// The bundled dictionary, or the error that keeps it from loading.
    public static func loadBundled() throws(DocumentError) -> MetricDictionary {
        switch bundled {
        case .success(let dictionary): return dictionary
        case .failure(let error): throw error
        }
    }

    /// Reads a dictionary file; any mistake is an error at its line.
    public static func load(path: String) throws(DocumentError) -> MetricDictionary {
        guard let root = try DocumentLoader.load(path: path).first else { throw DocumentError(file: path, line: 1, column: 1, message: "empty metric dictionary") }
        var reader = try NodeReader(root, what: "metric dictionary")
        var signals: [String: Signal] = [:]
        var order: [String] = []
        for entry in try reader.required("signals").entries ?? [] {
            var s = try NodeReader(entry.value, what: "signal")
            let name = try NodeReader.string(entry.key, key: "signals")
            signals[name] = Signal(name: name, unit: try s.enumeration("unit", Unit.self), bad: try s.enumeration("bad", Direction.self))
            order.append(name)
            try s.finish()
        }
        var components: [(type: String, signals: [String])] = []
        for entry in reader.optional("components")?.entries ?? [] {
            let type = try NodeReader.string(entry.key, key: "components")
            var needed: [String] = []
            for item in entry.value.items ?? [] {
                let name = try NodeReader.string(item, key: type)
                for alternative in name.split(separator: "|").map(String.init) where signals[alternative] == nil {
                    throw DocumentError(at: item.location, "unknown signal '\(alternative)'")
                }
                needed.append(name)
            }
            components.append((type, needed))
        }
        var quantities: [Quantity] = []
        var ids = Set<String>()
        for node in try reader.list("quantities") {
            var q = try NodeReader(node, what: "quantity")
            let id = try q.string("id")
            guard ids.insert(id).inserted else { throw DocumentError(at: node.location, "quantity '\(id)' is defined twice") }
            let signalNode = try q.required("signal")
            let signal = try NodeReader.string(signalNode, key: "signal")
            guard signals[signal] != nil else {
                throw DocumentError(at: signalNode.location, "unknown signal '\(signal)' (declared: \(signals.keys.sorted().joined(separator: ", ")))")
            }
            let metric = try q.optional("metric").map { n throws(DocumentError) in try pattern(n, labels: q.optional("labels"), denominator: false) }
            var ratio: (Pattern, Pattern)?
            if let r = q.optional("ratio") {
                var rr = try NodeReader(r, what: "ratio")
                let n = try rr.required("numerator"), d = try rr.required("denominator")
                ratio = (try pattern(n, denominator: false), try pattern(d, denominator: true))
                try rr.finish()
            }
            guard (metric == nil) != (ratio == nil) else { throw DocumentError(at: node.location, "quantity '\(id)' needs either 'metric' or 'ratio'") }
            var examples: [Example] = []
            for e in try q.list("examples") {
                var er = try NodeReader(e, what: "example")
                let expression = try er.string("expr")
                let expected = try er.string("signal")
                let threshold = try er.optional("threshold").map { n throws(DocumentError) -> Double in
                    guard let v = AlertFacts.number(n), v.isFinite else { throw DocumentError(at: n.location, "'threshold' must be a number") }
                    return v
                }
                try er.finish()
                examples.append(Example(expression: expression, signal: expected, threshold: threshold, location: e.location))
            }
            guard !examples.isEmpty else { throw DocumentError(at: node.location, "quantity '\(id)' needs at least one example") }
            quantities.append(Quantity(id: id, source: try q.string("source"), signal: signal, unit: try q.enumeration("unit", Unit.self),
                                       measures: try q.optional("measures").map { n throws(DocumentError) in try NodeReader.enumeration(n, key: "measures", Measures.self) } ?? .used,
                                       metric: metric, ratio: ratio, summable: try q.optional("summable").map { n throws(DocumentError) -> Bool in
                                           guard case .scalar(.bool(let b)) = n.content else { throw DocumentError(at: n.location, "'summable' must be true or false") }
                                           return b
                                       } ?? false, statistics: try q.strings("statistics"), examples: examples, location: node.location))
            try q.finish()
        }
        try reader.finish()
        return MetricDictionary(signals: signals, signalOrder: order, components: components, quantities: quantities, path: path)
    }

    /// A metric pattern: a name (`metric: …`), or in a ratio a mapping with `metric` and `labels` (`metric: same` for
    /// the numerator's family).
    private static func pattern(_ node: Node, labels explicit: Node? = nil, denominator: Bool) throws(DocumentError) -> Pattern {
        var name = node
        var labels = explicit
        if node.entries != nil {
            var r = try NodeReader(node, what: "metric pattern")
            name = try r.required("metric")
            labels = r.optional("labels")
            try r.finish()
        }
        let text = try NodeReader.string(name, key: "metric")
        let same = denominator && text == "same"
        var conditions: [(name: AnchoredPattern, value: AnchoredPattern, negated: Bool)] = []
        for entry in labels?.entries ?? [] {
            let label = try NodeReader.string(entry.key, key: "labels")
            var value = try NodeReader.string(entry.value, key: label)
            let negated = value.hasPrefix("!")
            if negated { value.removeFirst() }
            conditions.append((try regex(label, at: entry.key.location), try regex(value, at: entry.value.location), negated))
        }
        return Pattern(metric: text, metricPattern: try regex(same ? ".*" : text, at: name.location), labels: conditions, sameAsNumerator: same)
    }

    private static func regex(_ pattern: String, at location: SourceLocation) throws(DocumentError) -> AnchoredPattern {
        guard let compiled = AnchoredPattern(pattern) else { throw DocumentError(at: location, "invalid regular expression '\(pattern)'") }
        return compiled
    }
}
