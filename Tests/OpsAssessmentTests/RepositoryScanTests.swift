import Foundation
@testable import OpsAssessment
import OpsDocument
import XCTest

/// The repository snapshot: CODEOWNERS read as GitHub reads it (last matching rule wins, a rule without owners
/// unowns), documents found by their front matter at their own lines, and bad front matter a one-line error.
final class RepositoryScanTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "opsready-scan-\(UUID().uuidString)"
        for directory in [".github", "infra/modules", "docs/runbooks", "docs/notes"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func write(_ text: String, _ name: String) throws { try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8) }

    func testCodeOwnersCoverageFollowsTheLastMatchingRule() throws {
        try write("*.yaml @team/app\n# the modules belong to the platform team\n/infra/   @team/platform\n/infra/modules/vendor.yaml\n", ".github/CODEOWNERS")
        for name in ["template.yaml", "infra/network.yaml", "infra/modules/vendor.yaml", "infra/modules/db.yaml", "infra/notes.json"] { try write("x", name) }
        let inputs = ["template.yaml", "infra/network.yaml", "infra/modules/vendor.yaml", "infra/modules/db.yaml", "infra/notes.json"].map { root + "/" + $0 }
        let scan = try RepositoryScan.document(root: root, inputs: inputs)
        let resources = try RepositoryAdapter.resources(in: scan.document)
        let repository = try XCTUnwrap(resources.first { $0.type == "OpsReady::Repository" }?.properties)
        XCTAssertEqual(repository["CodeOwners"]?.items?.compactMap { $0["Pattern"]?.string }, ["*.yaml", "/infra/", "/infra/modules/vendor.yaml"])
        XCTAssertEqual(repository["CodeOwners"]?.items?[1].location.line, 3, "each rule at its line")
        XCTAssertEqual(repository["UncoveredInputs"]?.items?.compactMap(\.string), ["infra/modules/vendor.yaml"], "a rule without owners unowns what it matches")
        XCTAssertEqual(repository["VersionControl"]?.string, "none", "a temporary directory is no work tree")
        XCTAssertEqual(CodeOwnersPattern("docs/*.md").matches("docs/a.md"), true)
        XCTAssertEqual(CodeOwnersPattern("docs/*.md").matches("docs/sub/a.md"), false, "* stays within a directory")
        XCTAssertEqual(CodeOwnersPattern("/docs/**/a.md").matches("docs/x/y/a.md"), true)
        XCTAssertEqual(CodeOwnersPattern("apps/").matches("src/apps/x.yaml"), true, "no leading slash: at any depth")
        XCTAssertEqual(CodeOwnersPattern("/apps/").matches("src/apps/x.yaml"), false)
    }

    func testDocumentsAreFoundByTheirFrontMatterAtTheirLines() throws {
        try write("---\ntype: runbook\nowner: 정인프라\nreviewed: 2026-11-12\n---\n# Restore\n", "docs/runbooks/restore.md")
        try write("# A note without front matter\n", "docs/notes/plain.md")
        try write("---\ntype: meeting-notes\n---\n", "docs/notes/other.md")
        let scan = try RepositoryScan.document(root: root, inputs: [])
        let documents = try RepositoryAdapter.resources(in: scan.document).filter { $0.type == "OpsReady::Document" }
        XCTAssertEqual(documents.map(\.id), ["docs/runbooks/restore.md"], "only documents whose front matter says what they are")
        XCTAssertEqual(documents[0].properties?["Owner"]?.string, "정인프라")
        XCTAssertEqual(documents[0].properties?["Owner"]?.location.line, 3, "front matter keeps the file's lines")
        XCTAssertEqual(documents[0].properties?["Owner"]?.location.file, root + "/docs/runbooks/restore.md")
        XCTAssertEqual(scan.files, [root + "/docs/runbooks/restore.md"])
        try write("---\n- just\n- a list\n---\n", "docs/runbooks/broken.md")
        XCTAssertThrowsError(try RepositoryScan.document(root: root, inputs: [])) { error in
            XCTAssertTrue((error as? DocumentError)?.diagnostic.hasPrefix(root + "/docs/runbooks/broken.md:1:1: error: front matter must be a mapping") == true, "\(error)")
        }
    }

    /// The hypercare incident log is read beside the documents, so incidents can be joined to their reviews.
    func testIncidentsAreReadFromTheHypercareLog() throws {
        try FileManager.default.createDirectory(atPath: root + "/hypercare", withIntermediateDirectories: true)
        try write("id,priority,detected\nINC-1,P1,2026-12-09T14:05:00+09:00\nINC-2,P3,2026-12-10T10:00:00+09:00\n", "hypercare/incidents.csv")
        let scan = try RepositoryScan.document(root: root, inputs: [])
        let incidents = try RepositoryAdapter.resources(in: scan.document).filter { $0.type == "OpsReady::Incident" }
        XCTAssertEqual(incidents.map(\.id), ["INC-1", "INC-2"])
        XCTAssertEqual(incidents[0].properties?["Priority"]?.string, "P1")
        XCTAssertEqual(incidents[1].location.line, 3, "each incident at its row")
    }
}
