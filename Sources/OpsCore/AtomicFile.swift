import Foundation
import OpsDocument

/// Writes a file so that readers see the old content or the whole new content, never a part: a new file beside the
/// target, then renamed over it. `-` is standard output. A target that is not a regular file (a FIFO, a device, a link
/// to `/dev/stdout`) is written through, never replaced; a directory is refused. Failures are one-line input errors
/// naming the path (exit 2), not a gate result.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(DocumentError) {
        let data = Data(text.utf8)
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        if let type = fileType(path) {
            switch type {
            case S_IFREG: break
            case S_IFDIR: throw DocumentError(file: path, message: "cannot write the output: it is a directory")
            default:
                // A pipe, a terminal or another device: write into it as it is.
                guard let handle = FileHandle(forWritingAtPath: path) else { throw DocumentError(file: path, message: "cannot write the output: \(reason(errno))") }
                do {
                    try handle.write(contentsOf: data)
                    try handle.close()
                } catch {
                    throw DocumentError(file: path, message: "cannot write the output: \(error.localizedDescription)")
                }
                return
            }
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let posix = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? reason(Int32($0.code)) : nil }
            throw DocumentError(file: path, message: "cannot write the output: " + (posix ?? error.localizedDescription))
        }
    }

    /// Writes several files into `directory` as a set: each is written in full into a hidden folder beside them
    /// first (`.opsready-set-…`), then all are renamed into place one after another, so a run killed while writing
    /// leaves the previous set untouched and one killed while renaming leaves at most the moment between two renames.
    /// Folders left by a run killed earlier are removed.
    public static func writeSet(_ files: [(name: String, text: String)], into directory: String) throws(DocumentError) {
        let manager = FileManager.default
        do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw DocumentError(file: directory, message: "cannot write the output: \(error.localizedDescription)")
        }
        for stale in (try? manager.contentsOfDirectory(atPath: directory))?.filter({ $0.hasPrefix(".opsready-set-") }) ?? [] {
            let path = directory + "/" + stale
            let modified = (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            if Date().timeIntervalSince(modified) > 600 { try? manager.removeItem(atPath: path) }
        }
        let staging = directory + "/.opsready-set-\(UUID().uuidString)"
        defer { try? manager.removeItem(atPath: staging) }
        for file in files { try write(file.text, to: staging + "/" + file.name) }
        for file in files {
            let target = directory + "/" + file.name
            if let type = fileType(target), type != S_IFREG {
                try write(file.text, to: target)
            } else if rename(staging + "/" + file.name, target) != 0 {
                throw DocumentError(file: target, message: "cannot write the output: \(reason(errno))")
            }
        }
    }

    /// What `path` is (`S_IFREG`, `S_IFDIR`, `S_IFIFO`, …) after following links; nil when nothing is there.
    private static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
