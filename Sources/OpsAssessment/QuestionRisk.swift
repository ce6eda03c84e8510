/// A question's risk, as the Well-Architected Tool names it. Ordered by concern: a greater risk is a worse answer
/// (not applicable < none < unanswered < medium < high), so a change from `before` to `after` worsened when
/// `after > before`. `allCases` lists them as reports count them, highest first.
public enum QuestionRisk: String, Sendable, Codable, CaseIterable, Comparable {
    case high = "HIGH", medium = "MEDIUM", none = "NONE", notApplicable = "NOT_APPLICABLE", unanswered = "UNANSWERED"

    private var concern: Int {
        switch self {
        case .notApplicable: 0
        case .none: 1
        case .unanswered: 2
        case .medium: 3
        case .high: 4
        }
    }

    public static func < (a: QuestionRisk, b: QuestionRisk) -> Bool { a.concern < b.concern }
}
