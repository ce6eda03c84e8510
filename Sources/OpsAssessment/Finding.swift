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

    /// The fields live in one shared box, copied only when a copy is changed: findings are copied through the
    /// engine, scoring and every report, and a copy is then one reference count, not a dozen.
    private struct Fields: Sendable {
        let check: String
        var status: Status
        let severity: Severity
        let practices: [String]
        let resource: ResourceRef?
        let location: SourceLocation?
        let path: String?
        var message: LocalizedText
        var evidence: Node?
        /// What few findings have, kept apart: passes and plain failures never set any of it.
        var rare: CopyOnWrite<Rare>?
    }

    private struct Rare: Sendable {
        var note: String?
        var untouched = false
        var identity: String?
        var baselineState: BaselineState?
        var baselineNote: String?
    }

    private var storage: CopyOnWrite<Fields>

    private var rare: Rare {
        get { storage.fields.rare.map { $0.fields } ?? Rare() }
        set { storage.fields.rare = CopyOnWrite(newValue) }
    }

    public var check: String { storage.fields.check }
    public var status: Status {
        get { storage.fields.status }
        set { storage.fields.status = newValue }
    }
    public var severity: Severity { storage.fields.severity }
    public var practices: [String] { storage.fields.practices }
    public var resource: ResourceRef? { storage.fields.resource }
    /// Where the finding points: the offending property, or the resource, or the input file.
    public var location: SourceLocation? { storage.fields.location }
    /// `Properties.X.Y` of the offending property, when there is one.
    public var path: String? { storage.fields.path }
    public var message: LocalizedText {
        get { storage.fields.message }
        set { storage.fields.message = newValue }
    }
    /// Why a finding is suppressed, waived or skipped.
    public var note: String? {
        get { rare.note }
        set { rare.note = newValue }
    }
    /// Outside the change being gated (`--changed-files`, `--git-diff`): reported, not gated.
    public var untouched: Bool {
        get { rare.untouched }
        set { rare.untouched = newValue }
    }
    /// The value at `path` when the finding failed: what "worse than the baseline" is judged on.
    public var evidence: Node? {
        get { storage.fields.evidence }
        set { storage.fields.evidence = newValue }
    }
    /// What the finding is about regardless of the resource's name and place (`CanonicalNode.identity`); set when
    /// findings are compared with a baseline or recorded in one.
    public var identity: String? {
        get { rare.identity }
        set { rare.identity = newValue }
    }
    /// Against a baseline: new, unchanged, worsened or moved.
    public var baselineState: BaselineState? {
        get { rare.baselineState }
        set { rare.baselineState = newValue }
    }
    /// Against a baseline: what changed (the earlier value, the earlier name and place).
    public var baselineNote: String? {
        get { rare.baselineNote }
        set { rare.baselineNote = newValue }
    }

    public init(check: String, status: Status, severity: Severity, practices: [String], resource: ResourceRef?,
                location: SourceLocation?, path: String?, message: LocalizedText, note: String?) {
        storage = CopyOnWrite(Fields(check: check, status: status, severity: severity, practices: practices, resource: resource,
                                     location: location, path: path, message: message, rare: note.map { CopyOnWrite(Rare(note: $0)) }))
    }
}

extension Finding {
    /// Identifies "the same finding" across runs and commits: check, file, resource and property path, not the
    /// line, so that moving code does not make an old finding look new.
    public var fingerprint: String { FNV.hex(fingerprintHash) }

    /// The fingerprint as a number, for writing it without building its text.
    public var fingerprintHash: UInt64 {
        var fnv = FNV()
        fnv.add(check)
        if var file = location?.file {
            file.withUTF8 { fnv.add(Self.fingerprintPath($0)) }
        } else {
            fnv.add("")
        }
        fnv.add(resource?.id ?? "")
        fnv.add(path ?? "")
        return fnv.hash
    }

    /// The file as fingerprints name it: relative to the current directory when under it, without `./`, so that
    /// `stack.yaml`, `./stack.yaml` and `$PWD/stack.yaml` are one file.
    static func fingerprintPath(_ file: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var p = file[...]
        while p.starts(with: "./".utf8) { p = p.dropFirst(2) }
        if p.starts(with: workingDirectoryBytes) { p = p.dropFirst(workingDirectoryBytes.count) }
        return p
    }

    /// The directory opsready runs in (it never changes it), with a slash.
    static let workingDirectory = FileManager.default.currentDirectoryPath + "/"
    private static let workingDirectoryBytes = Array(workingDirectory.utf8)
}
