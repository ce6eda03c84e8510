#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report goes as it is rendered: a file descriptor, written in large pieces so that a report of any size
/// never has to be whole in memory, or memory itself (for `render` and tests). The first failed write is kept and
/// ends the writing; whoever opened the descriptor reports it.
public final class OutputSink {
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 18
    /// `errno` of the first write that failed.
    public private(set) var failure: Int32?

    /// Writes into an open descriptor (never closed here).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Keeps everything in memory: read it with `text`.
    public init() {
        descriptor = nil
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { flush() }
    }

    public func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        // A large piece goes out as it is rather than through the buffer: one copy fewer, and the buffer stays small.
        if descriptor != nil, bytes.count >= Self.flushSize {
            flush()
            send(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { flush() }
    }

    /// Hands what is buffered to the descriptor (nothing, in memory).
    public func flush() {
        guard descriptor != nil else { return }
        buffer.withUnsafeBytes { send($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the descriptor in full, or records the first failure (after which nothing more is written).
    private func send(_ bytes: UnsafeRawBufferPointer) {
        guard let descriptor, failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += written
        }
    }

    /// Everything written, for a sink in memory.
    public var text: String { String(decoding: buffer, as: UTF8.self) }

    /// What `body` writes, as text: a streaming writer's output kept in memory.
    public static func text(of body: (OutputSink) -> Void) -> String {
        let sink = OutputSink()
        body(sink)
        return sink.text
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
