import Foundation
import LoopbackEndpoints
import NIOSSL
@testable import OpsAssessment
@testable import OpsCore
import OpsDocument
import OpsExpr
@testable import OpsProbes
import OpsReporters
import XCTest

final class ProbeTests: XCTestCase {
    var server: LoopbackServer!

    override func setUpWithError() throws { server = try LoopbackServer() }
    override func tearDownWithError() throws { server.stop() }

    func spec(_ yaml: String) throws -> ProbeSpec {
        try ProbeSpec.parse(try DocumentLoader.parse(yaml, file: "opsready.yaml")[0], practiceIds: nil)
    }

    func run(_ yaml: String, runner: ProbeRunner = ProbeRunner(environment: ["PROBE_TOKEN": "s3cr3t-value"])) async throws -> ProbeResult {
        let results = await runner.run([try spec(yaml)])
        return results[0]
    }

    func field(_ r: ProbeResult, _ name: String) -> Value? {
        guard case .map(let m) = r.result else { return nil }
        return m.field(name)
    }

    func testHTTPAnswersWithStatusLatencyAndJSON() async throws {
        let r = try await run("{id: ok, kind: http, url: 'http://127.0.0.1:\(server.port)/ok', assert: \"result.status == 200 && result.json.ok && result.latency_ms < 1000.0\"}")
        XCTAssertEqual(r.status, .pass, r.summary)
        XCTAssertEqual(field(r, "status"), .int(200))
        XCTAssertEqual(field(r, "headers").flatMap { if case .map(let m) = $0 { return m.field("content-type") } else { return nil } }, .string("application/json"))
    }

    func testSlowFailingAndDefaultCondition() async throws {
        let slow = try await run("{id: slow, kind: http, url: 'http://127.0.0.1:\(server.port)/delay/300', assert: \"result.latency_ms < 100.0\"}")
        XCTAssertEqual(slow.status, .fail)
        guard case .double(let ms)? = field(slow, "latency_ms") else { return XCTFail("latency") }
        XCTAssertGreaterThanOrEqual(ms, 290)
        XCTAssertLessThan(ms, 2000)
        let failing = try await run("{id: fail, kind: http, url: 'http://127.0.0.1:\(server.port)/fail'}")
        XCTAssertEqual(failing.status, .fail, "the default condition wants 2xx/3xx within 2 s")
        XCTAssertTrue(failing.summary.contains("condition not met"), failing.summary)
    }

    func testRedirectsFollowOnlyWhenAllowed() async throws {
        let kept = try await run("{id: r, kind: http, url: 'http://127.0.0.1:\(server.port)/redirect', assert: \"result.status == 302\"}")
        XCTAssertEqual(kept.status, .pass, "redirects are not followed unless asked")
        let followed = try await run("{id: r, kind: http, url: 'http://127.0.0.1:\(server.port)/redirect', follow_redirects: true, assert: \"result.status == 200 && size(result.redirects) == 1\"}")
        XCTAssertEqual(followed.status, .pass, followed.summary)
        let away = try await run("{id: r, kind: http, url: 'http://127.0.0.1:\(server.port)/away', follow_redirects: true, assert: \"!has(result.redirect_blocked)\"}")
        XCTAssertEqual(away.status, .fail)
        XCTAssertEqual(field(away, "redirect_blocked"), .string("elsewhere.invalid"), "another host needs allow_redirect_hosts")
    }

    func testLargeBodiesAreCapped() async throws {
        let r = try await run("{id: big, kind: http, url: 'http://127.0.0.1:\(server.port)/large', max_body_bytes: 65536, assert: \"result.body_truncated && result.body_bytes == 65536\"}")
        XCTAssertEqual(r.status, .pass, r.summary)
    }

    func testDeadlinesAndRefusedConnections() async throws {
        let started = Date()
        let hang = try await run("{id: hang, kind: http, url: 'http://127.0.0.1:\(server.port)/hang', timeout: 500ms}")
        XCTAssertEqual(hang.status, .fail)
        XCTAssertTrue(hang.summary.contains("no answer within 0.5 s"), hang.summary)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        let closed = try LoopbackServer.closedPort()
        let refused = try await run("{id: closed, kind: http, url: 'http://127.0.0.1:\(closed)/', timeout: 2s}")
        XCTAssertEqual(refused.status, .fail)
        XCTAssertTrue(refused.summary.contains("connection refused"), refused.summary)
        let tcp = try await run("{id: t, kind: tcp, host: 127.0.0.1, port: \(closed), timeout: 2s}")
        XCTAssertEqual(field(tcp, "connected"), .bool(false))
        let open = try await run("{id: t, kind: tcp, host: 127.0.0.1, port: \(server.port)}")
        XCTAssertEqual(open.status, .pass, open.summary)
    }

