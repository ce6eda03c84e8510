import Foundation
import OpsDocument

/// An input load under way on a thread of its own, started as soon as the inputs are known, so that reading and
/// parsing them overlaps with what the caller does meanwhile (loading the rubric and the checks, a tenth of a large
/// run). `result()` waits for it; its error is raised there, where a load in sequence would have raised it, so the
/// caller's own errors before that point still come first.
public final class InputLoading: @unchecked Sendable {
    /// Signalled once the outcome is set; `result()` signals it again for whoever waits next.
    private let done = DispatchSemaphore(value: 0)
    /// Written once, by the loading thread before it signals `done`; read only after waiting on it.
    private var outcome: Result<InputLoader.Result, DocumentError>?

    /// Starts loading `paths` with `loader`; where no thread can be started, loads them here and now.
    public init(_ loader: InputLoader, paths: [String]) {
        let work = { [self] in
            outcome = Result { () throws(DocumentError) in try loader.load(paths: paths) }
            done.signal()
        }
        if !Self.startThread(work) { work() }
    }

    /// The load's result, once it has finished.
    public func result() throws(DocumentError) -> InputLoader.Result {
        done.wait()
        defer { done.signal() }
        return try outcome!.get()
    }

    /// Runs `body` on a new thread with the main thread's usual stack (the trees of deeply nested inputs are walked
    /// recursively); false when none could be started.
    private static func startThread(_ body: @escaping () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, 8 << 20) == 0,
              pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED)) == 0 else { return false }
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if started != 0 { Unmanaged<Body>.fromOpaque(context).release() }
        return started == 0
    }

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
