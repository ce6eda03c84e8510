import Foundation
import OpsTestSupport
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Inputs a pull request or a probed server can carry: numbers that are no numbers, text that tries to act on a
/// terminal, a CI log or a Markdown comment, and output paths that are not plain files. Each ends in exit 0, 1 or 2
/// with one line, and no output lets input text act.
final class HostileInputTests: CLITestCase {
    static let alarm = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              AlarmName: NAME
              AlarmDescription: critical service down
              MetricName: HTTPCode_Target_5XX_Count
              Namespace: AWS/ApplicationELB
              Statistic: Sum
              Period: PERIOD
              EvaluationPeriods: EVALUATIONS
              Threshold: THRESHOLD
              ComparisonOperator: GreaterThanThreshold

        """

    func alarm(name: String = "api-5xx", period: String = "60", evaluations: String = "1", threshold: String = "5") throws -> String {
        try write(Self.alarm.replacingOccurrences(of: "NAME", with: name).replacingOccurrences(of: "PERIOD", with: period)
            .replacingOccurrences(of: "EVALUATIONS", with: evaluations).replacingOccurrences(of: "THRESHOLD", with: threshold), "alarm-\(UUID().uuidString.prefix(6)).yaml")
    }

    /// `Period: .inf`, `EvaluationPeriods: "1e19"`, `for: 99999999999999999999w` aborted the process (SIGILL).
    func testNumbersThatAreNoNumbersAreInputErrors() throws {
        let cases: [(String, String)] = [
            (try alarm(period: ".inf"), ":11:15: error: 'Period' must be a whole number from 1 to 315360000"),
            (try alarm(evaluations: "\"1e19\""), ":12:26: error: 'EvaluationPeriods' must be a whole number from 1 to 100000"),
            (try alarm(threshold: ".nan"), ":13:18: error: 'Threshold' must be a finite number (at most 1e15 in size)"),
            (try write("groups:\n  - name: g\n    rules:\n      - alert: HighCPU\n        expr: rate(cpu[5m]) > 0.9\n        for: 99999999999999999999w\n", "rules.yaml"),
             ":6:14: error: 'for' is longer than ten years"),
            (try write("route:\n  receiver: r\n  group_wait: 99999999999999999999w\nreceivers:\n  - name: r\n", "am.yaml"), ":3:15: error: 'group_wait' is longer than ten years"),
            (try write("alert_rules:\n  - name: cpu\n    condition: cpu_usage > 90\n    duration: 1e300h\n    severity: critical\n", "seed.yaml"),
             ":4:15: error: 'duration' must be a duration like 5m, 1h30m or 90s"),
        ]
        for (path, suffix) in cases {
            let run = try opsready(["assess", path])
            XCTAssertEqual(run.status, 2, path)
            XCTAssertEqual(run.stderr, path + suffix + "\n")
        }
    }

    /// 20,000 `+` terms in a probe's `assert` crashed `assess` (SIGSEGV) even without `--probes`.
    func testADeepExpressionIsACompileError() throws {
        let manifest = try write("""
            workload: {name: w}
            probes:
              - {id: p, kind: http, url: "http://127.0.0.1:9/", assert: "\(Array(repeating: "1", count: 20_000).joined(separator: "+")) > 0"}