    func testOneHangingTargetDoesNotDelayTheOthers() async throws {
        let specs = try (0..<6).map { i in
            try spec("{id: p\(i), kind: http, url: 'http://127.0.0.1:\(server.port)/\(i == 0 ? "hang" : "ok")', timeout: \(i == 0 ? "1s" : "5s")}")
        }
        let started = Date()
        let results = await ProbeRunner(concurrency: 2).run(specs)
        XCTAssertEqual(results.map(\.status), [.fail, .pass, .pass, .pass, .pass, .pass])
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "the others ran while one waited for its deadline")
    }

    func testOverallDeadlineAndCancellation() async throws {
        let specs = try (0..<4).map { try spec("{id: h\($0), kind: http, url: 'http://127.0.0.1:\(server.port)/hang', timeout: 30s}") }
        let started = Date()
        let results = await ProbeRunner(overallTimeoutSeconds: 1).run(specs)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
        XCTAssertTrue(results.allSatisfy { $0.status == .fail }, results.map(\.summary).joined(separator: "; "))
        let cancelled = Task { await ProbeRunner().run(specs) }
        try await Task.sleep(nanoseconds: 200_000_000)
        let cancelStarted = Date()
        cancelled.cancel()
        let partial = await cancelled.value
        XCTAssertLessThan(Date().timeIntervalSince(cancelStarted), 5, "cancelling stops the probes in flight")
        XCTAssertEqual(partial.count, 4)
    }

    func testSecretsComeFromTheEnvironmentAndNeverShow() async throws {
        let runner = ProbeRunner(environment: ["PROBE_TOKEN": "Bearer \(LoopbackServer.token)"])
        let r = try await run("{id: s, kind: http, url: 'http://127.0.0.1:\(server.port)/private', headers: {Authorization: {env: PROBE_TOKEN}}}", runner: runner)
        XCTAssertEqual(r.status, .pass, "the server got the token from the environment: \(r.summary)")
        XCTAssertFalse(json([r]).contains(LoopbackServer.token), "no report shows the secret")
        XCTAssertFalse(text([r]).contains(LoopbackServer.token))
        XCTAssertFalse(history([r]).contains(LoopbackServer.token))
        XCTAssertFalse(r.finding.message.en.contains(LoopbackServer.token))
        let without = try await run("{id: s, kind: http, url: 'http://127.0.0.1:\(server.port)/private'}")
        XCTAssertEqual(without.status, .fail)
        let missing = try await run("{id: s, kind: http, url: 'http://127.0.0.1:\(server.port)/ok', headers: {Authorization: {env: NOT_SET_ANYWHERE}}}")
        XCTAssertTrue(missing.summary.contains("environment variable NOT_SET_ANYWHERE"), missing.summary)
        XCTAssertThrowsError(try spec("{id: s, kind: http, url: 'http://x/', headers: {Authorization: Bearer abc}}")) { error in
            XCTAssertEqual((error as? DocumentError)?.message, "header Authorization carries a secret: give {env: VARIABLE} instead of the value")
        }
        XCTAssertThrowsError(try spec("{id: s, kind: http, url: 'http://x/', headers: {X-Api-Token: abc}}"))
    }

    /// A body trickled one byte every 200 ms (20 s in all) ends at the probe's 1 s deadline, not when the server stops.
    func testTheDeadlineCoversATrickledBody() async throws {
        let started = Date()
        let r = try await run("{id: t, kind: http, url: 'http://127.0.0.1:\(server.port)/trickle', timeout: 1s}")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the body was read past the deadline")
        XCTAssertEqual(r.status, .fail)
        XCTAssertTrue(r.summary.contains("no answer within 1.0 s"), r.summary)
    }

    /// Credentials are for the probe's own origin: another port of the same host does not get them unless named in
    /// `send_credentials_to`; a redirect the probe had to stop fails the default condition.
    func testCredentialsDoNotFollowRedirectsToAnotherOrigin() async throws {
        let other = try LoopbackServer()
        defer { other.stop() }
        let runner = ProbeRunner(environment: ["PROBE_TOKEN": "Bearer \(LoopbackServer.token)"])
        let hop = "http://127.0.0.1:\(server.port)/to/http://127.0.0.1:\(other.port)/echo"
        let dropped = try await run("{id: c, kind: http, url: '\(hop)', follow_redirects: true, headers: {Authorization: {env: PROBE_TOKEN}}, assert: \"result.json.authorization == 'none'\"}",
                                    runner: runner)
        XCTAssertEqual(dropped.status, .pass, "another port is another origin: \(dropped.summary)")
        let named = try await run("""
            {id: c, kind: http, url: '\(hop)', follow_redirects: true, headers: {Authorization: {env: PROBE_TOKEN}},
             send_credentials_to: ['http://127.0.0.1:\(other.port)'], assert: "result.json.authorization != 'none'"}
            """, runner: runner)
        XCTAssertEqual(named.status, .pass, "an origin named in send_credentials_to gets them: \(named.summary)")
        let blocked = try await run("{id: b, kind: http, url: 'http://127.0.0.1:\(server.port)/away', follow_redirects: true}")
        XCTAssertEqual(blocked.status, .fail, "a blocked redirect fails the default condition (it answered 302)")
    }

    /// Which redirects are followed, and with credentials: the origin is scheme, host and port; https never goes to http.
    func testRedirectDecisions() throws {
        let probe = try spec("{id: r, kind: http, url: 'https://api.example.com/x', follow_redirects: true, allow_redirect_hosts: [login.example.com], send_credentials_to: ['https://login.example.com']}")
        func decide(_ to: String) -> (blocked: String?, credentials: Bool) {
            guard case .http(let request) = probe.request else { return ("not an http probe", false) }
            return HTTPProbe.redirect(from: URL(string: "https://api.example.com/x")!, to: URL(string: to)!, spec: request)
        }
        XCTAssertEqual(decide("https://api.example.com/y").credentials, true, "same origin")
        XCTAssertEqual(decide("https://api.example.com:8443/y").credentials, false, "another port is another origin")
        XCTAssertNil(decide("https://api.example.com:8443/y").blocked)
        XCTAssertEqual(decide("http://api.example.com/y").blocked, "api.example.com (https to http)", "never downgraded")
        XCTAssertEqual(decide("https://login.example.com/y").credentials, true, "named in send_credentials_to")
        XCTAssertEqual(decide("https://evil.example.net/").blocked, "evil.example.net")
    }

    /// A server that echoes the token back: the body, the JSON, the headers and the history line show `[redacted]`,
    /// and cookie headers are not kept.
    func testEchoedSecretsAreRedacted() async throws {
        let runner = ProbeRunner(environment: ["PROBE_TOKEN": "Bearer \(LoopbackServer.token)"])
        let r = try await run("{id: e, kind: http, url: 'http://127.0.0.1:\(server.port)/echo', headers: {Authorization: {env: PROBE_TOKEN}}, assert: \"result.status == 200\"}",
                              runner: runner)
        XCTAssertEqual(r.status, .pass, r.summary)
        for output in [json([r]), text([r]), history([r])] {
            XCTAssertFalse(output.contains(LoopbackServer.token), output)
        }
        XCTAssertTrue(json([r]).contains("[redacted]"))
        guard case .map(let headers)? = field(r, "headers") else { return XCTFail("headers") }
        XCTAssertNil(headers.field("set-cookie"), "cookies are credentials: not kept")
        XCTAssertEqual(headers.field("x-echo"), .string("[redacted]"))
    }

    func testRepeatsReportPercentiles() async throws {
        let r = try await run("{id: rep, kind: http, url: 'http://127.0.0.1:\(server.port)/delay/20', assert: \"result.samples == 5 && result.p95_ms >= result.p50_ms\"}",
                              runner: ProbeRunner(repeatCount: 5))
        XCTAssertEqual(r.status, .pass, r.summary)
        XCTAssertTrue(text([r]).contains("p95"), text([r]))
    }

    func testDNS() async throws {
        let local = try await run("{id: d, kind: dns, host: localhost, assert: \"result.resolved && result.addresses.exists(a, a == '127.0.0.1' || a == '::1')\"}")
        XCTAssertEqual(local.status, .pass, local.summary)
        let missing = try await run("{id: d, kind: dns, host: no-such-host.invalid, timeout: 3s}")
        XCTAssertEqual(missing.status, .fail)
        XCTAssertEqual(field(missing, "resolved"), .bool(false))
    }

    func testInvalidProbesAreRejectedWithTheirLine() {
        XCTAssertThrowsError(try spec("{id: x, kind: http}")) { error in
            XCTAssertEqual((error as? DocumentError)?.description, "opsready.yaml:1:1: http probe x needs a 'url' starting with http:// or https://")
        }
        XCTAssertThrowsError(try spec("{id: x, kind: tcp, host: h, port: 70000}")) { error in
            XCTAssertEqual((error as? DocumentError)?.message, "'port' must be 1 to 65535")
        }
        XCTAssertThrowsError(try spec("{id: x, kind: ftp}"))
    }
}

