import OpsDocument

/// The requirements of the seeds that no input can show (`rubrics/seed-unchecked.yaml`): a human process that leaves
/// no artefact, or a figure no export carries — each with the seed's words and why, so coverage never hides a gap.
public struct SeedUnchecked: Sendable {
    public struct Requirement: Sendable {
        /// `FILE §section (excerpt)`, verbatim like a check's `seed:`.
        public let seed: String
        public let why: LocalizedText
    }

    public let requirements: [Requirement]

    public static func load(path: String) throws(DocumentError) -> SeedUnchecked {
        guard let root = try DocumentLoader.load(path: path).first else { throw DocumentError(file: path, message: "empty list of unchecked requirements") }
        var reader = try NodeReader(root, what: "unchecked requirements")
        var requirements: [Requirement] = []
        for node in try reader.list("unchecked") {
            var r = try NodeReader(node, what: "unchecked requirement")
            requirements.append(Requirement(seed: try r.string("seed"), why: try r.localized("why")))
            try r.finish()
        }
        try reader.finish()
        return SeedUnchecked(requirements: requirements)
    }
}
