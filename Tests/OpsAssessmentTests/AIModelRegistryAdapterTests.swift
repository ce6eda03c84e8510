import Foundation
@testable import OpsAssessment
import OpsDocument
import XCTest

/// The AI model registry export: one resource per model, its numbers, dates and test results checked on the way in.
final class AIModelRegistryAdapterTests: XCTestCase {
    private func read(_ yaml: String) throws -> [Resource] {
        try AIModelRegistryAdapter.resources(in: try DocumentLoader.parse(yaml, file: "ai-models.yaml")[0])
    }

    private func error(_ yaml: String) -> String {
        do { _ = try read(yaml); return "no error" } catch { return "\(error)" }
    }

    func testModelsBecomeResourcesWithTheirKeysInPropertyCase() throws {
        let resources = try read("""
        opsready_ai_models:
          models:
            - {id: main, provider: openai, fallback: backup, temperature: 0.2, max_tokens: 512, api_key: {storage: secretsmanager, rotated: 2026-11-02}}
            - {id: backup, provider: anthropic, connection_tests: [{date: 2026-11-23, basic: pass, korean: pass}]}
        """)
        XCTAssertEqual(resources.map(\.id), ["main", "backup"])
        XCTAssertEqual(resources.map(\.type), ["OpsReady::AIModel", "OpsReady::AIModel"])
        XCTAssertEqual(resources[0].properties?["MaxTokens"]?.scalar?.description, "512")
        XCTAssertEqual(resources[0].properties?["ApiKey"]?["storage"]?.string, "secretsmanager")
        XCTAssertEqual(resources[1].location.line, 4)
    }

    func testBadValuesAreErrorsAtTheirPlace() {
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m, temperature: warm}\n"),
                       "ai-models.yaml:3:28: 'temperature' must be a number of 0 or more, not 'warm'")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m, max_tokens: -5}\n"),
                       "ai-models.yaml:3:27: 'max_tokens' must be a number of 0 or more, not '-5'")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m, timeout_seconds: .inf}\n"),
                       "ai-models.yaml:3:32: 'timeout_seconds' must be a number of 0 or more, not 'inf'")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m, api_key: {rotated: 2026-02-30}}\n"),
                       "ai-models.yaml:3:34: 'api_key.rotated' must be a date like 2026-11-27")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m, connection_tests: [{date: 2026-11-23, korean: ok}]}\n"),
                       "ai-models.yaml:3:61: 'korean' is a connection test result: pass or fail")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {id: m}\n    - {id: m}\n"), "ai-models.yaml:4:7: duplicate model id 'm'")
        XCTAssertEqual(error("opsready_ai_models:\n  models:\n    - {provider: openai}\n"), "ai-models.yaml:3:7: a model needs an id")
        XCTAssertEqual(error("opsready_ai_models:\n  exported: 2026-11-23\n"), "ai-models.yaml:2:3: opsready_ai_models needs 'models': a list")
    }
}
