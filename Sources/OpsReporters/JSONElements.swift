import Foundation
import OpsCore

/// Writes the elements of a large array (a report's findings) into the array `writer` has open: blocks of items are
/// rendered on every core, then joined in order and streamed into `sink`, so that the output is the same as one
/// writer's and never whole in memory.
enum JSONElements {
    static func write<Item: Sendable>(_ items: [Item], into writer: inout JSONWriter, sink: OutputSink,
                                      _ element: @escaping @Sendable (Item, inout JSONWriter) -> Void) {
        let depth = writer.depth
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let block = 4096 * parts
        for start in stride(from: 0, to: items.count, by: block) {
            let end = min(items.count, start + block)
            let size = (end - start + parts - 1) / parts
            let runs = ParallelSlots<JSONWriter>(count: parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let from = start + part * size
                let to = min(end, from + size)
                guard from < to else { return }
                var run = JSONWriter(elementsAt: depth, first: from == 0)
                for i in from..<to { element(items[i], &run) }
                runs.set(part, run)
            }
            for part in 0..<parts {
                if let run = runs.get(part) { writer.append(elements: run) }
            }
            writer.drain(into: sink)
        }
    }
}
