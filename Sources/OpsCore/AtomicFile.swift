import Foundation
import OpsDocument

/// Writes a file so that readers see the old content or the whole new content, never a part: a new file beside the
/// target, then renamed over it. `-` is standard output. A target that is not a regular file (a FIFO, a device, a link
/// to `/dev/stdout`) is written through, never replaced; a directory is refused. Failures are one-line input errors
/// naming the path (exit 2), not a gate result.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(DocumentError) {
        try stream(to: path) { $0.write(text) }
    }

    /// Writes what `body` puts into the sink, streamed: a report of any size is never whole in memory.
    public static func stream(to path: String, _ body: (OutputSink) -> Void) throws(DocumentError) {
        if path == "-" {
            let sink = OutputSink(descriptor: STDOUT_FILENO)
            body(sink)
            sink.flush()
            return
        }
        if let type = fileType(path) {
            switch type {
            case S_IFREG: break
            case S_IFDIR: throw DocumentError(file: path, message: "cannot write the output: it is a directory")
            default:
                // A pipe, a terminal or another device: write into it as it is.
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw failure(path, errno) }
                defer { close(descriptor) }
                try fill(descriptor, path: path, body)
                return
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw DocumentError(file: path, message: "cannot write the output: \(error.localizedDescription)")
            }
        }
        // Beside the target, so that the rename stays on one file system; the mode is what the umask leaves of 0666.
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).opsready-\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path, errno) }
        do {
            try fill(descriptor, path: path, body)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        let code = moveIntoPlace(temporary, path)
        guard code == 0 else {
            unlink(temporary)
            throw failure(path, code)
        }
    }

    /// Moves `temporary` to `path`; 0, or the error number. A file already at `path` is swapped out (renameat2's
    /// `RENAME_EXCHANGE`) and then removed, rather than renamed over: ext4 starts writing a file renamed over another
    /// and waits on the old file's pages still being written, 10–20 ms for a 27 MB report where the swap and the
    /// removal take about 1 ms. Readers still see the old file or the whole new one, never neither.
    private static func moveIntoPlace(_ temporary: String, _ path: String) -> Int32 {
        if let exchange = Self.exchange, exchange(AT_FDCWD, temporary, AT_FDCWD, path, 2 /* RENAME_EXCHANGE */) == 0 {
            unlink(temporary)
            return 0
        }
        // Nothing there yet, or a file system or kernel that cannot swap: a plain rename.
        return rename(temporary, path) == 0 ? 0 : errno
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; nil where the C library lacks it. (A run killed
    /// between the swap and the removal leaves the old file under the hidden temporary name.)
    private static let exchange: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    private static func fill(_ descriptor: Int32, path: String, _ body: (OutputSink) -> Void) throws(DocumentError) {
        let sink = OutputSink(descriptor: descriptor)
        body(sink)
        sink.flush()
        if let code = sink.failure { throw failure(path, code) }
    }

    private static func failure(_ path: String, _ code: Int32) -> DocumentError {
        DocumentError(file: path, message: "cannot write the output: \(reason(code))")
    }

    /// Writes several files into `directory` as a set: each is written in full into a hidden folder beside them
    /// first (`.opsready-set-…`), then all are renamed into place one after another, so a run killed while writing
    /// leaves the previous set untouched and one killed while renaming leaves at most the moment between two renames.
    /// Folders left by a run killed earlier are removed.
    /// Each file's content is what its `body` writes into the sink given to it.
    public static func writeSet(_ files: [(name: String, body: (OutputSink) -> Void)], into directory: String) throws(DocumentError) {
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
        for file in files { try stream(to: staging + "/" + file.name, file.body) }
        for file in files {
            let target = directory + "/" + file.name
            if let type = fileType(target), type != S_IFREG {
                try stream(to: target, file.body)
            } else {
                let code = moveIntoPlace(staging + "/" + file.name, target)
                if code != 0 { throw DocumentError(file: target, message: "cannot write the output: \(reason(code))") }
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
