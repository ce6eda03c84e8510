import Foundation
import OpsAssessment
import OpsTestSupport
import XCTest

final class TemplateFilesTests: XCTestCase {
    /// A directory given as input is listed as Foundation's enumerator listed it: template-like names in any case, below
    /// subdirectories (one named like a template too), a link to a file as that file; no hidden entries, nothing under
    /// `node_modules`, no link to a directory followed, no broken link, no other names; sorted.
    func testListsTemplatesBelowADirectoryAsTheEnumeratorDid() throws {
        let scratch = try ScratchDirectory("template-files")
        defer { scratch.remove() }
        let outside = try ScratchDirectory("template-files-outside")
        defer { outside.remove() }
        let linked = try outside.write("Resources: {}\n", to: "linked.yaml")
        for name in ["b.yaml", "a.JSON", "deep/er/c.yml", "deep/d.template", "dir.yaml/inner.YML", "notes.txt", "Makefile",
                     ".hidden.yaml", ".git/config.yaml", "node_modules/pkg/e.yaml", "sub/.cache/f.yaml"] {
            try scratch.write("Resources: {}\n", to: name)
        }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: scratch.path + "/link.yaml", withDestinationPath: linked)
        try manager.createSymbolicLink(atPath: scratch.path + "/linkdir", withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: scratch.path + "/linkdir.yaml", withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: scratch.path + "/broken.yaml", withDestinationPath: scratch.path + "/nothing")

        let expected = ["a.JSON", "b.yaml", "deep/d.template", "deep/er/c.yml", "dir.yaml/inner.YML", "link.yaml"].map { scratch.path + "/" + $0 }
        XCTAssertEqual(InputLoader.templateFiles(in: scratch.path), expected)
        XCTAssertEqual(InputLoader.templateFiles(in: scratch.path + "/"), expected)
        XCTAssertEqual(InputLoader.templateFiles(in: scratch.path + "/nothing-here"), [])
    }
}
