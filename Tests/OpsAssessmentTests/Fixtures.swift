import Foundation
import OpsTestSupport
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument

/// Paths into the checkout and small builders shared by the tests.
enum Fixtures {
    static let root = Checkout.root
    static var rubricDirectory: String { root + "/rubrics/operational-excellence" }
    static var checksDirectory: String { root + "/checks" }

    static func rubric() throws -> Rubric { try RubricLoader.load(directory: rubricDirectory) }

    static func check(_ yaml: String, file: String = "checks/test/check.yaml") throws -> Check {
        let node = try DocumentLoader.parse(yaml, file: file)[0]
        return try CheckLoader.parse(node, pack: "test", practiceIds: Set(try rubric().practices.map(\.id)))
    }

    static func snapshot(_ yaml: String, file: String = "template.yaml") throws -> Snapshot {
        let doc = try DocumentLoader.parse(yaml, file: file)[0]
        return Snapshot(resources: try CloudFormationAdapter.resources(in: doc), files: [file])
    }

    /// A minimal valid check around `assert`, for engine tests.
    static func checkYAML(id: String = "TEST-X-001", types: String, assert: String, extra: String = "") -> String {
        """
        id: \(id)
        title: {ko: 시험, en: Test}
        message: {ko: "{{self.id}} 실패", en: "{{self.id}} failed"}
        severity: high
        practices: [OPS08-BP06]
        resource_types: [\(types)]
        assert: "\(assert)"
        seed: "000_c7c979390889ab9b.txt §7.1.1"
        \(extra)
        examples:
          pass: ["Resources: {}"]
          fail: ["Resources: {}"]
        """
    }
}
