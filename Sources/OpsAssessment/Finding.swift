import Foundation
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
    /// The value at `path` when the finding failed: what "worse than the baseline" is judged on.
    public var evidence: Node?
    /// What the finding is about regardless of the resource's name and place (`CanonicalNode.identity`); set when
    /// findings are compared with a baseline or recorded in one.
    public var identity: String?
    /// Against a baseline: new, unchanged, worsened or moved.
    public var baselineState: BaselineState?
    /// Against a baseline: what changed (the earlier value, the earlier name and place).
    public var baselineNote: String?

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
        FNV.hex([check, location.map { Self.fingerprintPath($0.file) } ?? "", resource?.id ?? "", path ?? ""])
    }

    /// The file as fingerprints name it: relative to the current directory when under it, without `./`, so that
    /// `stack.yaml`, `./stack.yaml` and `$PWD/stack.yaml` are one file.
    static func fingerprintPath(_ file: String) -> String {
        var p = file
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasPrefix(workingDirectory) { p.removeFirst(workingDirectory.count) }
        return p
    }

    /// The directory opsready runs in (it never changes it).
    static let workingDirectory = FileManager.default.currentDirectoryPath + "/"
}
