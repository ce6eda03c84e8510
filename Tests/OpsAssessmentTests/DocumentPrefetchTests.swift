import Foundation
@testable import OpsAssessment
import OpsDocument
import XCTest

/// Files parsed ahead of the loader give the loader exactly what reading them then would: the same documents, the
/// same first error, and nothing for what the prefetch does not cover.
final class DocumentPrefetchTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "opsready-prefetch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private func file(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheLoaderTakesTheSameDocumentsAndTheFirstError() throws {
        // CloudFormation-shaped templates (AWS's Resources layout), one with a duplicate key on line 5.
        let good = try file("good.yaml", "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 30}\n")
        let bad = try file("bad.yaml", "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n  Other: {Type: AWS::SNS::Topic}\n  Logs: {Type: AWS::SNS::Topic}\n")
        let prefetch = DocumentPrefetch(paths: [good, bad])
        let taken = try XCTUnwrap(prefetch.documents(good, limits: .default)).get()
        let direct = try DocumentLoader.load(path: good)
        XCTAssertEqual(taken.count, direct.count)
        XCTAssertTrue(zip(taken, direct).allSatisfy { $0.isIdentical(to: $1) })
        guard case .failure(let error) = prefetch.documents(bad, limits: .default) else { return XCTFail("no error for \(bad)") }
        XCTAssertEqual(error.description, "\(bad):5:3: duplicate key 'Logs' (first defined at 2:3)")
        // A file handed over once, other limits, or a file not asked for, are read as usual.
        XCTAssertNil(prefetch.documents(good, limits: .default))
        XCTAssertNil(DocumentPrefetch(paths: [good]).documents(good, limits: LoadLimits(maxBytes: 10)))
        XCTAssertNil(prefetch.documents(directory + "/other.yaml", limits: .default))
        // A directory is the loader's to scan.
        XCTAssertNil(DocumentPrefetch(paths: [directory]).documents(good, limits: .default))

        var loader = InputLoader()
        loader.prefetched = DocumentPrefetch(paths: [good, bad])
        XCTAssertThrowsError(try loader.load(paths: [good, bad])) { thrown in
            XCTAssertEqual((thrown as? DocumentError)?.description, error.description)
        }
        // The loader takes the parsed file rather than reading it again: a change made after the prefetch read it is
        // not seen.
        loader.prefetched = DocumentPrefetch(paths: [good])
        _ = loader.prefetched?.documents(directory + "/none.yaml", limits: .default) // waits until the prefetch has read
        _ = try file("good.yaml", "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties: {RetentionInDays: 7}\n")
        let snapshot = try loader.load(paths: [good]).snapshot
        XCTAssertEqual(snapshot.resources.map(\.id), ["Logs"])
        XCTAssertEqual(snapshot.resources[0].properties?["RetentionInDays"]?.scalar, .int(30))
        XCTAssertEqual(snapshot.resources[0].properties?["RetentionInDays"]?.location.description, "\(good):4:35")
    }
}
