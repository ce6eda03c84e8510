import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpsAssessment
import OpsCore
import OpsDocument
import OpsExpr

/// `http`: one request (following redirects only when allowed, only to allowed hosts, never from https to http, and
/// with credential headers only to the probe's own origin or one named in `send_credentials_to`), the status, the
/// latency to the whole (capped) body — the deadline covers connecting, the headers and the body —, headers, the body
/// text and, for JSON, the parsed body. Every secret value the probe sends is redacted from what it keeps, and
/// credential-like response headers (`set-cookie`, `authorization`, …) are not kept.
enum HTTPProbe {
    static func measure(_ spec: ProbeSpec.HTTPRequest, timeout: Double, client: HTTPClient, environment: [String: String]) async -> ProbeSample {
        guard let url = URL(string: spec.url), url.host != nil, ProbeSpec.origin(of: url) != nil else { return ProbeSample(error: "invalid url") }
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9))
        var headers: [Header] = []
        for header in spec.headers {
            switch header.value {
            case .literal(let v): headers.append(Header(name: header.name, value: v, credential: ProbeSpec.carriesSecret(header.name)))
            case .environment(let name):
                guard let secret = environment[name] else { return ProbeSample(error: "environment variable \(name) for header \(header.name) is not set") }
                headers.append(Header(name: header.name, value: secret, credential: true))
            }
        }
        let redaction = Redaction(secrets: headers.filter(\.credential).map(\.value))
        let request = headers
        do {
            return try await withDeadline(deadline) {
                try await exchange(spec, url: url, headers: request, client: client, deadline: deadline, start: start, redaction: redaction)
            }
        } catch {
            return ProbeSample(fields: [("status", .int(0)), ("latency_ms", .double(elapsedMs(since: start)))],
                               latencyMs: nil, error: redaction.apply(describe(error, timeout: timeout)))
        }
    }

    /// A request header, and whether it carries a credential (from the environment, or by its name).
    struct Header: Sendable {
        let name: String
        let value: String
        let credential: Bool
    }

    /// The request and the redirects it is allowed to follow, then the response.
    static func exchange(_ spec: ProbeSpec.HTTPRequest, url first: URL, headers: [Header], client: HTTPClient, deadline: NIODeadline, start: UInt64,
                         redaction: Redaction) async throws -> ProbeSample {
        var url = first
        var redirects: [Value] = []
        var sendCredentials = true
        for _ in 0...5 {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = HTTPMethod(rawValue: spec.method)
            for header in headers where sendCredentials || !header.credential { request.headers.add(name: header.name, value: header.value) }
            let response = try await client.execute(request, deadline: deadline)
            let status = Int(response.status.code)
            if (300..<400).contains(status), spec.followRedirects, let location = response.headers.first(name: "location"),
               let next = URL(string: location, relativeTo: url)?.absoluteURL {
                let hop = redirect(from: url, to: next, spec: spec)
                if let blocked = hop.blocked {
                    return sample(status: status, response: response, body: ByteBuffer(), truncated: false, start: start, redirects: redirects,
                                  blocked: blocked, redaction: redaction)
                }
                if !hop.credentials { sendCredentials = false }
                redirects.append(.string(redaction.apply(next.absoluteString)))
                url = next
                continue
            }
            var body = ByteBuffer()
            var truncated = false
            for try await var chunk in response.body {
                if NIODeadline.now() > deadline { throw HTTPClientError.deadlineExceeded }
                let room = spec.maxBodyBytes - body.readableBytes
                if chunk.readableBytes > room {
                    if room > 0, let slice = chunk.readSlice(length: room) { var s = slice; body.writeBuffer(&s) }
                    truncated = true
                    break
                }
                body.writeBuffer(&chunk)
            }
            return sample(status: status, response: response, body: body, truncated: truncated, start: start, redirects: redirects, blocked: nil,
                          redaction: redaction)
        }
        return ProbeSample(error: "more than 5 redirects")
    }

    /// Whether a redirect from `url` to `next` may be followed (`blocked` says why not: a host other than the probe's
    /// and not allowed, or https to http) and whether credentials may go with it: only to the probe's own origin
    /// (scheme, host and port) or to an origin named in `send_credentials_to`.
    static func redirect(from url: URL, to next: URL, spec: ProbeSpec.HTTPRequest) -> (blocked: String?, credentials: Bool) {
        let first = URL(string: spec.url)
        let host = next.host ?? first?.host ?? ""
        if url.scheme?.lowercased() == "https" && next.scheme?.lowercased() != "https" { return ("\(host) (https to http)", false) }
        guard host == first?.host || spec.allowedRedirectHosts.contains(host) else { return (host, false) }
        let origin = ProbeSpec.origin(of: next)
        return (nil, origin == first.flatMap(ProbeSpec.origin) || spec.sendCredentialsTo.contains(origin ?? ""))
    }

    /// Runs `body`, or gives up when `deadline` passes even if `body` is waiting for bytes that trickle or never come.
    /// The client's own deadline error, which says why (refused, no answer), gets a quarter second to arrive first.
    static func withDeadline(_ deadline: NIODeadline, _ body: @escaping @Sendable () async throws -> ProbeSample) async throws -> ProbeSample {
        try await withThrowingTaskGroup(of: ProbeSample.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let now = NIODeadline.now().uptimeNanoseconds
                try await Task.sleep(nanoseconds: (deadline.uptimeNanoseconds > now ? deadline.uptimeNanoseconds - now : 0) + 250_000_000)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return first
        }
    }

    /// Response headers a result never keeps: they carry credentials.
    static func isCredentialHeader(_ name: String) -> Bool {
        ProbeSpec.carriesSecret(name) || ["set-cookie", "set-cookie2", "www-authenticate", "proxy-authenticate"].contains(name)
    }

    static func sample(status: Int, response: HTTPClientResponse, body: ByteBuffer, truncated: Bool, start: UInt64,
                       redirects: [Value], blocked: String?, redaction: Redaction) -> ProbeSample {
        let latency = elapsedMs(since: start)
        let text = redaction.apply(body.getString(at: body.readerIndex, length: body.readableBytes) ?? "")
        var headers: [(String, Value)] = []
        for (name, value) in response.headers where !headers.contains(where: { $0.0 == name.lowercased() }) && !isCredentialHeader(name.lowercased()) {
            headers.append((name.lowercased(), .string(redaction.apply(value))))
        }
        var fields: [(String, Value)] = [
            ("status", .int(Int64(status))), ("latency_ms", .double(latency)), ("headers", .map(MapValue(fields: headers))),
            ("body", .string(text)), ("body_bytes", .int(Int64(body.readableBytes))), ("body_truncated", .bool(truncated)),
            ("redirects", .list(ListValue(redirects))),
        ]
        if let blocked { fields.append(("redirect_blocked", .string(redaction.apply(blocked)))) }
        if (response.headers.first(name: "content-type") ?? "").contains("json"), !truncated,
           let nodes = try? DocumentLoader.parse(text, file: "response", syntax: .json), let first = nodes.first {
            fields.append(("json", Value(first)))
        }
        return ProbeSample(fields: fields, latencyMs: latency, error: nil)
    }

    static func describe(_ error: Error, timeout: Double) -> String {
        let text = "\(error)"
        if text.contains("deadlineExceeded") || text.contains("readTimeout") || text.contains("connectTimeout") {
            return String(format: "no answer within %.1f s", timeout)
        }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}

/// The secret values a probe sends, replaced by `[redacted]` wherever the server echoes them back.
struct Redaction: Sendable {
    let secrets: [String]

    init(secrets: [String]) {
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    func apply(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