            """, "opsready.yaml")
        let run = try opsready(["assess", try alarm(), "--manifest", manifest])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix(manifest + ":3:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("nested deeper than 250 levels"), run.stderr)
    }

    /// An alarm name with a line break and a workflow command, terminal escapes, Markdown links, emphasis, HTML, a
    /// CR heading and U+FFFE: as text nothing acts and no line starts with `::`; as Markdown nothing is live; the
    /// JUnit is still XML; as annotations the command cannot be closed early.
    func testTextFromInputsCannotAct() throws {
        let name = #""pwn\n::error file=x::owned \e[31mred\a [link](https://evil.example) **bold** <b>x</b> ![i](https://t.example/p.png) \r# head \uFFFE""#
        let path = try alarm(name: name)
        let text = try opsready(["assess", path])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains(#"pwn\u{A}::error file=x::owned \u{1B}[31mred\u{7}"#), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}") || text.stdout.contains("\u{7}") || text.stdout.contains("\r"))
        XCTAssertFalse(text.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, "no line may start a workflow command")
        let markdown = try opsready(["assess", path, "--format", "markdown"]).stdout
        XCTAssertFalse(markdown.contains("\r") || markdown.contains("<b>") || markdown.contains("](https://") || markdown.contains("**bold**"), markdown)
        XCTAssertFalse(markdown.contains("https://"), "bare URLs are broken so GitHub does not link them")
        XCTAssertFalse(markdown.split(separator: "\n").contains { $0.hasPrefix("# head") })
        let junit = temporary + "/junit.xml"
        XCTAssertEqual(try opsready(["assess", path, "--format", "junit", "--output", junit]).status, 1)
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        XCTAssertFalse(xml.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0x1B || $0.value == 0x7 }, "only XML 1.0 characters")
        XCTAssertNoThrow(try XMLDocument(data: Data(xml.utf8)), "the JUnit report parses")
        let annotations = try opsready(["assess", path, "--format", "annotations"]).stdout
        XCTAssertEqual(annotations.split(separator: "\n").count, annotations.components(separatedBy: "\n::").count, "one command per line, none injected")
        XCTAssertFalse(annotations.contains("\u{1B}"))
        let html = try opsready(["assess", path, "--format", "html"]).stdout
        XCTAssertTrue(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"), "the page allows no script and no load")
        XCTAssertFalse(html.contains("<b>x</b>"))
    }

    /// `--output` to a place that cannot be written is a one-line input error (it exited 1, the gate code, with a
    /// Foundation dump); a FIFO is written into, never replaced; `-` is standard output.
    func testOutputTargets() throws {
        let path = try alarm()
        let unwritable = try opsready(["assess", path, "--format", "json", "--output", "/proc/opsready-none/report.json"])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertEqual(unwritable.stderr.split(separator: "\n").count, 1, unwritable.stderr)
        XCTAssertTrue(unwritable.stderr.hasPrefix("/proc/opsready-none/report.json: error: cannot write the output"), unwritable.stderr)
        let directory = try opsready(["hypercare", "status", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2027-02-24", "--output", temporary])
        XCTAssertEqual(directory.status, 2)
        XCTAssertEqual(directory.stderr, temporary + ": error: cannot write the output: it is a directory\n")
        let fifo = temporary + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let reader = try ChildProcess("/bin/cat", [fifo])
        let written = try opsready(["assess", path, "--format", "json", "--output", fifo])
        let received = reader.wait()
        XCTAssertEqual(written.status, 1, written.stderr)
        XCTAssertTrue(received.stdout.contains("\"report_version\": 1"))
        var info = stat()
        XCTAssertEqual(stat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
        let dash = try opsready(["assess", path, "--format", "sarif", "--output", "-"])
        XCTAssertTrue(dash.stdout.contains("\"version\": \"2.1.0\""), dash.stdout)
        // Reports are streamed into the output as they are rendered: a write that fails part way is still one line, exit 2.
        let full = try opsready(["assess", path, "--format", "json", "--output", "/dev/full"])
        XCTAssertEqual(full.status, 2, full.stderr)
        XCTAssertEqual(full.stderr, "/dev/full: error: cannot write the output: No space left on device\n")
    }

    /// Several formats into a directory are written as a set through a hidden staging folder; a folder left by a run
    /// killed earlier is cleaned up, and none is left behind.
    func testReportSetsLeaveNoTemporaryFiles() throws {
        let directory = temporary + "/reports"
        let stale = directory + "/.opsready-set-killed"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        try "half a report".write(toFile: stale + "/opsready-report.json", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: stale)
        let run = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2026-11-23", "--format", "json", "--format", "sarif", "--format", "junit", "--output", directory + "/"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(),
                       ["opsready-report.json", "opsready-report.junit.xml", "opsready-report.sarif"])
        // Written again over the set: replaced whole, nothing left beside it.
        try "an old report".write(toFile: directory + "/opsready-report.sarif", atomically: false, encoding: .utf8)
        let again = try opsready(["assess", "--manifest", "examples/aicc/opsready.yaml", "--as-of", "2026-11-23", "--format", "json", "--format", "sarif", "--format", "junit", "--output", directory + "/"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(),
                       ["opsready-report.json", "opsready-report.junit.xml", "opsready-report.sarif"])
        XCTAssertTrue(try String(contentsOfFile: directory + "/opsready-report.sarif", encoding: .utf8).contains("\"version\": \"2.1.0\""))
    }

    /// A report written where one already is takes its name whole, as a rename would: nothing else is left in the
    /// directory, and another name (a hard link) for the earlier report still reads the earlier report.
    func testAReportReplacesTheOneBeforeItWhole() throws {
        let path = try alarm()
        let directory = temporary + "/replaced"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let report = directory + "/report.json"
        try "an old report".write(toFile: report, atomically: false, encoding: .utf8)
        XCTAssertEqual(link(report, directory + "/kept.json"), 0)
        for _ in 0..<2 {
            let run = try opsready(["assess", path, "--format", "json", "--output", report])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(try String(contentsOfFile: report, encoding: .utf8).contains("\"report_version\": 1"))
            XCTAssertEqual(try String(contentsOfFile: directory + "/kept.json", encoding: .utf8), "an old report")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["kept.json", "report.json"])
        }
    }
}
