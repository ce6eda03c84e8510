extension Node {
    /// Whether `other` holds the same tree as this node: the same content, tags, files, lines and columns throughout
    /// (a not-a-number equals itself here). For checking that two ways of loading a document agree.
    public func isIdentical(to other: Node) -> Bool {
        guard tag == other.tag, location == other.location else { return false }
        switch (content, other.content) {
        case (.scalar(let a), .scalar(let b)):
            if case .double(let x) = a, case .double(let y) = b, x.isNaN, y.isNaN { return true }
            return a == b
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key.isIdentical(to: $1.key) && $0.value.isIdentical(to: $1.value) }
        default:
            return false
        }
    }
}
