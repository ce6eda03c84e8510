import Crypto
import Foundation
import Hummingbird
import OpsReporters

/// Requires the token on every request: `Authorization: Bearer TOKEN`, or Basic auth with the token as the password
/// (so a browser can ask for it). The comparison takes the same time whatever the guess: both sides are hashed to 32
/// bytes and every byte is compared.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    private let expected: [UInt8]

    init(token: String) {
        expected = Array(SHA256.hash(data: Data(token.utf8)))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = Self.presented(request.headers[.authorization]), matches(presented) else {
            var response = Reply.json(PortfolioJSON.error("a token is required: Authorization: Bearer TOKEN"), status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Basic realm=\"opsready\", charset=\"UTF-8\""
            return response
        }
        return try await next(request, context)
    }

    /// The token in an Authorization header's value.
    static func presented(_ header: String?) -> String? {
        guard let header else { return nil }
        if header.hasPrefix("Bearer ") { return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        if header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
           let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":") {
            return String(pair[pair.index(after: colon)...])
        }
        return nil
    }

    private func matches(_ presented: String) -> Bool {
        let digest = Array(SHA256.hash(data: Data(presented.utf8)))
        var difference: UInt8 = 0
        for index in 0..<expected.count { difference |= expected[index] ^ digest[index] }
        return difference == 0
    }
}
