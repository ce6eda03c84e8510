import OpsCore
import OpsDocument

/// An AI-model registry export (`opsready_ai_models:`, docs/inputs.md): an `OpsReady::AIModel` per model with its
/// registry keys in the properties' casing — `Provider`, `Model`, `Fallback`, `Temperature`, `MaxTokens`, `TopP`,
/// `TimeoutSeconds`, `CacheTtlSeconds`, `RateLimit`, `ApiKey` (`storage`, `reference`, `rotated`) and
/// `ConnectionTests` (`date`, `basic`, `korean`, `evaluation`, `analysis`, `health_score`). Numbers, dates and test
/// results are checked here, so a check never meets `temperature: warm`.
public enum AIModelRegistryAdapter: InputAdapter {
    public static let inputName = "an AI model registry export (opsready_ai_models)"
    public static let type = "OpsReady::AIModel"
    public static let producedTypes: Set<String>? = [type]

    /// Keys that must hold a finite number of at least 0 when present.
    static let numbers = ["temperature", "max_tokens", "top_p", "frequency_penalty", "timeout_seconds", "cache_ttl_seconds"]
    static let testResults = ["basic", "korean", "evaluation", "analysis"]

    public static func recognizes(_ document: Node) -> Bool {
        document.entries?.count == 1 && document["opsready_ai_models"]?.entries != nil
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        guard let registry = document["opsready_ai_models"] else { return [] }
        guard let models = registry["models"]?.items else { throw DocumentError(at: registry.location, "opsready_ai_models needs 'models': a list") }
        var seen = Set<String>()
        return try models.map { (model) throws(DocumentError) -> Resource in
            try validate(model)
            let resource = try RepositoryAdapter.record(model, type: type, idKey: "id", missing: "a model needs an id")
            guard seen.insert(resource.id).inserted else { throw DocumentError(at: model.location, "duplicate model id '\(resource.id)'") }
            return resource
        }
    }

    static func validate(_ model: Node) throws(DocumentError) {
        for key in numbers {
            guard let node = model[key] else { continue }
            try number(node, key: key)
        }
        if let limit = model["rate_limit"] {
            for entry in limit.entries ?? [] { try number(entry.value, key: "rate_limit." + (entry.key.keyText ?? "")) }
        }
        if let rotated = model["api_key"]?["rotated"] { try date(rotated, key: "api_key.rotated") }
        for test in model["connection_tests"]?.items ?? [] {
            guard let when = test["date"] else { throw DocumentError(at: test.location, "a connection test needs its date") }
            try date(when, key: "date")
            for key in testResults {
                guard let result = test[key] else { continue }
                guard let text = result.string, ["pass", "fail"].contains(text) else {
                    throw DocumentError(at: result.location, "'\(key)' is a connection test result: pass or fail")
                }
            }
            if let score = test["health_score"] { try number(score, key: "health_score") }
        }
    }

    static func number(_ node: Node, key: String) throws(DocumentError) {
        switch node.content {
        case .scalar(.int(let i)) where i >= 0: return
        case .scalar(.double(let d)) where d.isFinite && d >= 0: return
        default: throw DocumentError(at: node.location, "'\(key)' must be a number of 0 or more, not '\(node.scalar?.description ?? "a collection")'")
        }
    }

    static func date(_ node: Node, key: String) throws(DocumentError) {
        guard let text = node.scalar?.description, CalendarDate(text) != nil else {
            throw DocumentError(at: node.location, "'\(key)' must be a date like 2026-11-27")
        }
    }
}
