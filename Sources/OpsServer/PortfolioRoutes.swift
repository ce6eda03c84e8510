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
        judgements = HypercareJudgements(plan: options.plan, asOf: options.asOf)
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await cached(request, html: true) { try await portfolioPage(request) } }
        router.get("/workloads/:name") { request, context in try await cached(request, html: true) { try await workloadPage(request, context) } }
        router.get("/assets/opsready.css") { _, _ in Reply.make(.ok, PortfolioStyle.css, type: "text/css; charset=utf-8") }
        router.get("/healthz") { _, _ in Reply.make(.ok, "ok\n", type: "text/plain; charset=utf-8") }
        router.get("/api/openapi.yaml") { _, _ in Reply.make(.ok, options.openAPI, type: "application/yaml") }
        router.get("/api/workloads") { request, _ in try await cached(request) { try await workloadsAPI(request) } }
        router.get("/api/workloads/:name") { request, context in try await cached(request) { try await workloadAPI(request, context) } }
        router.get("/api/workloads/:name/assessments/:id") { request, context in try await cached(request) { try await assessmentAPI(request, context) } }
        router.get("/api/workloads/:name/hypercare") { request, context in try await cached(request) { try await hypercareAPI(request, context) } }
    }

    /// The response for this path, query and language at the store's current version and the judgement's instant
    /// (the `--as-of` day, or now to the minute): kept, or made and kept.
    private func cached(_ request: Request, html: Bool = false, make: () async throws -> String) async throws -> Response {
        let language = try RequestReading.language(request)
        let instant = options.asOf?.description ?? String(Int(Date().timeIntervalSince1970 / 60))
        let key = [try await store.version(), instant, language.rawValue, request.uri.path, request.uri.query ?? ""].joined(separator: "\u{1F}")
        return try await cache.response(key, contentType: html ? "text/html; charset=utf-8" : "application/json", make: make)
    }

    // MARK: Pages

    private func portfolioPage(_ request: Request) async throws -> String {
        let language = try RequestReading.language(request)
        let query = try RequestReading.portfolioQuery(request)
        let overview = try await overview(workload: nil)
        return PortfolioPage(language: language).render(overview, query: query)
    }

    private func workloadPage(_ request: Request, _ context: BasicRequestContext) async throws -> String {
        let language = try RequestReading.language(request)
        let name = try RequestReading.workload(context)
        guard let row = try await overview(workload: name).rows.first else { throw RequestError(.notFound, "no workload '\(name)' in the store") }
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

    private func workloadsAPI(_ request: Request) async throws -> String {
        let query = try RequestReading.portfolioQuery(request)
        return PortfolioJSON.workloads(try await overview(workload: nil), query: query)
    }

    private func workloadAPI(_ request: Request, _ context: BasicRequestContext) async throws -> String {
        let name = try RequestReading.workload(context)
        guard let row = try await overview(workload: name).rows.first else { throw RequestError(.notFound, "no workload '\(name)' in the store") }
        let latest = try await row.latest.asyncMap { try await store.body(workload: name, id: $0.id) } ?? nil
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

    private func hypercareAPI(_ request: Request, _ context: BasicRequestContext) async throws -> String {
        let language = try RequestReading.language(request)
        let name = try RequestReading.workload(context)
        switch try await judgements.current(store, only: name)[name] {
        case .status(let status)?: return PortfolioJSON.hypercare(status, language: language)
        case .unusable(let reason)?: throw RequestError(.unprocessableContent, reason)
        case nil: throw RequestError(.notFound, "no hypercare records of workload '\(name)'")
        }
    }

    // MARK: Reading the store

    /// Every workload's row (or one's): the summaries and the hypercare judgements, two to four queries.
    private func overview(workload: String?) async throws -> PortfolioOverview {
        async let summaries = store.summaries(workload: workload)
        async let judged = judgements.current(store, only: workload)
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

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
