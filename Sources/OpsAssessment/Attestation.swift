import Foundation
import OpsCore
import OpsDocument

/// A team's answer for one best practice, with who, when and the evidence.
public struct Attestation: Sendable {
    public enum Answer: String, Sendable, CaseIterable {
        case yes, partial, no
        case notApplicable = "not_applicable"
    }

    /// Why a practice does not apply: the WA Tool's reasons.
    public enum NotApplicableReason: String, Sendable, CaseIterable {
        case outOfScope = "OUT_OF_SCOPE"
        case businessPriorities = "BUSINESS_PRIORITIES"
        case architectureConstraints = "ARCHITECTURE_CONSTRAINTS"
        case other = "OTHER"
    }

    public let practice: String
    public let answer: Answer
    public let by: String
    public let date: CalendarDate
    public let evidence: [Evidence]
    public let expires: CalendarDate?
    public let reason: NotApplicableReason?
    public let note: String?
    public let location: SourceLocation

    /// Whether the answer still counts on `day`.
    public func isCurrent(on day: CalendarDate) -> Bool {
        expires.map { day <= $0 } ?? true
    }
}

/// Evidence behind an attestation: a file in the repository, a URL, or a ticket id.
public enum Evidence: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case url(String)
    case ticket(String)

    public var description: String {
        switch self {
        case .file(let p): return p
        case .url(let u): return u
        case .ticket(let t): return t
        }
    }

    /// `https://…` is a URL, `ABC-123` a ticket, anything else a path relative to the manifest.
    static func classify(_ text: String) -> Evidence {
        if text.contains("://") { return .url(text) }
        let isTicket = text.range(of: "^[A-Z][A-Z0-9]*-[0-9]+$", options: .regularExpression) != nil
        return isTicket ? .ticket(text) : .file(text)
    }
}

/// A time-boxed exception for one check, on one file and resource when given.
public struct Waiver: Sendable {
    public let check: String
    /// Input file the waiver is limited to, as findings name it.
    public let file: String?
    public let resource: String?
    public let reason: String
    public let owner: String
    public let ticket: String?
    public let expires: CalendarDate
    public let location: SourceLocation

    public func matches(_ finding: Finding) -> Bool {
        guard finding.check == check else { return false }
        if let file, finding.location?.file != file { return false }
        if let resource, finding.resource?.id != resource { return false }
        return true
    }

    public func isExpired(on day: CalendarDate) -> Bool { day > expires }
}
