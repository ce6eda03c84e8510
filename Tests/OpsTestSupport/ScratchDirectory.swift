import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()` (call it from `tearDown`).
public struct ScratchDirectory: Sendable {
    public let path: String

    /// Creates `…/opsready-<purpose>-<UUID>`.
    public init(_ purpose: String) throws {
        path = NSTemporaryDirectory() + "opsready-\(purpose)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (subdirectories created) and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
