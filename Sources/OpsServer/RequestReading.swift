import Foundation
import Hummingbird
import OpsCore
import OpsPortfolio
import OpsReporters

/// A request the server refuses, with the status and a message for the client.
struct RequestError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Reply.json(PortfolioJSON.error(message), status: status)
    }
}

/// What a request names, read strictly: a malformed one is a 400, never a guess.
enum RequestReading {
    /// The workload of the path, percent-decoded: at most 256 characters, no control characters.
    static func workload(_ context: BasicRequestContext) throws -> String {
        guard let raw = context.parameters.get("name"), let name = raw.removingPercentEncoding, !name.isEmpty else {
            throw RequestError(.badRequest, "malformed workload name in the path")
        }
        guard WorkloadName.isValid(name) else {
            throw RequestError(.badRequest, "a workload name has at most 256 characters and no control characters")
        }
        return name
    }

    /// An assessment id: a positive integer.
    static func id(_ text: Substring) throws -> Int64 { try id(String(text)) }

    static func id(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw RequestError(.badRequest, "an assessment id is a positive integer") }
        return id
    }

    /// `?lang=ko|en`, else the first language of Accept-Language that is one of them, else English.
    static func language(_ request: Request) throws -> Language {
        if let asked = request.uri.queryParameters["lang"] {
            guard let language = Language(rawValue: String(asked)) else { throw RequestError(.badRequest, "lang must be ko or en") }
            return language
        }
        let accepted = (request.headers[.acceptLanguage] ?? "").split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        for tag in accepted {
            if tag.hasPrefix("ko") { return .ko }
            if tag.hasPrefix("en") { return .en }
        }
        return .en
    }

    static func portfolioQuery(_ request: Request) throws -> PortfolioQuery {
        do {
            return try PortfolioQuery(parameters: request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) })
        } catch {
            throw RequestError(.badRequest, error.message)
        }
    }
}
