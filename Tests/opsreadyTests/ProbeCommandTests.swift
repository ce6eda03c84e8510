import Foundation
import LoopbackEndpoints
import OpsTestSupport
import XCTest

/// `opsready probe` and `assess --probes`, run as a user would.
final class ProbeCommandTests: CLITestCase {
    func manifest(_ probes: String) throws -> String {
        try write("workload: {name: probe-test}\ninputs: {packs: [alerting]}\nprobes:\n" + probes, "opsready.yaml")
    }

    func testFailingProbeExitsOneAndIsRecordedWithATimestamp() throws {
        let path = try manifest("""
              - {id: name, kind: dns, host: localhost}
              - {id: closed, kind: tcp, host: 127.0.0.1, port: 1, timeout: 2s}
              - {id: later, kind: tcp, host: 127.0.0.1, port: 1, skip: not deployed yet}
            """)
        let history = temporary + "/probes.jsonl"
        for _ in 0..<2 {
            let run = try opsready(["probe", "--manifest", path, "--record", history])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stdout.contains("PASS name dns localhost"), run.stdout)
            XCTAssertTrue(run.stdout.contains("FAIL closed tcp 127.0.0.1:1: connection refused"), run.stdout)
            XCTAssertTrue(run.stdout.contains("probes: 1 passed, 1 failed, 1 skipped"), run.stdout)
        }
        let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4, "two runs append two measured probes each; skipped ones are not measurements")
        let first = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        XCTAssertEqual(first?["probe"] as? String, "closed")
        XCTAssertEqual(first?["status"] as? String, "fail")
        XCTAssertNotNil((first?["at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        XCTAssertEqual((first?["result"] as? [String: Any])?["connected"] as? Bool, false)
    }

    /// Every kind's latency is the record's one `latency_ms`, and hypercare reads it: a DNS lookup recorded by
    /// `probe --record` is a point of the response-time series, from the probes.
    func testADNSProbesLatencyReachesTheHypercareResponseTimeSeries() throws {
        let utc = TimeZone(identifier: "UTC")!
        let today = CalendarDay(Date(), utc)
        let path = try write("""
            workload: {name: dns-only, go_live: "\(today.adding(-14))", timezone: UTC}
            probes:
              - {id: name, kind: dns, host: localhost}
            """, "opsready.yaml")
        let records = temporary + "/hypercare"
        try FileManager.default.createDirectory(atPath: records, withIntermediateDirectories: true)
        let probe = try opsready(["probe", "--manifest", path, "--record", records + "/probes.jsonl"])
        XCTAssertEqual(probe.status, 0, probe.stdout + probe.stderr)
        let line = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(String(contentsOfFile: records + "/probes.jsonl", encoding: .utf8).utf8)) as? [String: Any])
        let latency = try XCTUnwrap(line["latency_ms"] as? Double, "the record's own latency field: \(line)")
        // A week later the run's week is finished and judged.
        let status = try opsready(["hypercare", "status", "--manifest", path, "--records", records, "--as-of", today.adding(7), "--format", "json"])
        XCTAssertEqual(status.status, 1, status.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let kpis = try XCTUnwrap(report["kpis"] as? [[String: Any]])
        let response = try XCTUnwrap(kpis.first { $0["id"] as? String == "response_time_seconds" })
        let judged = try XCTUnwrap(response["judged"] as? [String: Any], "\(response)")
        XCTAssertEqual(judged["source"] as? String, "probes")
        XCTAssertEqual(try XCTUnwrap(judged["value"] as? Double), latency / 1000, accuracy: 0.001, "the lookup's milliseconds, in seconds")
    }

    /// `YYYY-MM-DD` days in a time zone, for manifests relative to today.
    struct CalendarDay {
        let date: Date
        let zone: TimeZone
        init(_ date: Date, _ zone: TimeZone) { (self.date, self.zone) = (date, zone) }
        func adding(_ days: Int) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let day = calendar.date(byAdding: .day, value: days, to: date)!
            let c = calendar.dateComponents([.year, .month, .day], from: day)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
    }

    func testBadProbeIsAOneLineErrorWithItsPosition() throws {
        let path = try manifest("  - {id: x, kind: http, url: 'http://127.0.0.1:1/', assert: 'result.status =='}\n")
        let run = try opsready(["probe", "--manifest", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix(path + ":4:"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
    }

    func testControlCStopsHangingProbesAndKeepsWhatFinished() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let path = try manifest("""
              - {id: quick, kind: http, url: 'http://127.0.0.1:\(server.port)/ok'}
              - {id: stuck, kind: http, url: 'http://127.0.0.1:\(server.port)/hang', timeout: 60s}
            """)
        let history = temporary + "/probes.jsonl"
        let started = Date()
        let process = try ChildProcess(Self.binary, ["probe", "--manifest", path, "--record", history], environment: ["OPSREADY_HOME": Self.root])
        Thread.sleep(forTimeInterval: 1.5)
        process.signal(SIGINT)
        let outcome = process.wait()
        let (stdout, stderr) = (outcome.stdout, outcome.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "Ctrl-C does not wait for the 60 s deadline")
        XCTAssertEqual(outcome.status, 1, stderr)
        XCTAssertTrue(stderr.contains("interrupted"), stderr)
        XCTAssertTrue(stdout.contains("PASS quick"), stdout)
        XCTAssertTrue(stdout.contains("FAIL stuck"), stdout)
        XCTAssertEqual(try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").count, 2, "what finished is recorded")
    }

    /// `make run`'s path: the example's probes against the demo endpoints count as evidence in the assessment.
    func testExampleProbesAgainstTheDemoEndpoints() throws {
        let demo = Self.root + "/.build/debug/opsready-demo-endpoint"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: demo), "build opsready-demo-endpoint first (make test does)")
        let run = try opsready(["probe", "--manifest", "examples/aicc/opsready.yaml"], wrappedIn: demo)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("probes: 5 passed, 0 failed, 2 skipped"), run.stdout)
        XCTAssertTrue(run.stdout.contains("PASS AICC-PROBE-ADMIN-HEALTH http http://127.0.0.1:18080/health"), "the pack's probe, bound to the manifest's endpoint")
        XCTAssertTrue(run.stdout.contains("SKIP AICC-PROBE-CONNECT-DNS dns endpoint connect_access not run: the manifest binds no endpoint 'connect_access'"), run.stdout)
        let korean = try opsready(["probe", "--manifest", "examples/aicc/opsready.yaml", "--lang", "ko"], wrappedIn: demo)
        XCTAssertTrue(korean.stdout.contains("프로브: 통과 5, 실패 0, 건너뜀 2"), korean.stdout)
        let report = temporary + "/report.json"
        let assess = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2026-11-23", "--probes", "--format", "json", "--output", report],
                                  wrappedIn: demo)
        XCTAssertEqual(assess.status, 0, assess.stdout + assess.stderr)
        let json = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertTrue(json.contains("\"PROBE-admin-certificate\""), "probe findings are in the report")
        XCTAssertTrue(json.contains("\"verdict\": \"READY\""), "a skipped probe is no evidence against readiness")
    }
}
