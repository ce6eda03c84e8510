import Foundation
import OpsTestSupport
import XCTest

/// `opsready hypercare status` as a scheduled job runs it: the exit code says whether to hand over.
final class HypercareCommandTests: CLITestCase {
    func testExitCodeSaysWhetherToHandOver() throws {
        let during = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13", "--replay"])
        XCTAssertEqual(during.status, 1, during.stderr)
        XCTAssertTrue(during.stdout.hasPrefix("aicc-prod · go-live 2026-12-01 · as of 2027-01-13\nAICC cloud hypercare · week 7/12 · Extended support"), during.stdout)
        XCTAssertTrue(during.stdout.contains("✗ System availability: 99.79 (w6 · typed)  target ≥ 99.9  improving"), during.stdout)
        XCTAssertTrue(during.stdout.contains("· Overall satisfaction: no data (w6)  target ≥ 4"), "surveyed in week 4, not carried forward: \(during.stdout)")
        XCTAssertTrue(during.stdout.contains("✗ Critical (P1) incidents: 1 (2026-12 · incidents, 1)  target ≤ 0"), "judged on December, the last finished month")
        XCTAssertTrue(during.stdout.contains("  - the plan's 12 weeks are not over (week 7)"), during.stdout)
        let refused = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13"])
        XCTAssertEqual(refused.status, 2, "records after the status day are refused without --replay")
        XCTAssertEqual(refused.stderr, "examples/aicc/hypercare/weeks.yaml:131:9: error: week 7 has not finished by 2027-01-13 (week 7 is under way) (a record from the future: check the date, or judge a past day from these records with --replay)\n")
        XCTAssertTrue(during.stdout.contains("  ✗ INC-002 P1: responded in 20m (target 15m); resolved in 1h 15m, escalated to L3 프로젝트 매니저"), during.stdout)
        let after = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-02-24", "--format", "json"])
        XCTAssertEqual(after.status, 0, after.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(json?["exit_ready"] as? Bool, true)
        XCTAssertEqual(json?["week"] as? Int, 13)
        XCTAssertEqual(json?["exit_week"] as? Int, 12)
        XCTAssertEqual(json?["workload"] as? String, "aicc-prod")
        XCTAssertEqual(json?["go_live"] as? String, "2026-12-01")
        let week7 = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13", "--replay", "--format", "json"])
        let kpis = (try JSONSerialization.jsonObject(with: Data(week7.stdout.utf8)) as? [String: Any])?["kpis"] as? [[String: Any]] ?? []
        let critical = kpis.first { $0["id"] as? String == "critical_incidents" }
        XCTAssertEqual(critical?["per"] as? String, "month")
        XCTAssertEqual((critical?["judged"] as? [String: Any])?["label"] as? String, "2026-12", "judged on December, which had the P1")
        XCTAssertEqual(kpis.first { $0["id"] as? String == "processing_time_minutes" }?["reduce_by"] as? Double, 30)
        let korean = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-02-24", "--lang", "ko"])
        XCTAssertTrue(korean.stdout.contains("종료 판정: 인계 가능"), korean.stdout)
        XCTAssertTrue(korean.stdout.contains("✓ 시스템 가용성: 99.95 (w12 · 입력값)  목표 ≥ 99.9  유지"), "trends in Korean too: \(korean.stdout)")
    }

    func testMarkdownAndStatusPage() throws {
        let page = temporary + "/status.html"
        let html = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13", "--replay", "--format", "html", "--output", page])
        XCTAssertEqual(html.status, 1)
        let text = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertEqual(text.components(separatedBy: "<svg").count - 1, 26, "a chart per KPI")
        XCTAssertTrue(text.contains("<title>w6: 99.79 · typed</title>"), "each week's value is on the chart with its origin")
        XCTAssertTrue(text.contains("<title>2027-01 so far: 0.5 · maintenance windows, 1</title>"), "monthly KPIs chart their months, the current one so far")
        XCTAssertTrue(text.contains("<title>w5: no data</title>"), "a finished week without a value is marked on the axis")
        XCTAssertTrue(text.contains(">target ≥ 99.9</text>"), "the target line is labelled")
        XCTAssertTrue(text.contains("class=\"judged\""), "the judged point is marked")
        XCTAssertTrue(text.contains(">n=8</text>"), "survey points carry their response count")
        XCTAssertTrue(text.contains("<h1>aicc-prod</h1>") && text.contains("go-live 2026-12-01"), "the workload and its go-live")
        XCTAssertTrue(text.contains("Noto Sans CJK KR") && text.contains("Content-Security-Policy"), "CJK fonts named; no script allowed")
        XCTAssertTrue(text.contains("Missed activities (2): Weekly report 2027-01-08; Daily report (18:00) 2026-12-25"), "missed activities are listed")
        XCTAssertFalse(text.contains("<script") || text.contains("http://") || text.contains("https://"), "self-contained")
        let markdown = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13", "--replay", "--format", "markdown"])
        XCTAssertTrue(markdown.stdout.contains("| System availability | 99.79 (w6 · typed) | ≥ 99.9 | ❌ | improving |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.hasPrefix("## aicc-prod · go-live 2026-12-01 · as of 2027-01-13"), markdown.stdout)
        let korean = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-01-13", "--replay", "--format", "html", "--lang", "ko"])
        XCTAssertTrue(korean.stdout.contains("<html lang=\"ko\">"), "the page's language follows --lang")
    }

    func testRecordIntoTheHistoryAndStatusFromIt() throws {
        let store = temporary + "/history.sqlite"
        let early = try opsready(["hypercare", "record", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-01-13"])
        XCTAssertEqual(early.status, 2, "the history keeps only what has happened by the day it is recorded")
        XCTAssertFalse(FileManager.default.fileExists(atPath: store))
        let first = try opsready(["hypercare", "record", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-02-24"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("370 added, 0 changed, 0 removed, 370 in all"), first.stdout)
        XCTAssertTrue(first.stdout.contains("(13 weeks, 8 incidents, 4 maintenance windows, 48 survey responses, 66 activity days, 13 checklist items, 0 probe runs)"),
                      first.stdout)
        let missing = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--store", temporary + "/none.sqlite"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.sqlite: no such history"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary + "/none.sqlite"), "reading never creates a history")
        let again = try opsready(["hypercare", "record", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-02-24"])
        XCTAssertTrue(again.stdout.contains("0 added, 0 changed, 0 removed, 370 in all"), "re-importing changes nothing: \(again.stdout)")
        for day in ["2027-01-13", "2027-02-24"] {
            let fromStore = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", day, "--replay", "--format", "json"])
            let fromFiles = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", day, "--replay", "--format", "json"])
            XCTAssertEqual(fromStore.stdout, fromFiles.stdout, day)
        }
        let overview = try opsready(["hypercare", "overview", "--store", store, "--as-of", "2027-01-13"])
        XCTAssertEqual(overview.status, 0, overview.stderr)
        XCTAssertTrue(overview.stdout.contains("aicc-prod  2026-12-01  7/12  Extended support  not yet  21            33        2       —"), overview.stdout)
        let broken = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--store", Self.root + "/README.md"])
        XCTAssertEqual(broken.status, 2)
        XCTAssertEqual(broken.stderr, Self.root + "/README.md: error: hypercare history: file is not a database\n")
    }

    /// The shared PostgreSQL history through the CLI: record, then status from it equals status from the files.
    func testRecordIntoPostgreSQLAndStatusFromIt() throws {
        guard let url = ProcessInfo.processInfo.environment["OPSREADY_TEST_POSTGRES"], !url.isEmpty else {
            if ProcessInfo.processInfo.environment["OPSREADY_REQUIRE_POSTGRES"] == "1" { XCTFail("OPSREADY_TEST_POSTGRES is not set") }
            throw XCTSkip("set OPSREADY_TEST_POSTGRES to run the PostgreSQL history through the CLI")
        }
        let workload = "cli-\(UUID().uuidString.prefix(8))"
        let manifest = temporary + "/opsready.yaml"
        try """
            workload: {name: \(workload), go_live: "2026-12-01", timezone: Asia/Seoul}
            incident_targets: seed-003
            escalation:
              - {level: L1, who: 현장 지원팀, within: 0m}
              - {level: L3, who: 프로젝트 매니저, within: 1h}

            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let records = Self.root + "/examples/aicc/hypercare"
        let unrecorded = try opsready(["hypercare", "status", "--manifest", manifest, "--store", url])
        XCTAssertEqual(unrecorded.status, 2, "a workload never recorded is an error, not a status of no data")
        XCTAssertTrue(unrecorded.stderr.contains("the history holds no records for workload '\(workload)'"), unrecorded.stderr)
        let first = try opsready(["hypercare", "record", "--manifest", manifest, "--records", records, "--store", url, "--as-of", "2027-02-24"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("into the PostgreSQL history (workload \(workload)): 370 added, 0 changed, 0 removed, 370 in all"), first.stdout)
        XCTAssertFalse(first.stdout.contains(url) || first.stdout.contains(":\(URLComponents(string: url)?.password ?? "")@"), "the password is never printed")
        let overview = try opsready(["hypercare", "overview", "--store", url, "--as-of", "2027-02-24", "--format", "json"])
        let listed = try JSONSerialization.jsonObject(with: Data(overview.stdout.utf8)) as? [String: Any]
        let mine = (listed?["workloads"] as? [[String: Any]])?.first { $0["name"] as? String == workload }
        XCTAssertEqual(mine?["exit_ready"] as? Bool, true, overview.stdout)
        XCTAssertEqual(mine?["timezone"] as? String, "Asia/Seoul")
        for day in ["2027-01-13", "2027-02-24"] {
            let fromStore = try opsready(["hypercare", "status", "--manifest", manifest, "--store", url, "--as-of", day, "--replay", "--format", "json"])
            let fromFiles = try opsready(["hypercare", "status", "--manifest", manifest, "--records", records, "--as-of", day, "--replay", "--format", "json"])
            XCTAssertEqual(fromStore.status, fromFiles.status, day)
            XCTAssertEqual(fromStore.stdout, fromFiles.stdout, day)
        }
    }

    /// A bad PostgreSQL URL or an unreachable server is a one-line error, exit 2, the password never shown.
    func testBadPostgreSQLLocationsAreOneLineErrors() throws {
        let cases = [
            ("postgres:///nohost", "--store: error: not a PostgreSQL URL: expected postgres://user@host[:port]/database\n"),
            ("postgres://u@127.0.0.1:9/db?sslmode=bogus", "postgres://u@127.0.0.1:9/db: error: sslmode must be disable, prefer, require or verify-full, got 'bogus'\n"),
            ("postgres://u:secret@127.0.0.1:9/db", "postgres://u@127.0.0.1:9/db: error: hypercare history: cannot connect to 127.0.0.1:9: Connection refused\n"),
        ]
        for (url, message) in cases {
            let run = try opsready(["hypercare", "record", "--manifest", "examples/aicc/opsready.yaml", "--store", url, "--as-of", "2027-02-24"])
            XCTAssertEqual(run.status, 2, url)
            XCTAssertEqual(run.stderr, message)
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testInitStartsRecordsThatStatusReads() throws {
        let manifest = temporary + "/opsready.yaml"
        try "workload: {name: w, go_live: \"2026-12-01\", timezone: Asia/Seoul}\n".write(toFile: manifest, atomically: true, encoding: .utf8)
        let started = try opsready(["hypercare", "init", "--manifest", manifest])
        XCTAssertEqual(started.status, 0, started.stderr)
        let checklist = try String(contentsOfFile: temporary + "/hypercare/checklist.yaml", encoding: .utf8)
        XCTAssertTrue(checklist.contains("- {id: backup_restore_verified, done: false}"), checklist)
        let status = try opsready(["hypercare", "status", "--manifest", manifest, "--as-of", "2026-12-20", "--format", "json"])
        XCTAssertEqual(status.status, 1, status.stderr)
        XCTAssertTrue(status.stdout.contains("\"week\": 3"), status.stdout)
        let again = try opsready(["hypercare", "init", "--manifest", manifest])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists; init never overwrites records"), again.stderr)
    }

    func testBadRecordsAreAnInputError() throws {
        let directory = temporary + "/records"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "- week: one\n".write(toFile: directory + "/weeks.yaml", atomically: true, encoding: .utf8)
        let run = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--records", directory])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix(directory + "/weeks.yaml:1:9:"), run.stderr)
    }

    /// Imports running at once into one SQLite history wait for each other (a busy timeout) instead of failing.
    func testConcurrentImportsIntoOneSQLiteHistoryAllSucceed() throws {
        let store = temporary + "/shared.sqlite"
        let processes = try (0..<6).map { _ in
            try ChildProcess(Self.binary, ["hypercare", "record", "--manifest", Self.root + "/examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-02-24"],
                             environment: ["OPSREADY_HOME": Self.root], capture: false)
        }
        XCTAssertEqual(processes.map { $0.wait().status }, Array(repeating: 0, count: 6))
        let status = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--store", store, "--as-of", "2027-02-24"])
        XCTAssertEqual(status.status, 0, status.stderr)
    }
}
