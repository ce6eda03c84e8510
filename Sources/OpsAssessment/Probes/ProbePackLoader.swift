import Foundation
import OpsCore
import OpsDocument

/// Loads the probes check packs ship in `checks/<pack>/probes/*.yaml`, bound to the manifest's `endpoints:`.
/// A pack probe whose endpoint the manifest does not bind is kept, skipped, with the reason.
public enum ProbePackLoader {
    /// Whether a file under a check pack holds probes rather than checks.
    public static func isProbeFile(_ path: String) -> Bool {
        ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent == "probes"
    }

    public static func load(directories: [String], practiceIds: Set<String>, endpoints: [String: String]) throws(DocumentError) -> [ProbeSpec] {
        var probes: [ProbeSpec] = []
        for directory in directories {
            for file in InputLoader.templateFiles(in: directory) where isProbeFile(file) && (file.hasSuffix(".yaml") || file.hasSuffix(".yml")) {
                for document in try DocumentLoader.load(path: file) {
                    probes.append(try ProbeSpec.parse(document, practiceIds: practiceIds, endpoints: endpoints))
                }
            }
        }
        return probes
    }

    /// The manifest's probes, then the packs', with ids unique across both and practices the rubric defines.
    public static func combine(_ manifest: [ProbeSpec], _ packs: [ProbeSpec], rubric: Rubric) throws(DocumentError) -> [ProbeSpec] {
        let practices = Set(rubric.practices.map(\.id))
        var seen: [String: SourceLocation] = [:]
        for probe in manifest + packs {
            if let unknown = probe.practices.first(where: { !practices.contains($0) }) {
                throw DocumentError(at: probe.location, "probe \(probe.id) names best practice '\(unknown)', which is not in \(rubric.id)")
            }
            if let first = seen[probe.id] { throw DocumentError(at: probe.location, "duplicate probe id '\(probe.id)' (first at \(first))") }
            seen[probe.id] = probe.location
        }
        return manifest + packs
    }
}
