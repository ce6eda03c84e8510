import Hummingbird
import NIOCore
import Synchronization

/// Bodies of GET responses kept while the store is unchanged: the same path, query and language, the same store
/// version (latest assessment and latest import) and the same judgement instant give the same bytes, so a repeated
/// request costs one query. What is kept follows from the store alone; servers sharing a store answer alike.
final class ResponseCache: Sendable {
    private struct Entry {
        let body: ByteBuffer
        let contentType: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// A 200 with the kept body for `key`, or with `make`'s (then kept). An error `make` throws is not kept.
    func response(_ key: String, contentType: String, make: () async throws -> String) async throws -> Response {
        let entry: Entry
        if let kept = entries.withLock({ $0[key] }) {
            entry = kept
        } else {
            entry = Entry(body: ByteBuffer(string: try await make()), contentType: contentType)
            entries.withLock { kept in
                // A full cache starts over: keys of older store versions are never asked for again.
                if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
                kept[key] = entry
            }
        }
        return Response(status: .ok, headers: [.contentType: entry.contentType], body: ResponseBody(byteBuffer: entry.body))
    }
}
