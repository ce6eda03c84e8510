/// What changed between two stored assessments of one workload: verdict, score, question risks, and the findings that
/// appeared or went away (a finding is the same when its check, resource and file are).
public struct AssessmentRecordDiff: Sendable {
    public struct RiskChange: Sendable, Equatable {
        public let question: String
        public let before: String
        public let after: String
    }

    public let before: AssessmentRecord
    public let after: AssessmentRecord
    public let riskChanges: [RiskChange]
    public let appeared: [AssessmentRecord.Finding]
    public let resolved: [AssessmentRecord.Finding]

    public init(from before: AssessmentRecord, to after: AssessmentRecord) {
        self.before = before
        self.after = after
        let earlier = Dictionary(before.questions.map { ($0.id, $0.risk) }, uniquingKeysWith: { first, _ in first })
        riskChanges = after.questions.compactMap { q in
            guard let was = earlier[q.id], was != q.risk else { return nil }
            return RiskChange(question: q.id, before: was, after: q.risk)
        }
        func key(_ f: AssessmentRecord.Finding) -> String { "\(f.check)\u{1F}\(f.resourceType ?? "")\u{1F}\(f.resourceId ?? "")\u{1F}\(f.file ?? "")" }
        let failing = { (r: AssessmentRecord) in r.findings.filter { $0.status == "fail" || $0.status == "error" } }
        let beforeKeys = Set(failing(before).map(key)), afterKeys = Set(failing(after).map(key))
        appeared = failing(after).filter { !beforeKeys.contains(key($0)) }
        resolved = failing(before).filter { !afterKeys.contains(key($0)) }
    }
}
