import Foundation
import OpsCore
import OpsDocument

/// Input files read and parsed on other threads before the loader asks for them: a command starts one with the files
/// it was given, loads its checks meanwhile, and the loader takes each file's documents, or its error, when it reaches
/// that file — so the first error a user sees is the same as without it. A file is handed over once; asked again, the
/// loader reads it itself. Directories are left to the loader: prefetching the templates found in them was measured
/// (267 templates) and did not pay, as parsing them already keeps every core busy.
public final class DocumentPrefetch: @unchecked Sendable {
    private let limits: LoadLimits
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var results: [String: Result<[Node], DocumentError>] = [:]
    private var done = false

    /// Starts reading the regular files among `paths` with `limits`, on every core.
    public init(paths: [String], limits: LoadLimits = .default) {
        self.limits = limits
        Thread.detachNewThread { [self] in run(paths) }
    }

    private func run(_ paths: [String]) {
        var files: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFREG { files.append(path) }
        }
        let (found, limits) = (files, limits)
        let parsed = ParallelSlots.map(found.count) { i in
            Result { () throws(DocumentError) in try DocumentLoader.load(path: found[i], limits: limits) }
        }
        condition.lock()
        for (file, result) in zip(found, parsed) where results[file] == nil { results[file] = result }
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// What `DocumentLoader.load(path:limits:)` gives for `path`, waiting for it if need be; nil when this prefetch did
    /// not read `path` (or has handed it over already) or read it with other limits.
    func documents(_ path: String, limits: LoadLimits) -> Result<[Node], DocumentError>? {
        guard limits == self.limits else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return results.removeValue(forKey: path)
    }
}
