/// CloudFormation's short-form intrinsic tags (`!Ref`, `!GetAtt`, `!Sub` …) rewritten into their long form,
/// so that `!Ref Db` and `{"Ref": "Db"}` load as the same node.
enum CloudFormationTags {
    /// Short tag (as written, with its `!`) to long-form key.
    static let longForm: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition",
        "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join", "!If": "Fn::If",
        "!Equals": "Fn::Equals", "!FindInMap": "Fn::FindInMap", "!Select": "Fn::Select",
        "!Split": "Fn::Split", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!GetAZs": "Fn::GetAZs",
        "!ImportValue": "Fn::ImportValue", "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not",
        "!Transform": "Fn::Transform", "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
    ]

    /// The long form of `node` tagged with `tag`, or nil when the tag is not a CloudFormation intrinsic.
    static func expand(tag: String, node: Node) -> Node? {
        guard let key = longForm[tag] else { return nil }
        var value = node
        if key == "Fn::GetAtt", case .scalar(.string(let dotted)) = node.content, let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")) {
            // `!GetAtt Db.Endpoint.Address` is `["Db", "Endpoint.Address"]`.
            let parts = [String(dotted[..<dot]), String(dotted[dotted.utf8.index(after: dot)...])]
            value = Node(.sequence(parts.map { Node(.scalar(.string($0)), untaggedLike: node) }), untaggedLike: node)
        } else if node.tag != nil {
            value = Node(node.content, untaggedLike: node)
        }
        let keyNode = Node(.scalar(.string(key)), untaggedLike: node)
        return Node(.mapping([Node.Entry(key: keyNode, value: value)]), like: node)
    }
}
