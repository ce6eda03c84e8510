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

    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let batchSize: Int
    private let events: UnsafeMutablePointer<yaml_event_t>
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String
    private let failure: (inout yaml_parser_t) -> DocumentError
    // Guarded by `mutex`.
    /// Events in each slot's batch; a last batch stores its count as -(count + 1).
    private let counts = UnsafeMutablePointer<Int>.allocate(capacity: EventPipeline.slots)
    private var produced = 0
    private var consumed = 0
    private var cancelled = false
    /// Set with the last batch: the parser's error, if the stream ended in one.
    private var parseError: DocumentError?

    /// Whether `count` bytes are parsed with a second thread on this machine.
    static func pays(for count: Int) -> Bool {
        count >= minimumBytes && sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    /// `input` must stay valid until `run` returns; `failure` describes the parser's error (called on the parsing thread).
    init(input: UnsafeBufferPointer<UInt8>, file: String, batch: Int, failure: @escaping (inout yaml_parser_t) -> DocumentError) {
        batchSize = max(1, batch)
        events = .allocate(capacity: Self.slots * batchSize)
        self.input = input
        self.file = file
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
        parser.deallocate()
    }

    /// Parses on a second thread and hands each event, in order, to `handle` on this one, until the stream ends.
    func run(_ handle: (inout yaml_event_t) throws(DocumentError) -> Void) throws(DocumentError) {
        guard yaml_parser_initialize(parser) == 1 else { throw DocumentError(file: file, message: "libyaml could not initialise") }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(bitPattern: 1)!, input.count)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<EventPipeline>.fromOpaque(context!).takeRetainedValue().produce()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        guard started == 0 else {
            Unmanaged.passUnretained(self).release()
            return try runHere(handle)
        }
        defer {
            // However the loop ends, stop the parsing thread, wait for it, and free what it parsed that was not used.
            locked { cancelled = true }
            pthread_join(thread, nil)
            for batch in consumed..<produced {
                let slot = batch % Self.slots
                deleteEvents(slot: slot, from: 0, count: Self.count(counts[slot]).count)
            }
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
            if last { return }
        }
    }

    /// The same loop on this thread alone, for when no thread could be started.
    private func runHere(_ handle: (inout yaml_event_t) throws(DocumentError) -> Void) throws(DocumentError) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw failure(&parser.pointee) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            try handle(&event)
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
                counts[slot] = ended ? -count - 1 : count
                if ended { parseError = error }
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
        let (count, last) = Self.count(counts[slot])
        return (slot, count, last, last ? parseError : nil)
    }

    /// A slot's stored count read back: its events and whether it is the last batch.
    private static func count(_ stored: Int) -> (count: Int, last: Bool) {
        stored < 0 ? (-stored - 1, true) : (stored, false)
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
