import Foundation

/// The files of a workload's repository read as evidence of how it is built and changed: GitHub Actions workflows, a
/// GitLab CI/CD configuration, a CodeBuild buildspec, Dependabot's and Renovate's configuration (each an input adapter's
/// document).
/// A repository without them gives none, and the checks on them are listed as not evaluated, never as failed.
public enum RepositoryEvidence {
    /// Where each kind of evidence file lives, relative to the repository's root, and its names (nil: any YAML file).
    static let locations: [(directory: String, names: Set<String>?)] = [
        (".github/workflows", nil),
        (".github", ["dependabot.yml", "dependabot.yaml", "renovate.json"]),
        (".gitlab", ["renovate.json"]),
        ("", ["buildspec.yml", "buildspec.yaml", ".gitlab-ci.yml", "renovate.json", ".renovaterc.json"]),
    ]

    /// The evidence files under `root`, in a stable order.
    public static func files(in root: String) -> [String] {
        var found: [String] = []
        for location in locations {
            let directory = location.directory.isEmpty ? root : root + "/" + location.directory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            let wanted = names.filter { name in location.names?.contains(name) ?? (name.hasSuffix(".yml") || name.hasSuffix(".yaml")) }
            found += wanted.sorted().map { directory + "/" + $0 }
        }
        return found
    }
}
