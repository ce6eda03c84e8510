import CYAML

/// Turns libyaml events into `Node` trees, enforcing depth, alias-expansion and duplicate-key rules.
struct TreeBuilder {
    private struct Frame {
        let isMapping: Bool
        let tag: String?
        let anchor: String?
        let position: Position
        /// Where this collection's items (or entries) start in the builder's pending items (or entries): the children
        /// of every open collection wait in one array each, so that a finished collection is copied out once, at its
        /// size, instead of growing an array of its own.
        let start: Int
        var pendingKey: Node?
        /// Entries brought in by YAML merge keys (`<<`), applied when the mapping ends.
        var merged: [Node.Entry] = []
        var expectsMerge = false
        /// Nodes in this subtree so far, counting aliased subtrees each time they are used.
        var weight = 1
    }

    /// Where an event starts: 1-based line and column, kept as numbers until a node or an error needs them.
    private struct Position {
        let line: UInt32
        let column: UInt32

        init(_ mark: yaml_mark_t) {
            line = UInt32(clamping: mark.line + 1)
            column = UInt32(clamping: mark.column + 1)
        }
    }

    let file: String
    let syntax: DocumentSyntax
    let limits: LoadLimits
    private(set) var documents: [Node] = []
    private var stack: [Frame] = []
    /// Items of the open sequences, innermost last.
    private var pendingItems: [Node] = []
    /// Entries of the open mappings, innermost last.
    private var pendingEntries: [Node.Entry] = []
    /// Anchored nodes with their expanded size, for aliases and the expansion budget.
    private var anchors: [String: (node: Node, weight: Int)] = [:]
    private var root: Node?
    private var documentWeight = 0
    private let texts = TextInterner()

    private let origins: Origins

    init(file: String, syntax: DocumentSyntax, limits: LoadLimits) {
        self.file = file
        self.syntax = syntax
        self.limits = limits
        origins = Origins(file: file)
    }

    /// The file's origins: one for its untagged nodes, one per tag written in it.
    private final class Origins {
        let untagged: Node.Origin
        private var tagged: [String: Node.Origin] = [:]

        init(file: String) { untagged = Node.Origin(file: file) }

        func origin(_ tag: String?) -> Node.Origin {
            guard let tag else { return untagged }
            if let known = tagged[tag] { return known }
            let origin = Node.Origin(file: untagged.file, tag: tag, untagged: untagged)
            tagged[tag] = origin
            return origin
        }
    }

    /// A node of this file at `position`.
    private func node(_ content: Node.Content, tag: String? = nil, at position: Position) -> Node {
        Node(content, origin: origins.origin(tag), line: position.line, column: position.column)
    }

    private func location(_ position: Position) -> SourceLocation {
        SourceLocation(file: file, line: Int(position.line), column: Int(position.column))
    }

    mutating func handle(_ event: inout yaml_event_t) throws(DocumentError) {
        if event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT {
            try finishCollection()
            return
        }
        let position = Position(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            root = nil
            documentWeight = 0
        case YAML_DOCUMENT_END_EVENT:
            documents.append(root ?? node(.scalar(.null), at: position))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let bytes = UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length))
            let tag = Self.optionalString(scalar.tag)
            let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
            let node = try scalarNode(bytes, tag: tag, quoted: quoted, position: position)
            try add(node, anchor: Self.optionalString(scalar.anchor), weight: 1, at: position)
        case YAML_ALIAS_EVENT:
            let name = Self.optionalString(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else { throw DocumentError(at: location(position), "unknown alias '*\(name)'") }
            try add(target.node, anchor: nil, weight: target.weight, at: position)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count < limits.maxDepth else {
                throw DocumentError(at: location(position), "nesting deeper than \(limits.maxDepth) levels")
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? Self.optionalString(event.data.mapping_start.tag) : Self.optionalString(event.data.sequence_start.tag)
            let anchor = isMapping ? Self.optionalString(event.data.mapping_start.anchor) : Self.optionalString(event.data.sequence_start.anchor)
            stack.append(Frame(isMapping: isMapping, tag: tag, anchor: anchor, position: position,
                               start: isMapping ? pendingEntries.count : pendingItems.count))
        default:
            break
        }
    }

    private mutating func finishCollection() throws(DocumentError) {
        let frame = stack.removeLast()
        var node: Node
        if frame.isMapping {
            var entries = Array(pendingEntries[frame.start...])
            pendingEntries.removeSubrange(frame.start...)
            try rejectDuplicates(entries)
            if !frame.merged.isEmpty {
                var seen = Set(entries.compactMap { $0.key.keyText })
                for entry in frame.merged where seen.insert(entry.key.keyText ?? "").inserted { entries.append(entry) }
            }
            node = self.node(.mapping(entries), tag: frame.tag, at: frame.position)
        } else {
            let items = Array(pendingItems[frame.start...])
            pendingItems.removeSubrange(frame.start...)
            node = self.node(.sequence(items), tag: frame.tag, at: frame.position)
        }
        if let tag = frame.tag, let expanded = CloudFormationTags.expand(tag: tag, node: node) { node = expanded }
        try add(node, anchor: frame.anchor, weight: frame.weight, at: frame.position, counted: true)
    }

