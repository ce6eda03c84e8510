import Foundation
@testable import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsPortfolio
import OpsServer
import OpsTestSupport
import XCTest

/// The portfolio over both stores: what is kept is what is read back, every page reads the store with the same number
/// of queries for 3 workloads as for 30 (no query per workload), and two servers on one store answer byte for byte alike.
final class PortfolioStoreTests: XCTestCase {
    /// A stored record with the fields a page reads (the shape `assess --store` writes, cut down).
    static func body(_ workload: String, verdict: String, score: Double) -> String {
        """
        {"areas":[],"as_of":"2027-01-20","finding_counts":{"fail":1,"pass":3},"findings":[{"check":"AWS-RDS-009","column":5,"file":"template.yaml",\
        "line":12,"message":{"en":"no backups","ko":"백업 없음"},"questions":["OPS08"],"resource_id":"db","resource_type":"AWS::RDS::DBInstance",\
        "severity":"high","snippet":[{"line":12,"marked":true,"text":"  BackupRetentionPeriod: 0"}],"status":"fail","title":{"en":"Backups","ko":"백업"}}],\
        "inputs":[{"path":"template.yaml","sha256":null}],"plan":[],"probes":null,"questions":[],"record_version":1,\
        "rubric":{"en":"Operational Excellence","ko":"운영 우수성"},"score":\(score),"verdict":"\(verdict)","waivers":[],"workload":"\(workload)"}
        """
    }

