import Dispatch

/// Result slots filled by concurrent workers (`DispatchQueue.concurrentPerform`), each slot by exactly one worker,
/// read after all have finished.
public final class ParallelSlots<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element?>

    public init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    public func set(_ index: Int, _ value: Element?) { slots[index] = value }

    public func get(_ index: Int) -> Element? { slots[index] }
}

extension ParallelSlots {
    /// `body(i)` for every `i` in `0..<count`, spread over all cores; the results in order.
    public static func map(_ count: Int, _ body: @Sendable (Int) -> Element) -> [Element] {
        let slots = ParallelSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        return (0..<count).map { slots.get($0)! }
    }
}
