import OpsDocument

/// Loads a rubric directory: `rubric.yaml` (id, title, the area files in order) and one file per area.
public enum RubricLoader {
    public static func load(directory: String) throws(DocumentError) -> Rubric {
        let indexPath = directory + "/rubric.yaml"
        let index = try single(indexPath)
        var reader = try NodeReader(index, what: "rubric")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        let areaFiles = try reader.strings("areas")
        try reader.finish()
        guard !areaFiles.isEmpty else { throw DocumentError(at: index.location, "rubric lists no 'areas' files") }
        var areas: [Area] = []
        for file in areaFiles { areas.append(try area(try single(directory + "/" + file))) }
        let rubric = Rubric(id: id, title: title, areas: areas)
        try rejectDuplicateIds(rubric)
        return rubric
    }

    private static func single(_ path: String) throws(DocumentError) -> Node {
        let documents = try DocumentLoader.load(path: path)
        guard documents.count == 1 else { throw DocumentError(file: path, message: "expected exactly one YAML document, found \(documents.count)") }
        return documents[0]
    }

    private static func area(_ node: Node) throws(DocumentError) -> Area {
        var reader = try NodeReader(node, what: "area")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        var questions: [Question] = []
        for q in try reader.list("questions") { questions.append(try question(q)) }
        try reader.finish()
        return Area(id: id, title: title, questions: questions)
    }

    private static func question(_ node: Node) throws(DocumentError) -> Question {
        var reader = try NodeReader(node, what: "question")
        let id = try reader.string("id")
        let title = try reader.localized("title")
        var practices: [Practice] = []
        for p in try reader.list("practices") { practices.append(try practice(p)) }
        try reader.finish()
        return Question(id: id, title: title, practices: practices, location: node.location)
    }

    private static func practice(_ node: Node) throws(DocumentError) -> Practice {
        var reader = try NodeReader(node, what: "best practice")
        let practice = Practice(
            id: try reader.string("id"),
            title: try reader.localized("title"),
            description: try reader.optionalLocalized("description"),
            risk: try reader.enumeration("risk", PracticeRisk.self),
            evidence: try reader.optional("evidence").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "evidence", Practice.Evidence.self) } ?? .automated,
            seed: try reader.optionalString("seed"),
            location: node.location
        )
        try reader.finish()
        return practice
    }

    private static func rejectDuplicateIds(_ rubric: Rubric) throws(DocumentError) {
        var seen: [String: SourceLocation] = [:]
        for question in rubric.questions {
            if let first = seen[question.id] { throw DocumentError(at: question.location, "duplicate question id '\(question.id)' (first at \(first))") }
            seen[question.id] = question.location
            for practice in question.practices {
                if let first = seen[practice.id] { throw DocumentError(at: practice.location, "duplicate practice id '\(practice.id)' (first at \(first))") }
                seen[practice.id] = practice.location
            }
        }
    }
}
