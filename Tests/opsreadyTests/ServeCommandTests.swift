import Foundation
import OpsTestSupport
import XCTest

/// `opsready serve` as a support organisation runs it: a store seeded by `assess --store` and `hypercare record --store`
/// (one workload named with an HTML payload), the server on a free loopback port, and what a browser or a program gets.
final class ServeCommandTests: CLITestCase {
    static let payload = "<script>alert('x')</script>"

    /// Three workloads assessed (one twice) and one with hypercare records, in one SQLite store.
    func seed() throws -> String {
        let store = temporary + "/portfolio.sqlite"
        let report = temporary + "/report.json"
        for (manifest, extra, status) in [("examples/aicc/opsready.yaml", [String](), Int32(0)), ("examples/aicc-not-ready/opsready.yaml", [], 1),
                                          ("examples/aicc-not-ready/opsready.yaml", ["--workload", Self.payload, "--by", "eve\"<b>"], 1),
                                          ("examples/aicc/opsready.yaml", ["--save-milestone", "serve-test"], 0)] {
            let run = try opsready(["assess", "--manifest", Checkout.path(manifest), "--as-of", "2026-11-23", "--store", store, "--format", "json", "--output", report] + extra, in: temporary)
            XCTAssertEqual(run.status, status, run.stderr)
            XCTAssertTrue(run.stderr.contains("kept as assessment"), run.stderr)
        }
        let recorded = try opsready(["hypercare", "record", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-03-01"])
        XCTAssertEqual(recorded.status, 0, recorded.stderr)
        return store
    }

    /// Starts `serve` on a free port; returns the process and the port.
    func serve(_ arguments: [String]) throws -> (ChildProcess, Int) {
        let server = try ChildProcess(Checkout.opsready, ["serve", "--port", "0"] + arguments, in: Checkout.root, environment: ["OPSREADY_HOME": Checkout.root])
        let line = server.firstErrorLine()
        guard let range = line.range(of: ":[0-9]+/$", options: .regularExpression), let port = Int(line[range].dropFirst().dropLast()) else {
            server.signal(SIGKILL)
            throw XCTSkip("serve did not say where it listens: \(line)")
        }
        return (server, port)
    }

    func testThePortfolioShowsTheStoredVerdictsEscapedUnderAPolicy() throws {
        let store = try seed()
        let (server, port) = try serve(["--store", store, "--as-of", "2027-01-20"])
        defer { server.signal(SIGKILL) }

        let list = try RawHTTP.get(port: port, "/api/workloads")
        XCTAssertEqual(list.status, 200, list.body)
        let workloads = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any])?["workloads"] as? [[String: Any]])
        let byName = Dictionary(workloads.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(byName["aicc-prod"]?["verdict"] as? String, "READY")
        XCTAssertEqual(byName["aicc-prod"]?["assessment_count"] as? Int, 2)
        XCTAssertEqual(byName["aicc-prod-not-ready"]?["verdict"] as? String, "NOT_READY")
        XCTAssertEqual(byName[Self.payload]?["verdict"] as? String, "NOT_READY")
        XCTAssertEqual(byName["aicc-prod-not-ready"]?["expired_waivers"] as? Int, 1)
        // The hypercare week is the one `hypercare status` gives from the files for the same day.
        let files = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-20", "--replay", "--format", "json"])
        let fileWeek = (try JSONSerialization.jsonObject(with: Data(files.stdout.utf8)) as? [String: Any])?["week"] as? Int
        XCTAssertEqual((byName["aicc-prod"]?["hypercare"] as? [String: Any])?["week"] as? Int, fileWeek)
        XCTAssertEqual(fileWeek, 8)
        XCTAssertTrue(byName["aicc-prod-not-ready"]?["hypercare"] is NSNull, "no records, no hypercare")
        let hypercare = try RawHTTP.get(port: port, "/api/workloads/aicc-prod/hypercare")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(hypercare.body.utf8)) as? [String: Any])?["week"] as? Int, 8)

        let page = try RawHTTP.get(port: port, "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-security-policy"]?.contains("default-src 'none'"), true, "\(page.headers)")
        XCTAssertFalse(page.headers["content-security-policy"]?.contains("unsafe-inline") ?? true)
        XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
        XCTAssertEqual(page.headers["referrer-policy"], "no-referrer")
        XCTAssertTrue(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the name is shown, escaped")
        XCTAssertFalse(page.body.contains("<script"), "no script at all, and none from a workload's name")
        XCTAssertFalse(page.body.contains("style=\""), "no inline style: the policy allows the served style sheet only")
        XCTAssertTrue(page.body.contains("eve&quot;&lt;b&gt;"), "who ran it is escaped too")
        XCTAssertTrue(try RawHTTP.get(port: port, "/", headers: ["Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"]).body.contains("포트폴리오 운영 준비도"))
        let filtered = try RawHTTP.get(port: port, "/api/workloads?verdict=READY&sort=score&order=desc")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(filtered.body.utf8)) as? [String: Any]).flatMap { ($0["workloads"] as? [[String: Any]])?.compactMap { $0["name"] as? String } },
                       ["aicc-prod"])

        let payloadPage = try RawHTTP.get(port: port, "/workloads/%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E?lang=ko")
        XCTAssertEqual(payloadPage.status, 200, payloadPage.body)
        XCTAssertFalse(payloadPage.body.contains("<script"))
        XCTAssertTrue(payloadPage.body.contains("<pre>"), "failing findings show their source lines")
        let detail = try RawHTTP.get(port: port, "/api/workloads/aicc-prod-not-ready")
        let record = (try JSONSerialization.jsonObject(with: Data(detail.body.utf8)) as? [String: Any])?["latest_record"] as? [String: Any]
        let findings = record?["findings"] as? [[String: Any]] ?? []
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0["status"] as? String != "pass" }, "passes are counted, not listed")
        XCTAssertTrue(findings.contains { ($0["snippet"] as? [Any])?.isEmpty == false && ($0["line"] as? Int ?? 0) > 0 })
        let compared = try RawHTTP.get(port: port, "/workloads/aicc-prod?from=1&to=4")
        XCTAssertTrue(compared.body.contains("id=\"diff\""), "two stored assessments compared")

        for (target, status) in [("/workloads/nope", 404), ("/workloads/..%2F..%2Fetc%2Fpasswd", 404), ("/../../etc/passwd", 404),
                                 ("/assets/../../../etc/passwd", 404), ("/api/workloads/aicc-prod/assessments/abc", 400),
                                 ("/api/workloads/aicc-prod/assessments/2", 404), ("/api/workloads?sort=bogus", 400), ("/?lang=xx", 400),
                                 ("/workloads/%ZZ", 400), ("/api/workloads/a%00b", 400), ("/api/workloads/aicc-prod-not-ready/hypercare", 404)] {
            let reply = try RawHTTP.get(port: port, target)
            XCTAssertEqual(reply.status, status, "\(target): \(reply.body)")
            XCTAssertNotNil(reply.headers["content-security-policy"], "\(target) carries the policy too")
            XCTAssertFalse(reply.body.contains("/etc/passwd") && reply.body.contains("root:"), target)
        }

        // SIGTERM: the server stops within 5 s, cleanly.
        let start = Date()
        server.signal(SIGTERM)
        let outcome = server.wait()
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
    }

    func testOffLoopbackTheServerWantsATokenAndChecksIt() throws {
        let store = try seed()
        let open = try opsready(["serve", "--store", store, "--host", "0.0.0.0", "--port", "0"])
        XCTAssertEqual(open.status, 2)
        XCTAssertTrue(open.stderr.contains("not loopback: give --token-file"), open.stderr)
        let token = "s3cret-token-0123456789abcdef"
        let tokenFile = try ScratchDirectory("token").write(token + "\n", to: "token")
        let (server, port) = try serve(["--store", store, "--token-file", tokenFile])
        defer { server.signal(SIGKILL) }
        let refused = try RawHTTP.get(port: port, "/api/workloads")
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(refused.headers["www-authenticate"]?.hasPrefix("Basic"), true)
        XCTAssertNotNil(refused.headers["content-security-policy"])
        XCTAssertEqual(try RawHTTP.get(port: port, "/api/workloads", headers: ["Authorization": "Bearer wrong-token-0123456789abcde"]).status, 401)
        XCTAssertEqual(try RawHTTP.get(port: port, "/api/workloads", headers: ["Authorization": "Bearer " + token.dropLast()]).status, 401)
        XCTAssertEqual(try RawHTTP.get(port: port, "/api/workloads", headers: ["Authorization": "Bearer " + token]).status, 200)
        let basic = Data("anyone:\(token)".utf8).base64EncodedString()
        XCTAssertEqual(try RawHTTP.get(port: port, "/", headers: ["Authorization": "Basic " + basic]).status, 200)
        server.signal(SIGTERM)
        let outcome = server.wait()
        XCTAssertFalse(outcome.stderr.contains(token), "the token is never printed")
        let missing = try opsready(["serve", "--store", temporary + "/none.sqlite"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such store"), missing.stderr)
    }
}
