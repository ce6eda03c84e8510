import Foundation
import OpsAssessment
import OpsCore
import OpsDocument
import OpsExpr
import OpsPromQL

/// What each fuzz target feeds its input to. Every one must end normally, with a value or a thrown input error,
/// whatever the bytes: a crash, a hang or an unbounded allocation is a bug.
enum FuzzTarget: String, CaseIterable {
    /// YAML through the loader, every input adapter and the alert facts.
    case yaml
    /// The same as JSON.
    case json
    /// A CEL expression parsed, checked and evaluated under the default limits.
    case cel
    /// A workload manifest.
    case manifest
    /// A check definition.
    case check
    /// A PromQL expression parsed, read with the metric dictionary and walked for its labels.
    case promql

    func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml, .json:
            let syntax: DocumentSyntax = self == .yaml ? .yaml : .json
            let file = "fuzz." + rawValue
            let parsed = Swift.Result { () throws(DocumentError) in try DocumentLoader.parse(bytes, file: file, syntax: syntax, eventBatch: nil) }
            // The parse on two threads, in batches of one to eight events, must give the same trees or the same error.
            let batch = 1 + Int(bytes.first ?? 0) % 8
            let pipelined = Swift.Result { () throws(DocumentError) in try DocumentLoader.parse(bytes, file: file, syntax: syntax, eventBatch: batch) }
            switch (parsed, pipelined) {
            case (.success(let one), .success(let two)) where one.count == two.count && zip(one, two).allSatisfy({ $0.isIdentical(to: $1) }): break
            case (.failure(let one), .failure(let two)) where one.description == two.description: break
            default: fatalError("the two-thread parse disagrees with the one-thread parse: \(parsed) vs \(pipelined)")
            }
            guard case .success(let documents) = parsed else { return }
            var resources: [Resource] = []
            for document in documents {
                if let found = try? InputLoader.resources(in: document, file: file) { resources += found }
            }
            _ = try? InputLoader.snapshot(resources, files: [file]) { _ in false }
        case .cel:
            let text = String(decoding: bytes, as: UTF8.self)
            guard let program = try? Program(text) else { return }
            _ = try? program.evaluate(Activation(variables: ["x": .int(1), "s": .string("abc")]), limits: EvalLimits(maxSteps: 100_000))
        case .promql:
            guard let expression = try? PromQLParser.parse(String(decoding: bytes, as: UTF8.self)) else { return }
            _ = expression.keeps("job")
            if case .success(let metrics) = MetricDictionary.bundled {
                _ = AlertCondition.classify(expression, dictionary: metrics) { MetricDictionary.Reference(key: $0.metric ?? "") }
            }
        case .manifest, .check:
            let path = NSTemporaryDirectory() + "opsready-fuzz-\(getpid()).yaml"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
            defer { try? FileManager.default.removeItem(atPath: path) }
            if self == .manifest {
                _ = try? Manifest.load(path: path)
            } else if let node = (try? DocumentLoader.load(path: path))?.first {
                _ = try? CheckLoader.parse(node, pack: "fuzz", practiceIds: ["OPS04-BP02", "OPS06-BP01"])
            }
        }
    }
}
