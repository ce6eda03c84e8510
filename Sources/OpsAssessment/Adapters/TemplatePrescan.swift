import OpsCore
import OpsDocument

/// What must be known of a template before its resources are read, found in one walk of its tree instead of one
/// walk for each: the first Rain directive (a `!Rain::…` tag or a `Rain::…` key) in document order, refused as not
/// yet a template, and whether a subtree (its `Resources`) uses the language extensions (``LanguageExtensions``).
/// Large collections (a template's `Resources`) are walked on every core.
struct TemplatePrescan {
    /// The first Rain directive and where it is.
    var rain: (directive: String, location: SourceLocation)?
    /// Whether the extensions' subtree holds a loop, `Fn::Length`, `Fn::ToJsonString` or a four-argument `Fn::FindInMap`.
    var usesExtensions = false

    /// Walks `document`, looking for extensions only within `extensionsRoot` (a node of it).
    static func scan(_ document: Node, extensionsIn extensionsRoot: Node?) -> TemplatePrescan {
        var found = TemplatePrescan()
        found.walk(document, extensionsRoot: extensionsRoot, seekingExtensions: document === extensionsRoot)
        return found
    }

    /// Adds what `node` holds; stops at the first Rain directive.
    private mutating func walk(_ node: Node, extensionsRoot: Node?, seekingExtensions: Bool) {
        if let tag = node.tag, tag.hasPrefix("!Rain::") {
            rain = (String(tag.dropFirst()), node.location)
            return
        }
        switch node.content {
        case .scalar:
            return
        case .sequence(let items):
            walk(items.count) { found, i in
                found.walk(items[i], extensionsRoot: extensionsRoot, seekingExtensions: seekingExtensions)
            }
        case .mapping(let entries):
            walk(entries.count) { found, i in
                let entry = entries[i]
                if let key = entry.key.string {
                    if key.utf8.first == UInt8(ascii: "R"), key.hasPrefix("Rain::") {
                        found.rain = (key, entry.key.location)
                        return
                    }
                    if seekingExtensions, LanguageExtensions.isExtension(key, entry.value) { found.usesExtensions = true }
                }
                found.walk(entry.value, extensionsRoot: extensionsRoot,
                           seekingExtensions: seekingExtensions || entry.value === extensionsRoot)
            }
        }
    }

    /// `body` for each of `count` children, in order until one finds a Rain directive; in runs of 512 on every core when
    /// there are more (each run stops at its first directive; the earliest run's is the one kept).
    private mutating func walk(_ count: Int, _ body: @Sendable (inout TemplatePrescan, Int) -> Void) {
        let grain = 512
        guard count > grain else {
            for i in 0..<count {
                body(&self, i)
                if rain != nil { return }
            }
            return
        }
        let runs = ParallelSlots<TemplatePrescan>.map((count + grain - 1) / grain) { run in
            var found = TemplatePrescan()
            for i in (run * grain)..<min(count, (run + 1) * grain) {
                body(&found, i)
                if found.rain != nil { break }
            }
            return found
        }
        for run in runs {
            usesExtensions = usesExtensions || run.usesExtensions
            if let directive = run.rain {
                rain = directive
                return
            }
        }
    }
}