final class TLSProbeTests: XCTestCase {
    func probe(_ context: NIOSSLContextFactory, sni: String = "localhost", assert: String? = nil, timeout: String = "5s") async throws -> ProbeResult {
        let server = try LoopbackServer(tls: try context())
        defer { server.stop() }
        let yaml = "{id: tls, kind: tls, host: 127.0.0.1, port: \(server.port), sni: \(sni), timeout: \(timeout)" + (assert.map { ", assert: \"\($0)\"" } ?? "") + "}"
        let spec = try ProbeSpec.parse(try DocumentLoader.parse(yaml, file: "opsready.yaml")[0], practiceIds: nil)
        return await ProbeRunner().run([spec])[0]
    }

    typealias NIOSSLContextFactory = () throws -> NIOSSLContext

    func value(_ r: ProbeResult, _ name: String) -> Value? {
        guard case .map(let m) = r.result else { return nil }
        return m.field(name)
    }

    func testValidCertificate() async throws {
        let r = try await probe({ try SelfSignedCertificate.serverContext(name: "localhost", validFor: 90.05) })
        XCTAssertEqual(value(r, "days_to_expiry"), .int(90))
        XCTAssertEqual(value(r, "hostname_match"), .bool(true))
        XCTAssertEqual(value(r, "chain_valid"), .bool(false), "self-signed: no trusted root")
        XCTAssertEqual(value(r, "tls_version"), .string("TLSv1.3"))
        XCTAssertEqual(r.status, .fail, "the default condition wants a trusted chain")
        let lenient = try await probe({ try SelfSignedCertificate.serverContext(name: "localhost", validFor: 90.05) },
                                      assert: "result.days_to_expiry > 30 && result.hostname_match && result.tls_version == 'TLSv1.3'")
        XCTAssertEqual(lenient.status, .pass, lenient.summary)
    }

