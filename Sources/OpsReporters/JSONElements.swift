import Foundation
import OpsCore

/// Writes the elements of a large array (a report's findings) into the array `writer` has open: blocks of items are
/// rendered on every core, then joined in order and streamed into `sink`, so that the output is the same as one
/// writer's and never whole in memory. A block goes to the sink while the next one is rendered.
enum JSONElements {
    /// `cores`: how many parts each block is cut into (one per core).
    static func write<Item: Sendable>(_ items: [Item], into writer: inout JSONWriter, sink: OutputSink,
                                      cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                      _ element: @escaping @Sendable (Item, inout JSONWriter) -> Void) {
        write(count: items.count, into: &writer, sink: sink, cores: cores) { i, w in element(items[i], &w) }
    }

    /// The elements at `0..<count`, each written by `element` from its index.
    static func write(count: Int, into writer: inout JSONWriter, sink: OutputSink, cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                      _ element: @escaping @Sendable (Int, inout JSONWriter) -> Void) {
        let depth = writer.depth
        let parts = max(1, cores)
        let block = 2048 * parts
        writer.drain(into: sink)
        // Only one task at a time writes into the sink: the extra task of each block's `map` outputs the block before
        // (on whichever thread runs it), and nothing else writes until that `map` has returned.
        nonisolated(unsafe) let output = sink
        // Each run starts as large as the largest one before it, so that runs after the first are not grown by doubling.
        var capacity = 1 << 16
        var rendered: [JSONWriter] = []
        for start in stride(from: 0, to: count, by: block) {
            let end = min(count, start + block)
            let size = (end - start + parts - 1) / parts
            let runCapacity = capacity
            nonisolated(unsafe) let previous = rendered
            let runs = ParallelSlots<JSONWriter?>.map(parts + (previous.isEmpty ? 0 : 1)) { part in
                guard part < parts else {
                    for run in previous { run.output(to: output) }
                    return nil
                }
                let from = start + part * size
                var run = JSONWriter(elementsAt: depth, first: from == 0, capacity: runCapacity)
                // With more cores than a block's items need, the last parts are empty.
                for i in stride(from: from, to: min(end, from + size), by: 1) { element(i, &run) }
                return run
            }
            rendered = runs.compactMap { $0 }.filter { $0.count > 0 }
            for run in rendered {
                writer.wroteElements()
                capacity = max(capacity, run.count + run.count / 8)
            }
        }
        for run in rendered { run.output(to: sink) }
    }
}
