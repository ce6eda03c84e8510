import Foundation
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
@testable import OpsReporters
import OpsTestSupport
import XCTest

/// Reports checked by real validators: SARIF by a JSON Schema validator against the 2.1.0 schema, JUnit by
/// xmllint against the JUnit XSD, HTML by headless Chromium.
final class ValidatorTests: XCTestCase {
    static let schemas = Checkout.root + "/../shared/schemas"

    func testSARIFValidatesAgainstTheSchema() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.schemas + "/sarif-schema-2.1.0.json"), "shared/schemas not beside the checkout")
        let a = try ReporterFixtures.assessment()
        let sarif = SARIFReporter(language: .en, root: Checkout.root).render(a)
        let path = try ReporterFixtures.temporaryFile(sarif, "report.sarif")
        let script = "import json,sys\ntry:\n import jsonschema\nexcept ImportError:\n sys.exit(77)\njsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))"
        let result = try XCTUnwrap(try ReporterFixtures.run(["python3", "-c", script, Self.schemas + "/sarif-schema-2.1.0.json", path]))
        try XCTSkipIf(result.status == 77, "python3 jsonschema is not installed")
        XCTAssertEqual(result.status, 0, result.output)

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try XCTUnwrap((object["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, a.findings.filter { $0.status == .fail || $0.status == .waived }.count, "every failing and waived finding")
        XCTAssertGreaterThan(results.count, 10)
        let waived = try XCTUnwrap(results.first { $0["ruleId"] as? String == "AWS-CW-001" })
        XCTAssertEqual(((waived["suppressions"] as? [[String: Any]])?.first?["kind"]) as? String, "external")
        let rds = try XCTUnwrap(results.first { $0["ruleId"] as? String == "AWS-RDS-001" })
        let physical = (((rds["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        XCTAssertEqual((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String, "examples/aicc-not-ready/template.yaml")
        let expected = a.findings.first { $0.check == "AWS-RDS-001" && $0.status == .fail }?.location?.line
        XCTAssertEqual((physical?["region"] as? [String: Any])?["startLine"] as? Int, expected)
        XCTAssertEqual(a.context.sources["examples/aicc-not-ready/template.yaml"]?.line(expected ?? 1).trimmingCharacters(in: .whitespaces),
                       "BackupRetentionPeriod: !Ref BackupRetentionDays", "the line SARIF points at is the property")
        XCTAssertNotNil((rds["partialFingerprints"] as? [String: String])?["opsready/v1"])
    }

    func testJUnitValidatesAgainstTheXSD() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.schemas + "/junit.xsd"), "shared/schemas not beside the checkout")
        let xml = JUnitReporter(language: .ko).render(try ReporterFixtures.assessment())
        let path = try ReporterFixtures.temporaryFile(xml, "report.xml")
        guard let result = try ReporterFixtures.run(["xmllint", "--noout", "--schema", Self.schemas + "/junit.xsd", path]) else {
            throw XCTSkip("xmllint is not installed")
        }
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(xml.contains("<failure type=\"critical\""), xml)
    }

    func testHTMLRendersInChromiumAndEscapesHostileText() throws {
        let hostile = """
        Resources:
          EvilGroup:
            Type: AWS::EC2::SecurityGroup
            Metadata: {note: "<script>document.title='pwned'</script>"}
            Properties:
              GroupDescription: "</pre><img src=x onerror=alert(1)>"
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0"}
        """
        let template = try ReporterFixtures.temporaryFile(hostile, "<b>evil&amp.yaml")
        let a = try ReporterFixtures.assessment(template: template, manifest: nil)
        let html = HTMLReporter(language: .en).render(a)
        XCTAssertFalse(html.contains("<script>"), "no script from the input reaches the page")
        XCTAssertFalse(html.contains("<img src=x"), "input text is escaped")
        XCTAssertTrue(html.contains("&lt;b&gt;evil&amp;amp.yaml"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "self-contained: no network references")
        let page = try ReporterFixtures.temporaryFile(html, "report.html")
        let shot = (page as NSString).deletingLastPathComponent + "/shot.png"
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1400"]
        guard let dom = try ReporterFixtures.run(["chromium"] + flags + ["--dump-dom", "file://" + page]) else {
            throw XCTSkip("chromium is not installed")
        }
        XCTAssertEqual(dom.status, 0, dom.output)
        XCTAssertTrue(dom.output.contains("id=\"verdict\">NOT_READY</span>"), "the rendered page shows the verdict")
        XCTAssertFalse(dom.output.contains("<script"), "nothing from the input became a script element")
        _ = try ReporterFixtures.run(["chromium"] + flags + ["--screenshot=" + shot, "file://" + page])
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        XCTAssertTrue(try Self.distinctColors(png) > 20, "the screenshot is not blank")
    }

    /// Distinct pixel values in a PNG's first rows, decoded by Python's zlib (no imaging library needed).
    static func distinctColors(_ png: Data) throws -> Int {
        let path = try ReporterFixtures.temporaryFile("", "shot.png")
        try png.write(to: URL(fileURLWithPath: path))
        let script = """
        import struct, sys, zlib
        d = open(sys.argv[1], 'rb').read(); i = 8; idat = b''; w = h = 0
        while i < len(d):
            n, t = struct.unpack('>I4s', d[i:i+8]); c = d[i+8:i+8+n]
            if t == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', c[:10])
            if t == b'IDAT': idat += c
            i += 12 + n
        raw = zlib.decompress(idat); print(len(set(raw[: (w * 4 + 1) * min(h, 400)])))
        """
        let result = try XCTUnwrap(try ReporterFixtures.run(["python3", "-c", script, path]))
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func testMarkdownStaysUnderTheCommentLimit() throws {
        var template = "Resources:\n"
        for i in 0..<3000 { template += "  Group\(i): {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: \"/ecs/very-long-log-group-name-\(i)\", RetentionInDays: 1}}\n" }
        let path = try ReporterFixtures.temporaryFile(template, "big.yaml")
        let a = try ReporterFixtures.assessment(template: path, manifest: nil)
        XCTAssertEqual(a.findings.filter { $0.check == "AWS-LOG-001" && $0.status == .fail }.count, 3000)
        let markdown = MarkdownReporter(language: .en).render(a)
        XCTAssertLessThan(markdown.count, 65_000)
        XCTAssertTrue(markdown.contains("more (see the JSON or SARIF report)"), "a cut list says so")
        XCTAssertTrue(markdown.hasPrefix("## opsready: **NOT_READY**"))
    }

    func testAnnotationEscaping() {
        XCTAssertEqual(AnnotationsReporter.escapeData("100% done\r\nnext"), "100%25 done%0D%0Anext")
        XCTAssertEqual(AnnotationsReporter.escapeProperty("a:b,c%"), "a%3Ab%2Cc%25")
        let f = Finding(check: "T-X-1", status: .fail, severity: .medium, practices: ["OPS08-BP06"], resource: Finding.ResourceRef(type: "T", id: "R,1"),
                        location: SourceLocation(file: "dir:x/a,b.yaml", line: 3, column: 5), path: nil, message: LocalizedText("50% of\nalarms"), note: nil)
        let rubric = try! RubricLoader.load(directory: Checkout.root + "/rubrics/operational-excellence")
        let a = Assessment(rubric: rubric, checks: [], findings: [f], failOn: .high, inputs: [], resourceCount: 1)
        XCTAssertEqual(AnnotationsReporter(language: .en).render(a), "::warning file=dir%3Ax/a%2Cb.yaml,line=3,col=5,title=T-X-1 medium R%2C1::50%25 of%0Aalarms\n")
    }
}
