import OpsAssessment
import OpsCore

/// Why the gate failed, in words, for the text and Markdown reports.
enum GateReasons {
    static func list(_ a: Assessment, _ language: Language) -> [String] {
        let ko = language == .ko
        var reasons: [String] = []
        if a.gate.blocking > 0, let threshold = a.gate.failOn {
            reasons.append(ko ? "\(threshold.rawValue) 이상 실패 \(a.gate.blocking)건" : "\(a.gate.blocking) failing finding(s) at or above \(threshold.rawValue)")
        }
        if a.gate.expiredWaivers > 0 { reasons.append(ko ? "만료된 waiver \(a.gate.expiredWaivers)건" : "\(a.gate.expiredWaivers) expired waiver(s)") }
        if a.gate.verdictFailed { reasons.append(ko ? "판정 \(a.verdict.rawValue)" : "verdict \(a.verdict.rawValue)") }
        return reasons
    }
}
