import Foundation
import OpsDocument
import OpsExpr

/// Response-time targets per incident priority, and where they come from. The seeds disagree on P2–P4
/// (operator manual 30m/2h/4h, hypercare plan 1h/4h/24h), so a workload chooses.
public struct IncidentTargets: Sendable {
    public let source: String
    /// Response targets for P1…P4.
    public let response: [String: Duration]

    public init(source: String, response: [String: Duration]) {
        self.source = source
        self.response = response
    }

    /// The incident priorities, most urgent first.
    public static let priorities = ["P1", "P2", "P3", "P4"]

    /// `P1 15m · P2 1h · P3 4h · P4 24h`.
    public var summary: String {
        Self.priorities.map { "\($0) \(response[$0]?.shortText ?? "?")" }.joined(separator: " · ")
    }

    public static let presets: [String: IncidentTargets] = [
        "seed-000": IncidentTargets(source: "000_c7c979390889ab9b.txt §7.1.2 장애 분류",
                                    response: ["P1": try! Duration(parsing: "15m"), "P2": try! Duration(parsing: "30m"),
                                               "P3": try! Duration(parsing: "2h"), "P4": try! Duration(parsing: "4h")]),
        "seed-003": IncidentTargets(source: "003_1ec64f736b1b26b4.txt §4.1.2 장애 대응",
                                    response: ["P1": try! Duration(parsing: "15m"), "P2": try! Duration(parsing: "1h"),
                                               "P3": try! Duration(parsing: "4h"), "P4": try! Duration(parsing: "24h")]),
    ]
}

/// One escalation level (L1…L5, seed 003 §9.2): who, and within how long.
public struct EscalationLevel: Sendable {
    public let level: String
    public let who: String
    public let within: Duration

    public init(level: String, who: String, within: Duration) {
        (self.level, self.who, self.within) = (level, who, within)
    }

    /// `{level: L2, who: 지원팀장, within: 30m}`, as a manifest's `escalation:` and the seed choices write a level.
    public static func parse(_ item: Node) throws(DocumentError) -> EscalationLevel {
        var e = try NodeReader(item, what: "escalation level")
        let level = try e.string("level")
        guard level.range(of: "^L[1-5]$", options: .regularExpression) != nil else {
            throw DocumentError(at: item.location, "escalation level '\(level)' must be L1 to L5")
        }
        let parsed = EscalationLevel(level: level, who: try e.string("who"), within: try NodeReader.duration(try e.required("within"), key: "within"))
        try e.finish()
        return parsed
    }
}

public struct Contact: Sendable {
    public let name: String
    public let role: String?
    public let phone: String?
    public let email: String?

    public init(name: String, role: String?, phone: String?, email: String?) {
        (self.name, self.role, self.phone, self.email) = (name, role, phone, email)
    }
}

public struct Runbook: Sendable {
    public let id: String
    public let title: String
    public let path: String

    public init(id: String, title: String, path: String) {
        (self.id, self.title, self.path) = (id, title, path)
    }
}

extension Duration {
    /// The duration in seconds.
    public var timeInterval: Double { Double(nanoseconds) / 1e9 }

    /// `15m`, `4h`, `90s`: the largest whole unit, as people write targets.
    public var shortText: String {
        let seconds = nanoseconds / 1_000_000_000
        guard nanoseconds % 1_000_000_000 == 0 else { return text }
        if seconds != 0 && seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds != 0 && seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