    static func seed(_ store: any PortfolioStore, workloads: [String], history: (String) async throws -> any HypercareStore) async throws {
        for (index, name) in workloads.enumerated() {
            for round in 0..<2 {
                let score = Double(40 + index + round * 10)
                let summary = AssessmentSummary(workload: name, recordedAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(round) * 3_600), asOf: "2027-01-20",
                                                recordedBy: "test", verdict: round == 0 ? "NOT_READY" : "CONDITIONAL", score: score, highRisks: 1, mediumRisks: 0,
                                                expiredWaivers: 0, failing: 1, probesPassed: nil, probesFailed: nil, milestone: nil, inputs: "[]")
                let id = try await store.append(summary, body: body(name, verdict: summary.verdict, score: score))
                XCTAssertGreaterThan(id, 0)
            }
            let records = HypercareRecords(weeks: [1: ["availability_percent": 99.5]], incidents: nil, checklist: [:])
            try await history(name).closing { _ = try await $0.importRecords(records, workload: HypercareWorkload(name: name, goLive: CalendarDate("2026-12-01")!, timeZone: "UTC")) }
        }
    }

    /// Serves `store` in this process on a free port until the returned task is cancelled.
    static func serve(_ store: any PortfolioStore) async throws -> (Task<Void, Error>, Int) {
        let plan = try HypercarePlan.load(path: Checkout.path("rubrics/hypercare/plan.yaml"))
        var options = PortfolioServer.Options(host: "127.0.0.1", port: 0, token: nil, plan: plan, openAPI: "openapi: 3.0.3\n")
        options.asOf = CalendarDate("2027-01-20")
        let server = PortfolioServer(store: store, options: options)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { continuation.yield($0) } }
        for await port in ports { return (task, port) }
        throw XCTSkip("the server did not start")
    }

    /// Queries each page costs on its first request (nothing kept yet), for a store of `count` workloads.
    func queriesPerPage(_ open: () async throws -> any PortfolioStore, history: @escaping (String) async throws -> any HypercareStore,
                        prefix: String, count: Int) async throws -> [String: Int] {
        let store = try await open()
        let names = (0..<count).map { "\(prefix)w-\($0)" }
        try await Self.seed(store, workloads: names, history: history)
        let (task, port) = try await Self.serve(store)
        defer { task.cancel() }
        var costs: [String: Int] = [:]
        let one = names[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        for target in ["/", "/api/workloads", "/workloads/\(one)", "/api/workloads/\(one)", "/api/workloads/\(one)/hypercare",
                       "/api/workloads/\(one)/assessments/1", "/workloads/\(one)?from=1&to=2"] {
            let before = store.queries
            let reply = try RawHTTP.get(port: port, target)
            XCTAssertTrue([200, 404].contains(reply.status), "\(target): \(reply.status) \(reply.body)")
            costs[target.replacingOccurrences(of: one, with: "ONE")] = store.queries - before
        }
        let before = store.queries
        _ = try RawHTTP.get(port: port, "/api/workloads")
        costs["repeat"] = store.queries - before
        await store.close()
        return costs
    }

    func testSQLitePagesCostTheSameQueriesForAnyNumberOfWorkloads() async throws {
        let scratch = try ScratchDirectory("portfolio")
        defer { scratch.remove() }
        var results: [[String: Int]] = []
        for count in [3, 30] {
            let path = scratch.path + "/p\(count).sqlite"
            results.append(try await queriesPerPage({ try SQLitePortfolioStore(path: path) }, history: { try SQLiteHypercareStore(path: path, workload: $0) },
                                                    prefix: "", count: count))
        }
        XCTAssertEqual(results[0], results[1], "no query per workload")
        XCTAssertLessThanOrEqual(results[0].values.max() ?? 99, 6, "\(results[0])")
        XCTAssertEqual(results[0]["repeat"], 1, "an unchanged store answers a repeated page from one query")
    }

    func testPostgreSQLPagesCostTheSameQueriesAndTwoServersAgree() async throws {
        let url = try TestPostgres.url()
        let prefix = "pf-\(UUID().uuidString.prefix(8))-"
        var results: [[String: Int]] = []
        for count in [3, 30] {
            results.append(try await queriesPerPage({ try await PostgresPortfolioStore.connect(url: url) },
                                                    history: { try await PostgresHypercareStore.connect(url: url, workload: $0) },
                                                    prefix: prefix + "\(count)-", count: count))
        }
        XCTAssertEqual(results[0], results[1], "no query per workload")
        XCTAssertLessThanOrEqual(results[0].values.max() ?? 99, 6, "\(results[0])")
        // Two servers on one database: the same bytes for the same request.
        let first = try await PostgresPortfolioStore.connect(url: url), second = try await PostgresPortfolioStore.connect(url: url)
        let (a, portA) = try await Self.serve(first), (b, portB) = try await Self.serve(second)
        for target in ["/api/workloads", "/", "/api/workloads/\(prefix)3-w-2"] {
            let fromA = try RawHTTP.get(port: portA, target), fromB = try RawHTTP.get(port: portB, target)
            XCTAssertEqual(fromA.status, 200, target)
            XCTAssertEqual(fromA.body, fromB.body, target)
        }
        a.cancel()
        b.cancel()
        await first.close()
        await second.close()
    }

    /// What is kept is read back: summaries in order, bodies by workload and id, nothing across workloads.
    func testKeptAssessmentsReadBack() async throws {
        let scratch = try ScratchDirectory("portfolio")
        defer { scratch.remove() }
        let store = try SQLitePortfolioStore(path: scratch.path + "/kept.sqlite")
        try await Self.seed(store, workloads: ["a", "b"], history: { try SQLiteHypercareStore(path: scratch.path + "/kept.sqlite", workload: $0) })
        let all = try store.summaries(workload: nil)
        XCTAssertEqual(all.map(\.workload), ["a", "a", "b", "b"])
        XCTAssertEqual(try store.summaries(workload: "b").map(\.score), [41, 51])
        let idOfB = try XCTUnwrap(all.last?.id)
        XCTAssertNil(try store.body(workload: "a", id: idOfB), "an id of another workload is not found")
        let record = try XCTUnwrap(AssessmentRecord.decode(try XCTUnwrap(try store.body(workload: "b", id: idOfB))))
        XCTAssertEqual(record.findings.first?.snippet.first?.text, "  BackupRetentionPeriod: 0")
        XCTAssertEqual(try store.hypercare(workloads: ["b"]).map(\.workload.name), ["b"])
        XCTAssertEqual(Set(try store.hypercareMarkers().keys), ["a", "b"])
        let version = try store.version()
        _ = try store.append(all[0], body: "{}")
        XCTAssertNotEqual(try store.version(), version, "a new assessment changes the version pages are kept under")
        await store.close()
    }
}
