import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import OpsAssessment
import OpsCore
import OpsExpr
import X509

/// `tls`: the peer certificate (days to expiry, subject, issuer), the negotiated protocol version, whether the
/// chain verifies against the system's trust roots (or the probe's `ca_file`), and whether the certificate names the host (SNI).
enum TLSProbe {
    static func measure(_ tls: ProbeSpec.TLSHandshake, timeout: Double, group: EventLoopGroup) async -> ProbeSample {
        let (host, port, name) = (tls.host, tls.port, tls.sni ?? tls.host)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            // First handshake without verification: what the server presents and negotiates.
            var open = TLSConfiguration.makeClientConfiguration()
            open.certificateVerification = .none
            open.minimumTLSVersion = .tlsv1
            let (certificate, version) = try await handshake(host: host, port: port, name: name, configuration: open, timeout: timeout, group: group)
            let handshakeMs = elapsedMs(since: start)
            // Second handshake with chain verification (hostname checked separately, below).
            var strict = TLSConfiguration.makeClientConfiguration()
            strict.certificateVerification = .noHostnameVerification
            if let caFile = tls.caFile { strict.trustRoots = .file(caFile) }
            var chainError: String?
            do {
                _ = try await handshake(host: host, port: port, name: name, configuration: strict, timeout: timeout, group: group)
            } catch {
                chainError = "\(error)"
            }
            guard let certificate else { return ProbeSample(error: "the server presented no certificate") }
            let parsed = try Certificate(derEncoded: try certificate.toDERBytes())
            let days = Int(floor(parsed.notValidAfter.timeIntervalSinceNow / 86_400))
            var fields: [(String, Value)] = [
                ("days_to_expiry", .int(Int64(days))),
                ("not_after", (try? Timestamp(nanoseconds: Int128(parsed.notValidAfter.timeIntervalSince1970 * 1e9))).map(Value.timestamp) ?? .null),
                ("chain_valid", .bool(chainError == nil)),
                ("hostname_match", .bool(HostnameMatch.matches(name, certificate: parsed))),
                ("tls_version", .string(version)),
                ("subject", .string(parsed.subject.description)),
                ("issuer", .string(parsed.issuer.description)),
                ("handshake_ms", .double(handshakeMs)),
            ]
            if let chainError { fields.append(("chain_error", .string(chainError))) }
            return ProbeSample(fields: fields, latencyMs: handshakeMs, error: nil)
        } catch {
            return ProbeSample(fields: [("chain_valid", .bool(false)), ("hostname_match", .bool(false)), ("days_to_expiry", .int(-1)),
                                        ("tls_version", .string(""))],
                               error: TCPProbe.describe(error, timeout: timeout))
        }
    }

    /// Connects, completes a TLS handshake within the deadline, and returns the peer certificate and version.
    static func handshake(host: String, port: Int, name: String, configuration: TLSConfiguration, timeout: Double,
                          group: EventLoopGroup) async throws -> (NIOSSLCertificate?, String) {
        let context = try NIOSSLContext(configuration: configuration)
        let serverName = name.first?.isNumber == true ? nil : name
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(Int64(timeout * 1e9)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: channel.eventLoop.makePromise()))
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        let watcher = try await channel.pipeline.handler(type: HandshakeWatcher.self).get()
        let timeoutTask = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout * 1e9))) {
            watcher.promise.fail(ProbeTimeout(seconds: timeout))
        }
        defer { timeoutTask.cancel() }
        let outcome = try await watcher.promise.futureResult.get()
        return (outcome.certificate, outcome.version)
    }
}

/// What the handshake negotiated, read from the TLS handler on the event loop when it completes.
struct HandshakeOutcome: Sendable {
    let certificate: NIOSSLCertificate?
    let version: String
}

/// Completes its promise when the TLS handshake finishes, or fails it on the first error or close.
final class HandshakeWatcher: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any
    let promise: EventLoopPromise<HandshakeOutcome>

    init(promise: EventLoopPromise<HandshakeOutcome>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event,
           let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self) {
            promise.succeed(HandshakeOutcome(certificate: handler.peerCertificate, version: Self.name(of: handler.tlsVersion)))
        }
        context.fireUserInboundEventTriggered(event)
    }

    private static func name(of version: TLSVersion?) -> String {
        switch version {
        case .tlsv13?: "TLSv1.3"
        case .tlsv12?: "TLSv1.2"
        case .tlsv11?: "TLSv1.1"
        case .tlsv1?: "TLSv1"
        default: ""
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    /// A channel that never connected is torn down without going inactive; the promise must still complete.
    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
    }
}

struct ProbeTimeout: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { String(format: "no answer within %.1f s", seconds) }
}

/// RFC 6125 style matching of a host name against a certificate's DNS names (one leading `*.` label).
enum HostnameMatch {
    static func matches(_ host: String, certificate: Certificate) -> Bool {
        var names: [String] = []
        if let sans = try? certificate.extensions.subjectAlternativeNames {
            for name in sans { if case .dnsName(let dns) = name { names.append(dns) } }
        }
        if names.isEmpty {
            for rdn in certificate.subject { for attribute in rdn where attribute.type == .RDNAttributeType.commonName { names.append("\(attribute.value)") } }
        }
        let target = host.lowercased()
        return names.contains { pattern in
            let p = pattern.lowercased()
            if p == target { return true }
            guard p.hasPrefix("*."), let dot = target.firstIndex(of: ".") else { return false }
            return String(target[dot...]) == String(p.dropFirst())
        }
    }
}
