import Foundation

/// Where the tests find the repository: its root (checks, rubrics, examples) and the built `opsready`.
public enum Checkout {
    /// The repository root, three levels above this file (`Tests/OpsTestSupport/Checkout.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A path under the root.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// The built CLI: the debug build, else the release build.
    public static var opsready: String {
        for candidate in [".build/debug/opsready", ".build/release/opsready"] where FileManager.default.isExecutableFile(atPath: path(candidate)) {
            return path(candidate)
        }
        return path(".build/debug/opsready")
    }

    /// A built helper program of the package (the demo endpoint, the fuzz replayer), next to the CLI.
    public static func product(_ name: String) -> String {
        (opsready as NSString).deletingLastPathComponent + "/" + name
    }
}
