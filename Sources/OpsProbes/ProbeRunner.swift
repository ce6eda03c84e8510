import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import OpsAssessment
import OpsCore
import OpsExpr

/// Runs probes concurrently (at most `concurrency` at once), each within its own deadline and all within an
/// overall deadline; a probe that hangs or is refused never delays the others beyond its deadline.
/// Cancelling the calling task (Ctrl-C in the CLI) stops starting new probes and returns what finished.
public struct ProbeRunner: Sendable {
    public var concurrency: Int
    public var overallTimeoutSeconds: Double
    public var repeatCount: Int
    public var intervalSeconds: Double
    /// Where header secrets named in the manifest are read from.
    public var environment: [String: String]

    public init(concurrency: Int = 32, overallTimeoutSeconds: Double = 120, repeatCount: Int = 1, intervalSeconds: Double = 0,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.concurrency = max(1, concurrency)
        self.overallTimeoutSeconds = overallTimeoutSeconds
        self.repeatCount = max(1, repeatCount)
        self.intervalSeconds = intervalSeconds
        self.environment = environment
    }

    public func run(_ specs: [ProbeSpec]) async -> [ProbeResult] {
        let group = MultiThreadedEventLoopGroup.singleton
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
        configuration.connectionPool = .init(idleTimeout: .seconds(5), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
        let started = DispatchTime.now().uptimeNanoseconds
        let overall = overallTimeoutSeconds
        func remaining() -> Double { overall - Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

        var results = [ProbeResult?](repeating: nil, count: specs.count)
        await withTaskGroup(of: (Int, ProbeResult).self) { tasks in
            var next = 0
            func startNext() {
                while next < specs.count {
                    let index = next
                    next += 1
                    let spec = specs[index]
                    if spec.skip != nil {
                        results[index] = Self.skipped(spec)
                        continue
                    }
                    tasks.addTask {
                        if Task.isCancelled { return (index, Self.conclude(spec, samples: [ProbeSample(error: "cancelled")])) }
                        var samples: [ProbeSample] = []
                        for attempt in 0..<self.repeatCount {
                            let budget = min(spec.timeoutSeconds, remaining())
                            guard budget > 0, !Task.isCancelled else {
                                samples.append(ProbeSample(error: Task.isCancelled ? "cancelled" : "overall deadline of \(overall) s passed"))
                                break
                            }
                            samples.append(await self.measure(spec, timeout: budget, client: client, group: group))
                            if attempt + 1 < self.repeatCount, self.intervalSeconds > 0 {
                                try? await Task.sleep(nanoseconds: UInt64(self.intervalSeconds * 1e9))
                            }
                        }
                        return (index, Self.conclude(spec, samples: samples))
                    }
                    return
                }
            }
            for _ in 0..<concurrency { startNext() }
            while let (index, result) = await tasks.next() {
                results[index] = result
                startNext()
            }
        }
        try? await client.shutdown()
        return results.enumerated().map { index, result in
            result ?? Self.conclude(specs[index], samples: [ProbeSample(error: "not run")])
        }
    }

    func measure(_ spec: ProbeSpec, timeout: Double, client: HTTPClient, group: EventLoopGroup) async -> ProbeSample {
        switch spec.request {
        case .http(let http): return await HTTPProbe.measure(http, timeout: timeout, client: client, environment: environment)
        case .tls(let tls): return await TLSProbe.measure(tls, timeout: timeout, group: group)
        case .tcp(let tcp): return await TCPProbe.measure(tcp, timeout: timeout, group: group)
        case .dns(let dns): return await DNSProbe.measure(dns, timeout: timeout)
        case .unbound(_, let endpoint): return ProbeSample(error: "the manifest binds no endpoint '\(endpoint)'")
        }
    }

    /// A probe declared with `skip:`, reported with its reason and never run.
    static func skipped(_ spec: ProbeSpec) -> ProbeResult {
        let what = "\(spec.kind.rawValue) \(spec.target)"
        return ProbeResult(spec: spec, samples: [], result: .null, status: .skipped,
                           message: LocalizedText(ko: "\(what) 실행하지 않음", en: "\(what) not run"))
    }

    /// Builds `result` from the samples and evaluates the probe's condition on it.
    static func conclude(_ spec: ProbeSpec, samples: [ProbeSample]) -> ProbeResult {
        var fields = samples.last?.fields ?? []
        let latencies = samples.compactMap { $0.error == nil ? $0.latencyMs : nil }
        fields.append(("samples", .int(Int64(samples.count))))
        fields.append(("failures", .int(Int64(samples.filter { $0.error != nil }.count))))
        for (name, p) in [("p50_ms", 50.0), ("p95_ms", 95.0), ("p99_ms", 99.0)] {
            fields.append((name, Percentiles.of(latencies, p).map(Value.double) ?? .null))
        }
        if let error = samples.last?.error { fields.append(("error", .string(error))) }
        let result = Value.map(MapValue(fields: fields))
        let what = "\(spec.kind.rawValue) \(spec.target)"
        let failure = samples.last?.error.map { ": \($0)" }
        let detail = LocalizedText(ko: failure ?? latencies.last.map { String(format: " 응답 %.0f ms", $0) } ?? "",
                                   en: failure ?? latencies.last.map { String(format: " in %.0f ms", $0) } ?? "")
        do {
            let value = try spec.assertion.evaluate(Activation(variables: ["result": result]))
            guard case .bool(let ok) = value else {
                return ProbeResult(spec: spec, samples: samples, result: result, status: .error,
                                   message: LocalizedText(ko: "\(what): 'assert' 결과가 bool이 아닌 \(value.celType.name)",
                                                          en: "\(what): 'assert' gave \(value.celType.name), not bool"))
            }
            let message = LocalizedText(ko: "\(what)\(detail.ko)" + (ok ? "" : " — 조건 불충족: \(spec.assertion.source)"),
                                        en: "\(what)\(detail.en)" + (ok ? "" : " — condition not met: \(spec.assertion.source)"))
            return ProbeResult(spec: spec, samples: samples, result: result, status: ok ? .pass : .fail, message: message)
        } catch {
            // A probe that could not measure (refused, timed out) fails its condition rather than erroring.
            let failed = samples.last?.error != nil
            return ProbeResult(spec: spec, samples: samples, result: result, status: failed ? .fail : .error,
                               message: LocalizedText(ko: "\(what)\(detail.ko)" + (failed ? "" : " — 'assert' 평가 실패: \(error.message)"),
                                                      en: "\(what)\(detail.en)" + (failed ? "" : " — 'assert' failed: \(error.message)")))
        }
    }
}

/// Milliseconds since a start point.
func elapsedMs(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
