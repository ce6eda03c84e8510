/// Failing findings against a baseline, one to one: the same fingerprint is the same finding (unchanged, or worsened
/// when its value got worse); else the same identity (check, resource type, property path, configuration) is the
/// same finding renamed or moved; else it is new. Baselined findings matched by neither are fixed.
public struct BaselineComparison: Sendable {
    public struct Outcome: Sendable {
        public let state: BaselineState
        /// What changed, for people: the earlier value, or the earlier name and place.
        public let note: String?
    }

    /// By index into the findings compared (failing ones only).
    public let outcomes: [Int: Outcome]
    public let fixed: [Baseline.Entry]

    /// `worse` says whether a finding's value is worse than the baselined one (nil: cannot tell).
    public init(baseline: Baseline, findings: [Finding], worse: (Finding, Baseline.Entry) -> Bool?) {
        var byFingerprint: [String: Baseline.Entry] = [:]
        for entry in baseline.entries where byFingerprint[entry.fingerprint] == nil { byFingerprint[entry.fingerprint] = entry }
        var matched = Set<String>()
        var outcomes: [Int: Outcome] = [:]
        var unmatched: [Int] = []
        for (index, finding) in findings.enumerated() where finding.status == .fail {
            guard let entry = byFingerprint[finding.fingerprint], !matched.contains(entry.fingerprint) else {
                unmatched.append(index)
                continue
            }
            matched.insert(entry.fingerprint)
            outcomes[index] = Self.compare(finding, entry, worse: worse)
        }
        // Renamed or moved: the same identity among what is left on both sides, first come first matched.
        var byIdentity: [String: [Baseline.Entry]] = [:]
        for entry in baseline.entries where !matched.contains(entry.fingerprint) {
            if let identity = entry.identity { byIdentity[identity, default: []].append(entry) }
        }
        for index in unmatched {
            let finding = findings[index]
            if let identity = finding.identity, var candidates = byIdentity[identity], !candidates.isEmpty {
                let entry = candidates.removeFirst()
                byIdentity[identity] = candidates
                matched.insert(entry.fingerprint)
                let was = entry.resource.isEmpty ? entry.file : "\(entry.resource) in \(entry.file)"
                outcomes[index] = Outcome(state: .moved, note: "renamed or moved from \(was)")
            } else {
                outcomes[index] = Outcome(state: .new, note: nil)
            }
        }
        self.outcomes = outcomes
        fixed = baseline.entries.filter { !matched.contains($0.fingerprint) }
    }

    static func compare(_ finding: Finding, _ entry: Baseline.Entry, worse: (Finding, Baseline.Entry) -> Bool?) -> Outcome {
        guard let was = entry.evidence, let now = finding.evidence.map(CanonicalNode.text), was != now else {
            return Outcome(state: .unchanged, note: nil)
        }
        switch worse(finding, entry) {
        case false?: return Outcome(state: .unchanged, note: "changed from \(was) to \(now), not worse")
        case true?: return Outcome(state: .worsened, note: "worse than the baseline: \(was) → \(now)")
        case nil: return Outcome(state: .worsened, note: "changed from \(was) to \(now), and opsready cannot tell whether that is better")
        }
    }
}
