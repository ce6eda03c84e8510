import Foundation
import OpsDocument

/// Input files read and parsed on a thread of their own before the loader asks for them: a command starts one with
/// the files it was given, loads its checks meanwhile, and the loader takes each file's documents, or its error, when
/// it reaches that file — so the first error a user sees is the same as without it.
public final class DocumentPrefetch: @unchecked Sendable {
    private let paths: [String]
    private let limits: LoadLimits
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var results: [String: Result<[Node], DocumentError>] = [:]
    /// How many of `paths` the thread has finished with.
    private var finished = 0

    /// Starts reading `paths` (those that are regular files; directories are left to the loader) with `limits`.
    public init(paths: [String], limits: LoadLimits = .default) {
        self.paths = paths
        self.limits = limits
        Thread.detachNewThread { [self] in run() }
    }

    private func run() {
        for path in paths {
            var info = stat()
            let result: Result<[Node], DocumentError>? = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
                ? Result { () throws(DocumentError) in try DocumentLoader.load(path: path, limits: limits) } : nil
            condition.lock()
            if let result { results[path] = result }
            finished += 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// What `DocumentLoader.load(path:limits:)` gives for `path`, waiting for it if need be; nil when `path` is not one
    /// this prefetch reads or `limits` are not the ones it read with.
    func documents(_ path: String, limits: LoadLimits) -> Result<[Node], DocumentError>? {
        guard limits == self.limits, let position = paths.firstIndex(of: path) else { return nil }
        condition.lock()
        defer { condition.unlock() }
        while finished <= position { condition.wait() }
        return results[path]
    }
}
