import Foundation

/// Finds the bundled `rubrics/` and `checks/` directories: `$OPSREADY_HOME`, the current directory, or a
/// parent of the executable's directory (so a build in `.build/release` finds the checkout's data).
public enum ResourceLocator {
    public static func home() -> String? {
        if let home = ProcessInfo.processInfo.environment["OPSREADY_HOME"], !home.isEmpty { return home }
        let fm = FileManager.default
        if fm.fileExists(atPath: "rubrics") { return fm.currentDirectoryPath }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if fm.fileExists(atPath: dir.appendingPathComponent("rubrics").path) { return dir.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    public static func path(_ relative: String) -> String {
        guard let home = home() else { return relative }
        return home == FileManager.default.currentDirectoryPath ? relative : home + "/" + relative
    }
}
