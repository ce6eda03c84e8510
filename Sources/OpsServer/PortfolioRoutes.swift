import Foundation
import Hummingbird
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsPortfolio
import OpsReporters

/// The pages and the API. Every handler reads the store with a fixed number of queries and answers a bad name, id or
/// parameter with 400 and an unknown workload or assessment with 404.
struct PortfolioRoutes: Sendable {
    let store: any PortfolioStore
    let options: PortfolioServer.Options
    let judgements: HypercareJudgements
    let cache = ResponseCache()

    init(store: any PortfolioStore, options: PortfolioServer.Options) {
        self.store = store
        self.options = options
        judgements = HypercareJudgements(plan: options.plan, choices: options.choices, asOf: options.asOf)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await cached(request, html: true) { try await portfolioPage(request, at: $0) } }
        router.get("/workloads/:name") { request, context in try await cached(request, html: true) { try await workloadPage(request, context, at: $0) } }
        router.get("/assets/opsready.css") { _, _ in Reply.make(.ok, PortfolioStyle.css, type: "text/css; charset=utf-8") }
        router.get("/healthz") { _, _ in Reply.make(.ok, "ok\n", type: "text/plain; charset=utf-8") }
        router.get("/api/openapi.yaml") { _, _ in Reply.make(.ok, options.openAPI, type: "application/yaml") }
        router.get("/api/workloads") { request, _ in try await cached(request) { try await workloadsAPI(request, at: $0) } }
        router.get("/api/workloads/:name") { request, context in try await cached(request) { try await workloadAPI(request, context, at: $0) } }
        router.get("/api/workloads/:name/assessments/:id") { request, context in try await cached(request) { _ in try await assessmentAPI(request, context) } }
        router.get("/api/workloads/:name/hypercare") { request, context in try await cached(request) { try await hypercareAPI(request, context, at: $0) } }
    }

    /// The response for this path, query and language at the store's current version and the judgement's instant
    /// (the `--as-of` day, or now to the minute): kept, or made at that instant and kept.
    private func cached(_ request: Request, html: Bool = false, make: (Date) async throws -> String) async throws -> Response {
        let language = try RequestReading.language(request)
        let instant = judgements.instant()
        let key = [try await store.version(), String(Int(instant.timeIntervalSince1970)), language.rawValue, request.uri.path, request.uri.query ?? ""]
            .joined(separator: "\u{1F}")
        return try await cache.response(key, contentType: html ? "text/html; charset=utf-8" : "application/json") { try await make(instant) }
    }

    // MARK: Pages

    private func portfolioPage(_ request: Request, at instant: Date) async throws -> String {
        let language = try RequestReading.language(request)
        let query = try RequestReading.portfolioQuery(request)
        let overview = try await overview(workload: nil, at: instant)
        return PortfolioPage(language: language).render(overview, query: query)
    }

    private func workloadPage(_ request: Request, _ context: BasicRequestContext, at instant: Date) async throws -> String {
        let language = try RequestReading.language(request)
        let name = try RequestReading.workload(context)
        guard let row = try await overview(workload: name, at: instant).rows.first else { throw RequestError(.notFound, "no workload '\(name)' in the store") }
        let record = try await record(row, id: row.latest?.id)
        var diff: AssessmentRecordDiff?
        let parameters = request.uri.queryParameters
        if let from = parameters["from"], let to = parameters["to"] {
            guard let before = try await self.record(row, id: try RequestReading.id(from)), let after = try await self.record(row, id: try RequestReading.id(to)) else {
                throw RequestError(.notFound, "no such assessment of '\(name)'")
            }
            diff = AssessmentRecordDiff(from: before, to: after)
        }
        return WorkloadPage(language: language).render(row, record: record, diff: diff, plan: options.plan)
    }

    // MARK: API

    private func workloadsAPI(_ request: Request, at instant: Date) async throws -> String {
        let query = try RequestReading.portfolioQuery(request)
        return PortfolioJSON.workloads(try await overview(workload: nil, at: instant), query: query)
    }

    private func workloadAPI(_ request: Request, _ context: BasicRequestContext, at instant: Date) async throws -> String {
        let name = try RequestReading.workload(context)
        guard let row = try await overview(workload: name, at: instant).rows.first else { throw RequestError(.notFound, "no workload '\(name)' in the store") }
        var latest: String?
        if let id = row.latest?.id { latest = try await store.body(workload: name, id: id) }
        return PortfolioJSON.workload(row, latestRecord: latest)
    }

    private func assessmentAPI(_ request: Request, _ context: BasicRequestContext) async throws -> String {
        let name = try RequestReading.workload(context)
        let id = try RequestReading.id(context.parameters.get("id") ?? "")
        guard let summary = try await store.summaries(workload: name).first(where: { $0.id == id }),
              let body = try await store.body(workload: name, id: id) else {
            throw RequestError(.notFound, "no assessment \(id) of workload '\(name)'")
        }
        return PortfolioJSON.assessment(summary, record: body)
    }

    private func hypercareAPI(_ request: Request, _ context: BasicRequestContext, at instant: Date) async throws -> String {
        let language = try RequestReading.language(request)
        let name = try RequestReading.workload(context)
        switch try await judgements.current(store, only: name, at: instant)[name] {
        case .status(let status)?: return PortfolioJSON.hypercare(status, language: language)
        case .unusable(let reason)?: throw RequestError(.unprocessableContent, reason)
        case nil: throw RequestError(.notFound, "no hypercare records of workload '\(name)'")
        }
    }

    // MARK: Reading the store

    /// Every workload's row (or one's): the summaries and the hypercare judgements, two to four queries.
    private func overview(workload: String?, at instant: Date) async throws -> PortfolioOverview {
        async let summaries = store.summaries(workload: workload)
        async let judged = judgements.current(store, only: workload, at: instant)
        return PortfolioOverview.compute(summaries: try await summaries, judged: try await judged, plan: options.plan)
    }

    /// One stored record of the row's workload; nil for an id it does not have.
    private func record(_ row: PortfolioOverview.Row, id: Int64?) async throws -> AssessmentRecord? {
        guard let id, row.assessments.contains(where: { $0.id == id }), let body = try await store.body(workload: row.workload, id: id) else { return nil }
        guard let record = AssessmentRecord.decode(body) else {
            throw RequestError(.internalServerError, "assessment \(id) of '\(row.workload)' is not a record this version reads")
        }
        return record
    }
}
