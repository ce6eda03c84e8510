import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpsDocument
import OpsExpr
import OpsReadyKit

/// `http`: one request (following redirects only when allowed, and only to allowed hosts), the status, the
/// latency to the whole (capped) body, headers, the body text and, for JSON, the parsed body.
enum HTTPProbe {
    static func measure(_ spec: ProbeSpec, timeout: Double, client: HTTPClient, environment: [String: String]) async -> ProbeSample {
        guard var url = spec.url.flatMap(URL.init(string:)), let originalHost = url.host else { return ProbeSample(error: "invalid url") }
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9))
        var redirects: [Value] = []
        do {
            for _ in 0...5 {
                var request = HTTPClientRequest(url: url.absoluteString)
                request.method = HTTPMethod(rawValue: spec.method)
                for header in spec.headers {
                    switch header.value {
                    case .literal(let v): request.headers.add(name: header.name, value: v)
                    case .environment(let name):
                        guard let secret = environment[name] else { return ProbeSample(error: "environment variable \(name) for header \(header.name) is not set") }
                        request.headers.add(name: header.name, value: secret)
                    }
                }
                let response = try await client.execute(request, deadline: deadline)
                let status = Int(response.status.code)
                if (300..<400).contains(status), spec.followRedirects, let location = response.headers.first(name: "location"),
                   let next = URL(string: location, relativeTo: url)?.absoluteURL {
                    let host = next.host ?? originalHost
                    guard host == originalHost || spec.allowedRedirectHosts.contains(host) else {
                        return sample(status: status, response: response, body: ByteBuffer(), truncated: false, start: start, redirects: redirects,
                                      blocked: host)
                    }
                    redirects.append(.string(next.absoluteString))
                    url = next
                    continue
                }
                var body = ByteBuffer()
                var truncated = false
                for try await var chunk in response.body {
                    let room = spec.maxBodyBytes - body.readableBytes
                    if chunk.readableBytes > room {
                        if room > 0, let slice = chunk.readSlice(length: room) { var s = slice; body.writeBuffer(&s) }
                        truncated = true
                        break
                    }
                    body.writeBuffer(&chunk)
                }
                return sample(status: status, response: response, body: body, truncated: truncated, start: start, redirects: redirects, blocked: nil)
            }
            return ProbeSample(error: "more than 5 redirects")
        } catch {
            return ProbeSample(fields: [("status", .int(0)), ("latency_ms", .double(elapsedMs(since: start)))],
                               latencyMs: nil, error: describe(error, timeout: timeout))
        }
    }

    static func sample(status: Int, response: HTTPClientResponse, body: ByteBuffer, truncated: Bool, start: UInt64,
                       redirects: [Value], blocked: String?) -> ProbeSample {
        let latency = elapsedMs(since: start)
        let text = body.getString(at: body.readerIndex, length: body.readableBytes) ?? ""
        var headers: [(String, Value)] = []
        for (name, value) in response.headers where !headers.contains(where: { $0.0 == name.lowercased() }) {
            headers.append((name.lowercased(), .string(value)))
        }
        var fields: [(String, Value)] = [
            ("status", .int(Int64(status))), ("latency_ms", .double(latency)), ("headers", .map(MapValue(fields: headers))),
            ("body", .string(text)), ("body_bytes", .int(Int64(body.readableBytes))), ("body_truncated", .bool(truncated)),
            ("redirects", .list(ListValue(redirects))),
        ]
        if let blocked { fields.append(("redirect_blocked", .string(blocked))) }
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
