import OpsDocument

/// The result of one check on one resource (or on the whole snapshot, for existence checks).
public struct Finding: Sendable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pass, fail, error, skipped, waived, suppressed
    }

    public struct ResourceRef: Sendable, Codable, Hashable {
        public let type: String
        public let id: String
    }

    public let check: String
    public var status: Status
    public let severity: Severity
    public let practices: [String]
    public let resource: ResourceRef?
    /// Where the finding points: the offending property, or the resource, or the input file.
    public let location: SourceLocation?
    /// `Properties.X.Y` of the offending property, when there is one.
    public let path: String?
    public var message: LocalizedText
    /// Why a finding is suppressed, waived or skipped.
    public var note: String?

    /// Failing findings block the gate; waived and suppressed ones do not.
    public var isFailure: Bool { status == .fail }
}
