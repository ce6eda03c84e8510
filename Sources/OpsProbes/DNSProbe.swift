import Foundation
import Glibc
import OpsAssessment
import OpsCore
import OpsExpr
#if canImport(Glibc)
#endif

/// `dns`: the addresses a name resolves to (system resolver), and whether the expected ones are among them.
/// The lookup runs on its own thread; the deadline answers even when the resolver does not.
enum DNSProbe {
    static func measure(_ lookup: ProbeSpec.DNSLookup, timeout: Double) async -> ProbeSample {
        let name = lookup.name
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome: Result<[String], ProbeError> = await withCheckedContinuation { continuation in
            let once = Once()
            DispatchQueue.global().async {
                let result = resolve(name)
                if once.claim() { continuation.resume(returning: result) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if once.claim() { continuation.resume(returning: .failure(ProbeError(String(format: "no answer within %.1f s", timeout)))) }
            }
        }
        let ms = elapsedMs(since: start)
        switch outcome {
        case .success(let addresses):
            let expected = lookup.expectedAddresses.isEmpty || lookup.expectedAddresses.contains(where: addresses.contains)
            return ProbeSample(fields: [("resolved", .bool(!addresses.isEmpty && expected)), ("addresses", .list(ListValue(addresses.map(Value.string)))),
                                        ("lookup_ms", .double(ms))], latencyMs: ms, error: nil)
        case .failure(let error):
            return ProbeSample(fields: [("resolved", .bool(false)), ("addresses", .list(ListValue([]))), ("lookup_ms", .double(ms))],
                               error: error.message)
        }
    }

    static func resolve(_ name: String) -> Result<[String], ProbeError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, nil, &hints, &list)
        guard status == 0 else { return .failure(ProbeError("cannot resolve \(name): \(describe(status))")) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor = list
        while let info = cursor?.pointee {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.ai_addr, info.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = info.ai_next
        }
        return .success(addresses)
    }
}

private func describe(_ status: Int32) -> String {
    guard let text = gai_strerror(status) else { return "error \(status)" }
    return String(validatingCString: text) ?? "error \(status)"
}

struct ProbeError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Lets exactly one of several racing callbacks proceed.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
