import Dispatch

/// Result slots filled by concurrent workers (`DispatchQueue.concurrentPerform`), each slot by exactly one worker,
/// read after all have finished.
/// Inlinable, so that each caller gets it specialised for its element type rather than looking up metadata per slot.
public final class ParallelSlots<Element>: @unchecked Sendable {
    @usableFromInline let slots: UnsafeMutableBufferPointer<Element?>

    @inlinable
    public init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    @inlinable
    public func set(_ index: Int, _ value: Element?) { slots[index] = value }

    @inlinable
    public func get(_ index: Int) -> Element? { slots[index] }

    /// Moves a slot's value out, leaving it empty: read once, it costs no reference count to copy.
    @inlinable
    public func take(_ index: Int) -> Element? { slots[index].take() }
}

extension ParallelSlots {
    /// `body(i)` for every `i` in `0..<count`, spread over all cores; the results in order.
    /// `grain` indices go to a worker at a time: many small bodies (one per resource) are not one dispatch each.
    @inlinable
    public static func map(_ count: Int, grain: Int = 1, _ body: @Sendable (Int) -> Element) -> [Element] {
        let grain = max(1, grain)
        // One run is done here: waking other threads for it costs more than it saves.
        if count <= grain { return (0..<count).map(body) }
        let slots = ParallelSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: (count + grain - 1) / grain) { part in
            for i in (part * grain)..<min(count, (part + 1) * grain) { slots.set(i, body(i)) }
        }
        return (0..<count).map { slots.take($0)! }
    }
}