    func testExpiringExpiredAndWrongName() async throws {
        let soon = try await probe({ try SelfSignedCertificate.serverContext(name: "localhost", validFor: 10.05) }, assert: "result.days_to_expiry > 30")
        XCTAssertEqual(value(soon, "days_to_expiry"), .int(10))
        XCTAssertEqual(soon.status, .fail)
        let expired = try await probe({ try SelfSignedCertificate.serverContext(name: "localhost", validFor: -1.95, startedDaysAgo: 100) }, assert: "result.days_to_expiry > 0")
        XCTAssertEqual(value(expired, "days_to_expiry"), .int(-2))
        XCTAssertEqual(expired.status, .fail)
        let wrong = try await probe({ try SelfSignedCertificate.serverContext(name: "other.example", validFor: 90) }, assert: "result.hostname_match")
        XCTAssertEqual(value(wrong, "hostname_match"), .bool(false))
        XCTAssertEqual(wrong.status, .fail)
    }

    func testPrivateCertificateAuthorityFromCAFile() async throws {
        let (context, pem) = try SelfSignedCertificate.make(name: "localhost", validFor: 90)
        let server = try LoopbackServer(tls: context)
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "opsready-ca-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try pem.write(toFile: directory + "/ca.pem", atomically: true, encoding: .utf8)
        func probe(_ extra: String) async throws -> ProbeResult {
            let yaml = "{id: t, kind: tls, host: 127.0.0.1, port: \(server.port), sni: localhost\(extra)}"
            let spec = try ProbeSpec.parse(try DocumentLoader.parse(yaml, file: directory + "/opsready.yaml")[0], practiceIds: nil)
            return await ProbeRunner().run([spec])[0]
        }
        let trusted = try await probe(", ca_file: ca.pem")
        XCTAssertEqual(value(trusted, "chain_valid"), .bool(true), trusted.summary)
        XCTAssertEqual(trusted.status, .pass, trusted.summary)
        let untrusted = try await probe("")
        XCTAssertEqual(value(untrusted, "chain_valid"), .bool(false), "a self-signed certificate is not trusted by the system")
        XCTAssertThrowsError(try ProbeSpec.parse(try DocumentLoader.parse("{id: t, kind: tls, host: h, port: 1, ca_file: missing.pem}", file: directory + "/m.yaml")[0],
                                                 practiceIds: nil))
    }

