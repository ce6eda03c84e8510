import OpsDocument

/// Small node constructors for derived resources.
enum NodeBuilder {
    static func mapping(_ fields: [(String, Node)], at location: SourceLocation) -> Node {
        // Each key is written where its value is, sharing the value's file (and no tag): no new place per key.
        Node(.mapping(fields.map { Node.Entry(key: Node(.scalar(.string($0.0)), untaggedLike: $0.1), value: $0.1) }), location: location)
    }

    static func int(_ value: Int, at location: SourceLocation) -> Node { Node(.scalar(.int(Int64(value))), location: location) }

    static func double(_ value: Double, at location: SourceLocation) -> Node { Node(.scalar(.double(value)), location: location) }
}
