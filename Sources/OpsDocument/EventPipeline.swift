import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libyaml's events for a large input, parsed on a thread of their own while the caller builds the tree from them:
/// the parse then takes about as long as the slower of the two instead of their sum. Events travel in a few fixed
/// batches, so a file that parses faster than its tree is built holds at most `slots × batch` events in memory.
///
/// The caller sees exactly what the one-thread loop gives: events in order, the tree builder's first error, else the
/// parser's error after every event before it, and no event leaked whichever way the parse ends.
final class EventPipeline: @unchecked Sendable {
    /// Inputs smaller than this are parsed on the caller's thread: starting a thread would cost more than it saves.
    static let minimumBytes = 128 * 1024
    /// Events per batch: the best of 256, 1,024 and 4,096 on the 10k-resource bench template.
    static let defaultBatch = 1024
    private static let slots = 4

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let batchSize: Int
    private let events: UnsafeMutablePointer<yaml_event_t>
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let failure: (inout yaml_parser_t) -> DocumentError
    // Guarded by `mutex`.
    /// Events in each slot's batch.
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: EventPipeline.slots)
    private var produced = 0
    private var consumed = 0
    private var cancelled = false
    /// The number of the batch the stream ended with, once parsed, and the parser's error if it ended in one.
    private var lastBatch: Int?
    private var parseError: DocumentError?

    /// Whether `count` bytes are parsed with a second thread on this machine.
    static func pays(for count: Int) -> Bool {
        count >= minimumBytes && sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    /// `parser` is initialised with its input and stays the caller's (valid until `run` returns, deleted by the
    /// caller); `failure` describes the parser's error (called on the parsing thread).
    init(parser: UnsafeMutablePointer<yaml_parser_t>, batch: Int, failure: @escaping (inout yaml_parser_t) -> DocumentError) {
        self.parser = parser
        batchSize = max(1, batch)
        events = .allocate(capacity: Self.slots * batchSize)
        self.failure = failure
        counts.initialize(repeating: 0, count: Self.slots)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
        counts.deallocate()
        events.deallocate()
    }

    /// Parses on a second thread and hands each event, in order, to `handle` on this one, until the stream ends; false,
    /// with nothing parsed, when no thread could be started.
    func run(_ handle: (inout yaml_event_t) throws(DocumentError) -> Void) throws(DocumentError) -> Bool {
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<EventPipeline>.fromOpaque(context!).takeRetainedValue().produce()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        guard started == 0 else {
            Unmanaged.passUnretained(self).release()
            return false
        }
        defer {
            // However the loop ends, stop the parsing thread, wait for it, and free what it parsed that was not used.
            locked { cancelled = true }
            pthread_join(thread, nil)
            for batch in consumed..<produced { deleteEvents(slot: batch % Self.slots, from: 0, count: counts[batch % Self.slots]) }
        }
        while true {
            let (slot, count, last, error) = nextBatch()
            let batch = events + slot * batchSize
            for i in 0..<count {
                do throws(DocumentError) {
                    if batch[i].type != YAML_STREAM_END_EVENT { try handle(&batch[i]) }
                } catch {
                    deleteEvents(slot: slot, from: i, count: count)
                    locked { consumed += 1 }
                    throw error
                }
                yaml_event_delete(&batch[i])
            }
            locked { consumed += 1 }
            if let error { throw error }
            if last { return true }
        }
    }

    /// The parsing thread: fills free batches until the stream ends, the parser fails or the consumer stops.
    private func produce() {
        while true {
            pthread_mutex_lock(mutex)
            while produced - consumed == Self.slots && !cancelled { pthread_cond_wait(changed, mutex) }
            let (stop, slot) = (cancelled, produced % Self.slots)
            pthread_mutex_unlock(mutex)
            if stop { return }
            let batch = events + slot * batchSize
            var count = 0
            var ended = false
            var error: DocumentError?
            while count < batchSize && !ended {
                if yaml_parser_parse(parser, &batch[count]) == 1 {
                    ended = batch[count].type == YAML_STREAM_END_EVENT
                    count += 1
                } else {
                    error = failure(&parser.pointee)
                    ended = true
                }
            }
            locked {
                counts[slot] = count
                if ended { (lastBatch, parseError) = (produced, error) }
                produced += 1
            }
            if ended { return }
        }
    }

    /// Waits for the next filled batch: its slot, its events, whether it is the last, and the parser's error after it.
    private func nextBatch() -> (slot: Int, count: Int, last: Bool, error: DocumentError?) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while produced == consumed { pthread_cond_wait(changed, mutex) }
        let slot = consumed % Self.slots
        let last = lastBatch == consumed
        return (slot, counts[slot], last, last ? parseError : nil)
    }

    private func deleteEvents(slot: Int, from start: Int, count: Int) {
        let batch = events + slot * batchSize
        for i in start..<max(start, count) { yaml_event_delete(&batch[i]) }
    }

    private func locked(_ body: () -> Void) {
        pthread_mutex_lock(mutex)
        body()
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }
}
