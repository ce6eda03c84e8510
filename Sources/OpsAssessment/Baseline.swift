import Foundation
import OpsCore
import OpsDocument

/// Accepted findings, by fingerprint: with a baseline, only findings not in it fail the gate, and baseline
/// entries no longer found are reported as fixed.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Hashable {
        public let fingerprint: String
        public let check: String
        public let file: String
        public let resource: String
        public let path: String
        /// The finding's identity (`CanonicalNode.identity`), to recognise it after a rename or a move.
        public let identity: String?
        /// The failing value, as canonical JSON, to tell when it gets worse.
        public let evidence: String?

        public init(fingerprint: String, check: String, file: String, resource: String, path: String, identity: String? = nil, evidence: String? = nil) {
            (self.fingerprint, self.check, self.file, self.resource, self.path) = (fingerprint, check, file, resource, path)
            (self.identity, self.evidence) = (identity, evidence)
        }
    }

    public let entries: [Entry]
    public let fingerprints: Set<String>

    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.check, $0.file, $0.resource, $0.path) < ($1.check, $1.file, $1.resource, $1.path) }
        fingerprints = Set(entries.map(\.fingerprint))
    }

    /// The failing findings of an assessment, as a baseline.
    public init(failing findings: [Finding]) {
        self.init(entries: findings.filter { $0.status == .fail }.map {
            Entry(fingerprint: $0.fingerprint, check: $0.check, file: $0.location?.file ?? "", resource: $0.resource?.id ?? "", path: $0.path ?? "",
                  identity: $0.identity, evidence: $0.evidence.map(CanonicalNode.text))
        })
    }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    public func rendered() -> String {
        JSONValue.object([
            ("baseline_version", .int(1)),
            ("tool", .string(OpsReady.name)),
            ("findings", .array(entries.map { e in
                .object([("fingerprint", .string(e.fingerprint)), ("check", .string(e.check)), ("file", .string(e.file)),
                         ("resource", .string(e.resource)), ("path", .string(e.path)), ("identity", .optional(e.identity)),
                         ("evidence", .optional(e.evidence))])
            })),
        ]).rendered()
    }

    public static func load(path: String) throws(DocumentError) -> Baseline {
        let documents = try DocumentLoader.load(path: path, syntax: .json)
        guard let root = documents.first, root["baseline_version"]?.scalar == .int(1), let items = root["findings"]?.items else {
            throw DocumentError(file: path, line: 1, column: 1, message: "not an opsready baseline (baseline_version 1 with 'findings')")
        }
        var entries: [Entry] = []
        for item in items {
            guard let fingerprint = item["fingerprint"]?.string, fingerprint.count == 16 else {
                throw DocumentError(at: item.location, "baseline entry without a 16-digit 'fingerprint'")
            }
            entries.append(Entry(fingerprint: fingerprint, check: item["check"]?.string ?? "", file: item["file"]?.string ?? "",
                                 resource: item["resource"]?.string ?? "", path: item["path"]?.string ?? "",
                                 identity: item["identity"]?.string, evidence: item["evidence"]?.string))
        }
        return Baseline(entries: entries)
    }
}
