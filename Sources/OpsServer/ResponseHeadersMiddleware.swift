import HTTPTypes
import Hummingbird
import OpsReporters

/// Every response, errors included, carries a Content-Security-Policy that allows no script and nothing from
/// elsewhere (the pages' charts are inline SVG; their style sheet is served here), plus `nosniff`, no referrer and no
/// framing. An error the routes did not turn into a response becomes a plain 4xx or 500 with the same headers,
/// never the text of the error. The server is read-only: any method but GET is a 405 naming GET.
struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            .cacheControl: "no-store",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            if request.method != .get {
                response = Reply.json(PortfolioJSON.error("only GET: the portfolio is read-only"), status: .methodNotAllowed)
                response.headers[.allow] = "GET"
            } else {
                response = try await next(request, context)
            }
        } catch let error as HTTPError {
            response = Reply.json(PortfolioJSON.error(error.status.code == 404 ? "not found" : error.status.reasonPhrase), status: error.status)
        } catch let error as RequestError {
            response = Reply.json(PortfolioJSON.error(error.message), status: error.status)
        } catch {
            response = Reply.json(PortfolioJSON.error("internal error"), status: .internalServerError)
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