    func testHandshakeDeadline() async throws {
        let silent = try LoopbackServer(silent: true)
        defer { silent.stop() }
        let spec = try ProbeSpec.parse(try DocumentLoader.parse("{id: t, kind: tls, host: 127.0.0.1, port: \(silent.port), timeout: 700ms}", file: "m.yaml")[0], practiceIds: nil)
        let started = Date()
        let r = await ProbeRunner().run([spec])[0]
        XCTAssertEqual(r.status, .fail)
        XCTAssertTrue(r.summary.contains("no answer within 0.7 s"), r.summary)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testClosedPortFailsWithTheReason() async throws {
        let port = try LoopbackServer.closedPort()
        let spec = try ProbeSpec.parse(try DocumentLoader.parse("{id: t, kind: tls, host: 127.0.0.1, port: \(port)}", file: "m.yaml")[0], practiceIds: nil)
        let r = await ProbeRunner().run([spec])[0]
        XCTAssertEqual(r.status, .fail)
        XCTAssertTrue(r.summary.contains("refused"), r.summary)
    }
}

/// The probe renderings and history lines a user sees, for the secrecy tests.
private func text(_ results: [ProbeResult]) -> String { ProbeTextReporter(options: ReportOptions()).render(ProbeResults(results)) }
private func json(_ results: [ProbeResult]) -> String { ProbeJSONReporter(options: ReportOptions()).render(ProbeResults(results)) }
private func history(_ results: [ProbeResult]) -> String { ProbeResults(results).records(at: "now").map(\.line).joined() }

final class PackProbeTests: XCTestCase {
    func testEndpointsBindPackProbes() throws {
        let yaml = "{id: P, kind: tls, endpoint: web, practices: [OPS08-BP03]}"
        let node = try DocumentLoader.parse(yaml, file: "checks/x/probes/p.yaml")[0]
        let bound = try ProbeSpec.parse(node, practiceIds: nil, endpoints: ["web": "https://web.example.com:8443/app"])
        guard case .tls(let tls) = bound.request else { return XCTFail("a tls probe") }
        XCTAssertEqual(tls.host, "web.example.com")
        XCTAssertEqual(tls.port, 8443)
        XCTAssertNil(bound.skip)
        let http = try ProbeSpec.parse(try DocumentLoader.parse("{id: H, kind: http, endpoint: web, path: /health}", file: "p.yaml")[0],
                                       practiceIds: nil, endpoints: ["web": "https://web.example.com/"])
        XCTAssertEqual(http.target, "https://web.example.com/health")
        let unbound = try ProbeSpec.parse(node, practiceIds: nil, endpoints: [:])
        XCTAssertEqual(unbound.skip, "the manifest binds no endpoint 'web' (endpoints:)")
        XCTAssertEqual(unbound.target, "endpoint web")
    }

    /// A field another kind reads would be silently ignored: it is refused where it is written.
    func testFieldsOfAnotherKindAreRefused() throws {
        func error(_ yaml: String) -> String {
            do {
                _ = try ProbeSpec.parse(try DocumentLoader.parse(yaml, file: "p.yaml")[0], practiceIds: nil)
                return "accepted"
            } catch { return error.diagnostic }
        }
        XCTAssertEqual(error("{id: t, kind: tcp, host: db, port: 5432, url: 'http://db/'}"), "p.yaml:1:47: error: 'url' applies to http probes only")
        XCTAssertEqual(error("{id: d, kind: dns, host: db, port: 53}"), "p.yaml:1:36: error: 'port' applies to tcp and tls probes only")
        XCTAssertEqual(error("{id: h, kind: http, url: 'https://x/', sni: x}"), "p.yaml:1:45: error: 'sni' applies to tls probes only")
    }

    func testDuplicateIdsAndUnknownPracticesAcrossManifestAndPacks() throws {
        let rubric = try RubricLoader.load(directory: ResourceLocator.path("rubrics/operational-excellence"))
        let a = try ProbeSpec.parse(try DocumentLoader.parse("{id: A, kind: dns, host: localhost}", file: "m.yaml")[0], practiceIds: nil)
        XCTAssertThrowsError(try ProbePackLoader.combine([a], [a], rubric: rubric)) { error in
            XCTAssertTrue((error as? DocumentError)?.message.contains("duplicate probe id 'A'") == true)
        }
        let wrong = try ProbeSpec.parse(try DocumentLoader.parse("{id: B, kind: dns, host: localhost, practices: [OPS99-BP01]}", file: "m.yaml")[0],
                                        practiceIds: nil)
        XCTAssertThrowsError(try ProbePackLoader.combine([wrong], [], rubric: rubric))
    }
}
