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
