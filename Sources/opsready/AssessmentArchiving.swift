import Crypto
import Foundation
import OpsAssessment
import OpsCore
import OpsHypercareStore
import OpsPortfolio

/// `assess --store`: the assessment kept as a portfolio record beside its summary, with the inputs' digests.
enum AssessmentArchiving {
    static func keep(_ assessment: Assessment, workload: String, by: String, milestone: String?, in location: String) async throws {
        let record = AssessmentRecord(assessment, workload: workload, digests: digests(assessment.inputs))
        let summary = AssessmentSummary(
            workload: workload, recordedAt: Date(), asOf: record.asOf ?? "", recordedBy: by, verdict: record.verdict, score: record.score,
            highRisks: record.questionCount(risk: "HIGH"), mediumRisks: record.questionCount(risk: "MEDIUM"), expiredWaivers: assessment.gate.expiredWaivers,
            failing: assessment.count(.fail), probesPassed: record.probes?.passed, probesFailed: record.probes?.failed, milestone: milestone,
            inputs: JSONValue.array(record.inputs.map { .object([("path", .string($0.path)), ("sha256", .optional($0.sha256))]) }).renderedOnOneLine())
        let store = try await Portfolio.open(location)
        do {
            let id = try await store.append(summary, body: record.encoded())
            await store.close()
            FileHandle.standardError.write(Data("opsready: kept as assessment \(id) of \(workload) in \(HypercareHistory.name(location))\n".utf8))
        } catch {
            await store.close()
            throw error
        }
    }

    /// SHA-256 of each input that is a readable file.
    static func digests(_ inputs: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for path in inputs {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            result[path] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
        return result
    }

    /// The user running opsready, as the OS names them.
    static var osUser: String {
        let name = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        return name.isEmpty ? "unknown" : name
    }
}
