import XCTest
@testable import OpsDocument

final class ScalarResolutionTests: XCTestCase {
    private func scalar(_ yaml: String) throws -> Scalar? {
        try DocumentLoader.parse("v: \(yaml)", file: "t.yaml").first?["v"]?.scalar
    }

    func testYAML11BooleansInAllThreeCasings() throws {
        for text in ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { XCTAssertEqual(try scalar(text), .bool(true), text) }
        for text in ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { XCTAssertEqual(try scalar(text), .bool(false), text) }
        // Not booleans: mixed case, and the single letters PyYAML also leaves as strings.
        XCTAssertEqual(try scalar("yEs"), .string("yEs"))
        XCTAssertEqual(try scalar("y"), .string("y"))
    }

    func testIntegersInEveryRadixWithSeparators() throws {
        XCTAssertEqual(try scalar("42"), .int(42))
        XCTAssertEqual(try scalar("-17"), .int(-17))
        XCTAssertEqual(try scalar("+5"), .int(5))
        XCTAssertEqual(try scalar("0x1F"), .int(31))
        XCTAssertEqual(try scalar("017"), .int(15))
        XCTAssertEqual(try scalar("0o17"), .int(15))
        XCTAssertEqual(try scalar("0b101"), .int(5))
        XCTAssertEqual(try scalar("1_000"), .int(1000))
        XCTAssertEqual(try scalar("-9223372036854775808"), .int(.min))
        // Read from the bytes or, past the plain decimal form, through text: the two must meet.
        XCTAssertEqual(try scalar("-0"), .int(0))
        XCTAssertEqual(try scalar("00"), .int(0))
        XCTAssertEqual(try scalar("-12_3"), .int(-123))
        XCTAssertEqual(try scalar("9223372036854775807"), .int(.max))
        XCTAssertEqual(try scalar("9223372036854775808"), .double(9223372036854775808))
        XCTAssertEqual(try scalar("+"), .string("+"))
        XCTAssertEqual(try scalar("12a"), .string("12a"))
        XCTAssertEqual(try scalar("4-2"), .string("4-2"))
    }

    func testFloatsNullAndStrings() throws {
        XCTAssertEqual(try scalar("2.5"), .double(2.5))
        XCTAssertEqual(try scalar("-.5"), .double(-0.5))
        XCTAssertEqual(try scalar("1.0e3"), .double(1000))
        XCTAssertEqual(try scalar(".inf"), .double(.infinity))
        XCTAssertEqual(try scalar("-.inf"), .double(-.infinity))
        guard case .double(let nan)? = try scalar(".nan") else { return XCTFail("nan") }
        XCTAssertTrue(nan.isNaN)
        XCTAssertEqual(try scalar("~"), .null)
        XCTAssertEqual(try scalar("null"), .null)
        XCTAssertEqual(try scalar(""), .null)
        XCTAssertEqual(try scalar("18:00-19:00"), .string("18:00-19:00"))
        XCTAssertEqual(try scalar("1.2.3"), .string("1.2.3"))
        XCTAssertEqual(try scalar("0x"), .string("0x"))
    }

    func testQuotedScalarsStayStrings() throws {
        XCTAssertEqual(try scalar("\"7\""), .string("7"))
        XCTAssertEqual(try scalar("'true'"), .string("true"))
        XCTAssertEqual(try scalar("'~'"), .string("~"))
    }

    func testExplicitCoreTags() throws {
        XCTAssertEqual(try scalar("!!str 7"), .string("7"))
        XCTAssertEqual(try scalar("!!float 7"), .double(7))
        XCTAssertThrowsError(try scalar("!!int seven")) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "t.yaml:1:4: 'seven' is not a valid int")
        }
    }

    func testJSONFollowsJSONNumberRules() throws {
        let doc = try XCTUnwrap(DocumentLoader.parse(#"{"a": 1e5, "b": 10, "c": "10", "d": true, "e": null, "f": -0.5}"#, file: "t.json", syntax: .json).first)
        XCTAssertEqual(doc["a"]?.scalar, .double(100000))
        XCTAssertEqual(doc["b"]?.scalar, .int(10))
        XCTAssertEqual(doc["c"]?.scalar, .string("10"))
        XCTAssertEqual(doc["d"]?.scalar, .bool(true))
        XCTAssertEqual(doc["e"]?.scalar, .null)
        XCTAssertEqual(doc["f"]?.scalar, .double(-0.5))
    }
}
