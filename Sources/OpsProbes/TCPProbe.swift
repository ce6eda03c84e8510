import Foundation
import NIOCore
import NIOPosix
import OpsAssessment
import OpsCore
import OpsExpr

/// `tcp`: whether a connection opens within the deadline, and how long it took.
enum TCPProbe {
    static func measure(_ tcp: ProbeSpec.TCPConnect, timeout: Double, group: EventLoopGroup) async -> ProbeSample {
        let (host, port) = (tcp.host, tcp.port)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(Int64(timeout * 1e9)))
                .connect(host: host, port: port).get()
            let ms = elapsedMs(since: start)
            try? await channel.close().get()
            return ProbeSample(fields: [("connected", .bool(true)), ("connect_ms", .double(ms))], latencyMs: ms, error: nil)
        } catch {
            return ProbeSample(fields: [("connected", .bool(false)), ("connect_ms", .double(elapsedMs(since: start)))],
                               error: describe(error, timeout: timeout))
        }
    }

    static func describe(_ error: Error, timeout: Double) -> String {
        let text = "\(error)"
        if error is ProbeTimeout { return text }
        if text.contains("connectTimeout") || text.contains("timeout") { return String(format: "no answer within %.1f s", timeout) }
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        return text
    }
}
