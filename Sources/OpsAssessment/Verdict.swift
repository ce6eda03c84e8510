/// The readiness verdict. Ordered from best to worst: `ready < conditional < notReady`, so "this verdict or
/// worse" is `>=`.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    case ready = "READY", conditional = "CONDITIONAL", notReady = "NOT_READY"

    public static func < (a: Verdict, b: Verdict) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
