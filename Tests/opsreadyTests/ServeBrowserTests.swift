import Foundation
import OpsTestSupport
import XCTest

/// The served pages in a real browser: headless Chromium loads the portfolio and a workload page of the example store
/// (`scripts/serve-example.sh`), and the DOM it built has the rows, verdict badges and charts, with no console message
/// (a script or style the Content-Security-Policy refused would print one).
final class ServeBrowserTests: CLITestCase {
    func testChromiumRendersThePortfolioAndAWorkloadPageWithoutConsoleErrors() throws {
        guard (try? ChildProcess.run("chromium", ["--version"]))?.status == 0 else { throw XCTSkip("chromium is not installed") }
        let store = temporary + "/portfolio.sqlite"
        let seeded = try ChildProcess.run(Checkout.path("scripts/serve-example.sh"), [Checkout.opsready, store], in: Checkout.root,
                                          environment: ["OPSREADY_HOME": Checkout.root])
        XCTAssertEqual(seeded.status, 0, seeded.stderr)
        let server = try ChildProcess(Checkout.opsready, ["serve", "--store", store, "--port", "0", "--as-of", "2027-01-13"], in: Checkout.root,
                                      environment: ["OPSREADY_HOME": Checkout.root])
        defer { server.signal(SIGKILL) }
        let line = server.firstErrorLine()
        let base = try XCTUnwrap(line.range(of: "http://[^ ]*", options: .regularExpression).map { String(line[$0].dropLast()) }, line)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1300,1400"]

        let portfolio = try ChildProcess.run("chromium", flags + ["--dump-dom", base + "/"])
        XCTAssertEqual(portfolio.stdout.components(separatedBy: "<tr class=\"workload\"").count - 1, 2, "one row per workload")
        XCTAssertTrue(portfolio.stdout.contains("class=\"badge READY verdict\""), "verdict badges")
        XCTAssertTrue(portfolio.stdout.contains("class=\"badge NOT_READY verdict\""))
        XCTAssertTrue(portfolio.stdout.contains("<svg class=\"spark\""), "score trend charts")
        XCTAssertTrue(portfolio.stdout.contains("week <span class=\"week\">7</span>"), "hypercare week 7 on 2027-01-13")
        let workload = try ChildProcess.run("chromium", flags + ["--dump-dom", base + "/workloads/aicc-prod"])
        XCTAssertEqual(workload.stdout.components(separatedBy: "<figure class=\"kpi").count - 1, 26, "one chart per hypercare KPI")
        XCTAssertTrue(workload.stdout.contains("id=\"history\""))
        XCTAssertTrue(workload.stdout.contains("go-live-review"), "the milestone is named in the history")
        for run in [portfolio, workload] {
            let messages = run.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Content Security Policy") || $0.contains("Refused to") }
            XCTAssertEqual(messages, [], "no console message, no refused load")
        }
        let shot = temporary + "/portfolio.png"
        _ = try ChildProcess.run("chromium", flags + ["--screenshot=" + shot, base + "/"])
        XCTAssertGreaterThan((try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0, 10_000, "a picture of the page")
    }
}
