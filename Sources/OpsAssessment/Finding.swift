import OpsCore
import OpsDocument

/// The result of one check on one resource (or on the whole snapshot, for existence checks).
public struct Finding: Sendable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pass, fail, error, skipped, waived, suppressed
    }

    public struct ResourceRef: Sendable, Codable, Hashable {
        public let type: String
        public let id: String

        public init(type: String, id: String) {
            self.type = type
            self.id = id
        }
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
    /// Outside the change being gated (`--changed-files`, `--git-diff`): reported, not gated.
    public var untouched = false

    public init(check: String, status: Status, severity: Severity, practices: [String], resource: ResourceRef?,
                location: SourceLocation?, path: String?, message: LocalizedText, note: String?) {
        self.check = check
        self.status = status
        self.severity = severity
        self.practices = practices
        self.resource = resource
        self.location = location
        self.path = path
        self.message = message
        self.note = note
    }
}

extension Finding {
    /// Identifies "the same finding" across runs and commits: check, file, resource and property path, not the
    /// line, so that moving code does not make an old finding look new.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [check, location?.file ?? "", resource?.id ?? "", path ?? ""] {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1F) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