    /// Appends a finished node to its parent (or makes it the document root) and counts its weight.
    private mutating func add(_ node: Node, anchor: String?, weight: Int, at position: Position, counted: Bool = false) throws(DocumentError) {
        if let anchor { anchors[anchor] = (node, weight) }
        // A collection's own children were counted as they arrived; an alias or scalar adds its full weight.
        documentWeight += counted ? 1 : weight
        guard documentWeight <= limits.maxExpandedNodes else {
            throw DocumentError(at: location(position), "document expands to more than \(limits.maxExpandedNodes) nodes (alias expansion limit)")
        }
        guard !stack.isEmpty else { root = node; return }
        let top = stack.count - 1
        stack[top].weight &+= weight
        guard stack[top].isMapping else { pendingItems.append(node); return }
        if stack[top].expectsMerge {
            stack[top].expectsMerge = false
            try merge(node, into: &stack[top].merged)
        } else if let key = stack[top].pendingKey {
            stack[top].pendingKey = nil
            pendingEntries.append(Node.Entry(key: key, value: node))
        } else if syntax == .yaml, node.tag == nil, case .scalar(.string("<<")) = node.content {
            stack[top].expectsMerge = true
        } else {
            stack[top].pendingKey = node
        }
    }

    private mutating func scalarNode(_ bytes: UnsafeBufferPointer<UInt8>, tag: String?, quoted: Bool, position: Position) throws(DocumentError) -> Node {
        guard let tag, tag != "!" else {
            let value: Scalar
            if quoted {
                value = .string(texts.text(bytes))
            } else if syntax == .json {
                value = ScalarResolver.resolveJSON(texts.text(bytes))
            } else {
                value = ScalarResolver.plainYAMLValue(bytes) ?? .string(texts.text(bytes))
            }
            return node(.scalar(value), at: position)
        }
        let text = texts.text(bytes)
        switch tag {
        case "tag:yaml.org,2002:str":
            return node(.scalar(.string(text)), tag: tag, at: position)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null":
            let value = ScalarResolver.resolveYAML(text)
            let fits: Bool
            switch (tag, value) {
            case ("tag:yaml.org,2002:int", .int), ("tag:yaml.org,2002:float", .double), ("tag:yaml.org,2002:bool", .bool), ("tag:yaml.org,2002:null", .null): fits = true
            case ("tag:yaml.org,2002:float", .int(let i)): return node(.scalar(.double(Double(i))), tag: tag, at: position)
            default: fits = false
            }
            guard fits else { throw DocumentError(at: location(position), "'\(text)' is not a valid \(tag.dropFirst("tag:yaml.org,2002:".count))") }
            return node(.scalar(value), tag: tag, at: position)
        default:
            let plain = node(.scalar(quoted ? .string(text) : ScalarResolver.resolveYAML(text)), tag: tag, at: position)
            return CloudFormationTags.expand(tag: tag, node: plain) ?? plain
        }
    }

    private func merge(_ value: Node, into merged: inout [Node.Entry]) throws(DocumentError) {
        switch value.content {
        case .mapping(let entries):
            merged.append(contentsOf: entries)
        case .sequence(let items):
            for item in items {
                guard case .mapping(let entries) = item.content else {
                    throw DocumentError(at: item.location, "merge key '<<' takes a mapping or a list of mappings")
                }
                merged.append(contentsOf: entries)
            }
        default:
            throw DocumentError(at: value.location, "merge key '<<' takes a mapping or a list of mappings")
        }
    }

    private func rejectDuplicates(_ entries: [Node.Entry]) throws(DocumentError) {
        if entries.count < 2 { return }
        if entries.count <= 16 {
            // Small mappings (nearly all of them): pairwise comparison beats hashing; string keys are compared
            // without building their text, lengths first (most keys of a mapping differ in length).
            for i in 1..<entries.count {
                let key = entries[i].key
                if case .scalar(.string(let text)) = key.content {
                    let length = text.utf8.count
                    for j in 0..<i {
                        guard case .scalar(.string(let other)) = entries[j].key.content, other.utf8.count == length, other == text else { continue }
                        let first = entries[j].key.location
                        throw DocumentError(at: key.location, "duplicate key '\(text)' (first defined at \(first.line):\(first.column))")
                    }
                    continue
                }
                guard let text = key.keyText else { continue }
                for j in 0..<i where entries[j].key.keyText == text {
                    let first = entries[j].key.location
                    throw DocumentError(at: entries[i].key.location, "duplicate key '\(text)' (first defined at \(first.line):\(first.column))")
                }
            }
            return
        }
        var seen: [String: SourceLocation] = [:]
        seen.reserveCapacity(entries.count)
        for entry in entries {
            guard let text = entry.key.keyText else { continue }
            if let first = seen[text] {
                throw DocumentError(at: entry.key.location, "duplicate key '\(text)' (first defined at \(first.line):\(first.column))")
            }
            seen[text] = entry.key.location
        }
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
