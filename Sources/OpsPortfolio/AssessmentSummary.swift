import Foundation

/// One stored assessment as a portfolio lists it: who ran it when, the verdict and what drove it. The full record
/// (questions, findings, plan) is its `body`, read only for the workload it belongs to.
public struct AssessmentSummary: Sendable, Equatable {
    /// The store's id, increasing with every assessment kept (0 before it is kept).
    public var id: Int64
    public let workload: String
    public let recordedAt: Date
    /// The day the assessment was made as of (YYYY-MM-DD).
    public let asOf: String
    public let recordedBy: String
    public let verdict: String
    public let score: Double?
    public let highRisks: Int
    public let mediumRisks: Int
    public let expiredWaivers: Int
    public let failing: Int
    /// Live probes run with the assessment (`--probes`): nil when none ran.
    public let probesPassed: Int?
    public let probesFailed: Int?
    public let milestone: String?
    /// The inputs' paths and SHA-256 digests, as JSON.
    public let inputs: String

    public init(id: Int64 = 0, workload: String, recordedAt: Date, asOf: String, recordedBy: String, verdict: String, score: Double?,
                highRisks: Int, mediumRisks: Int, expiredWaivers: Int, failing: Int, probesPassed: Int?, probesFailed: Int?,
                milestone: String?, inputs: String) {
        self.id = id
        self.workload = workload
        self.recordedAt = recordedAt
        self.asOf = asOf
        self.recordedBy = recordedBy
        self.verdict = verdict
        self.score = score
        self.highRisks = highRisks
        self.mediumRisks = mediumRisks
        self.expiredWaivers = expiredWaivers
        self.failing = failing
        self.probesPassed = probesPassed
        self.probesFailed = probesFailed
        self.milestone = milestone
        self.inputs = inputs
    }
}
