import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP (optionally HTTPS) server on 127.0.0.1 for probe tests, the probe benchmark and the `make run` demo.
///
/// Routes: `/ok` and `/health` answer JSON, `/fail` 500, `/redirect` to `/ok`, `/away` to another host,
/// `/large` a 2 MB body, `/private` 200 only with `Authorization: Bearer` ``LoopbackServer/token``, `/delay/MS` after MS milliseconds, `/hang` never,
/// `/trickle` headers at once and then one body byte every 200 ms, `/echo` the request's `Authorization` back in a JSON
/// body, an `X-Echo` header and a cookie, `/to/URL` a redirect to URL. A `silent` server accepts connections and never answers.
public final class LoopbackServer: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel

    /// The bearer token `/private` accepts.
    public static let token = "s3cr3t-value"

    /// The bound port (an ephemeral one when `port` is 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    public init(port: Int = 0, tls: NIOSSLContext? = nil, silent: Bool = false, threads: Int = 1) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        do {
            channel = try ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 1024)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        if silent { return }
                        if let tls { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                        try child.pipeline.syncOperations.configureHTTPServerPipeline()
                        try child.pipeline.syncOperations.addHandler(RouteHandler())
                    }
                }
                .bind(host: "127.0.0.1", port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// A port nothing listens on.
    public static func closedPort() throws -> Int {
        let server = try LoopbackServer(silent: true)
        let port = server.port
        server.stop()
        return port
    }
}

/// Answers one request per the routes documented on ``LoopbackServer``.
final class RouteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    private var uri = "/"
    private var authorization: String?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            uri = head.uri
            authorization = head.headers.first(name: "authorization")
        case .body: break
        case .end: route(context)
        }
    }

    private func route(_ context: ChannelHandlerContext) {
        switch uri {
        case "/ok", "/health": respond(context, .ok, body: #"{"ok": true, "status": "UP", "version": "1.4.2"}"#, type: "application/json")
        case "/private":
            if authorization == "Bearer \(LoopbackServer.token)" { respond(context, .ok, body: "welcome") } else { respond(context, .unauthorized, body: "who?") }
        case "/fail": respond(context, .internalServerError, body: "boom")
        case "/redirect": respond(context, .found, body: "", headers: [("Location", "/ok")])
        case "/away": respond(context, .found, body: "", headers: [("Location", "http://elsewhere.invalid/login")])
        case "/large": respond(context, .ok, body: String(repeating: "x", count: 2_000_000))
        case "/hang": break
        case "/echo":
            let sent = authorization ?? "none"
            respond(context, .ok, body: #"{"authorization": "\#(sent)"}"#, type: "application/json", headers: [("X-Echo", sent), ("Set-Cookie", "session=\(sent)")])
        case "/trickle": trickle(context, remaining: 100)
        default:
            if uri.hasPrefix("/to/") {
                respond(context, .found, body: "", headers: [("Location", String(uri.dropFirst(4)))])
                return
            }
            if uri.hasPrefix("/delay/"), let ms = Int64(uri.dropFirst(7)) {
                let loop = context.eventLoop.assumeIsolated()
                loop.scheduleTask(in: .milliseconds(ms)) { self.respond(context, .ok, body: "late") }
            } else {
                respond(context, .notFound, body: "no")
            }
        }
    }

    /// Sends the head of a 100-byte response, then one byte every 200 ms.
    private func trickle(_ context: ChannelHandlerContext, remaining: Int) {
        if remaining == 100 {
            let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", "100")])
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        }
        guard remaining > 0 else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "x")))), promise: nil)
        let loop = context.eventLoop.assumeIsolated()
        loop.scheduleTask(in: .milliseconds(200)) { self.trickle(context, remaining: remaining - 1) }
    }

    private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, body: String, type: String = "text/plain",
                         headers extra: [(String, String)] = []) {
        var headers = HTTPHeaders([("Content-Type", type), ("Content-Length", String(body.utf8.count))])
        for (k, v) in extra { headers.add(name: k, value: v) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
