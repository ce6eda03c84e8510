/// How much a failing check matters; also the `--fail-on` threshold.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    var rank: Int {
        switch self {
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The risk a best practice carries when it is not established.
public enum PracticeRisk: String, Sendable, Codable, CaseIterable {
    case high, medium, low

    /// Weight in the readiness score.
    public var weight: Double {
        switch self {
        case .high: return 3
        case .medium: return 2
        case .low: return 1
        }
    }
}
