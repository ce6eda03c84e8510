import OpsCore
/// Applies waivers to findings: an active waiver turns a matching failing finding into `waived`; an expired
/// one stops waiving, is reported as expired and fails the gate.
public struct WaiverLedger: Sendable {
    public enum State: String, Sendable {
        case active, expired, unused
    }

    public struct Entry: Sendable {
        public let waiver: Waiver
        public let state: State
        /// Findings it waived (active) or would have waived (expired).
        public let matched: Int
    }

    public let entries: [Entry]

    public var activeCount: Int { entries.filter { $0.state == .active }.count }
    public var expiredCount: Int { entries.filter { $0.state == .expired }.count }

    /// Returns the findings with waivers applied, and the ledger of what each waiver did.
    public static func apply(_ waivers: [Waiver], to findings: [Finding], on day: CalendarDate) -> ([Finding], WaiverLedger) {
        var result = findings
        var entries: [Entry] = []
        for waiver in waivers {
            let expired = waiver.isExpired(on: day)
            var matched = 0
            for index in result.indices where result[index].status == .fail && waiver.matches(result[index]) {
                matched += 1
                if expired {
                    result[index].note = "waiver expired on \(waiver.expires): \(waiver.reason)"
                } else {
                    result[index].status = .waived
                    let ticket = waiver.ticket.map { ", \($0)" } ?? ""
                    result[index].note = "waived until \(waiver.expires) by \(waiver.owner)\(ticket): \(waiver.reason)"
                }
            }
            entries.append(Entry(waiver: waiver, state: expired ? .expired : (matched > 0 ? .active : .unused), matched: matched))
        }
        return (result, WaiverLedger(entries: entries))
    }
}
