/// How much a passing check says about the practices it evidences (`evidence:` in a check's YAML).
public enum EvidenceStrength: String, Sendable, CaseIterable {
    /// Passing means the practice is done as the practice asks (every pull request is tested).
    case proves
    /// Passing makes the team's answer credible but cannot see all of it (a dashboard exists; whether people watch it
    /// is theirs to say): without an answer the practice stays unanswered. Failing still counts against it.
    case supports
}
