import XCTest
@testable import OpsDocument

final class StructureTests: XCTestCase {
    func testEveryNodeKnowsItsLineAndColumn() throws {
        let yaml = """
        Resources:
          Db:
            Type: AWS::RDS::DBCluster
            Properties:
              BackupRetentionPeriod: 1
              Tags:
                - Key: team
        """
        let doc = try XCTUnwrap(DocumentLoader.parse(yaml, file: "stack.yaml").first)
        let properties = try XCTUnwrap(doc["Resources"]?["Db"]?["Properties"])
        XCTAssertEqual(properties.entry("BackupRetentionPeriod")?.key.location.description, "stack.yaml:5:7")
        XCTAssertEqual(properties["BackupRetentionPeriod"]?.location.description, "stack.yaml:5:30")
        XCTAssertEqual(properties["Tags"]?.items?.first?["Key"]?.location.description, "stack.yaml:7:16")
    }

    func testCloudFormationShortTagsLoadAsTheLongForm() throws {
        let short = """
        a: !Ref Db
        b: !GetAtt Db.Endpoint.Address
        c: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"
        d: !If [IsProd, 2, 1]
        e: !Join [",", [a, b]]
        f: !Equals [!Ref Env, prod]
        g: !Condition IsProd
        h: !GetAtt [Db, Arn]
        """
        let long = """
        {"a": {"Ref": "Db"}, "b": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
         "c": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}"}, "d": {"Fn::If": ["IsProd", 2, 1]},
         "e": {"Fn::Join": [",", ["a", "b"]]}, "f": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
         "g": {"Condition": "IsProd"}, "h": {"Fn::GetAtt": ["Db", "Arn"]}}
        """
        let a = try XCTUnwrap(DocumentLoader.parse(short, file: "s.yaml").first)
        let b = try XCTUnwrap(DocumentLoader.parse(long, file: "l.json", syntax: .json).first)
        XCTAssertEqual(Self.shape(a), Self.shape(b))
        XCTAssertEqual(a["a"]?.tag, "!Ref")
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let yaml = """
        base: &base
          Engine: aurora-mysql
          Port: 3306
        db:
          <<: *base
          Port: 3307
        copy: *base
        """
        let doc = try XCTUnwrap(DocumentLoader.parse(yaml, file: "m.yaml").first)
        XCTAssertEqual(doc["db"]?["Engine"]?.string, "aurora-mysql")
        XCTAssertEqual(doc["db"]?["Port"]?.scalar, .int(3307))
        XCTAssertEqual(doc["copy"]?["Port"]?.scalar, .int(3306))
    }

    func testMultiDocumentStreams() throws {
        let docs = try DocumentLoader.parse("a: 1\n---\nb: 2\n---\n", file: "multi.yaml")
        XCTAssertEqual(docs.count, 3)
        XCTAssertEqual(docs[1]["b"]?.scalar, .int(2))
        XCTAssertEqual(docs[2].scalar, .null)
    }

    static func shape(_ node: Node) -> String {
        switch node.content {
        case .scalar(let s): return "\(s)"
        case .sequence(let items): return "[" + items.map(shape).joined(separator: ",") + "]"
        case .mapping(let entries): return "{" + entries.map { "\($0.key.keyText ?? "?"):\(shape($0.value))" }.joined(separator: ",") + "}"
        }
    }
}
