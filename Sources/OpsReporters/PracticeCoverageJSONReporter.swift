import OpsAssessment
import OpsCore

/// `opsready rubric coverage --format json`: per practice, its automated status and each source of evidence.
public struct PracticeCoverageJSONReporter: Reporter {
    public static let format = "json"
    public static let fileExtension = "json"
    public static let summary = "The same, for programs."

    public let language: Language

    public init(options: ReportOptions) {
        language = options.language
    }

    public func render(_ coverage: PracticeCoverage) -> String {
        JSONValue.object([
            ("workload", .optional(coverage.workload)),
            ("summary", .object([
                ("practices", .int(coverage.entries.count)), ("automated", .int(coverage.automatedCount)), ("possible", .int(coverage.possibleCount)),
                ("answer_only", .int(coverage.entries.filter { $0.evidence.isEmpty }.count)),
            ])),
            ("practices", .array(coverage.entries.map { entry in
                .object([
                    ("id", .string(entry.practice.id)), ("question", .string(entry.question)), ("title", .string(entry.practice.title.text(language))),
                    ("status", .string(entry.status.rawValue)), ("automated", .optional(entry.automated?.rawValue)),
                    ("evidence", .array(entry.evidence.map { evidence in
                        .object([
                            ("id", .string(evidence.id)), ("source", .string(evidence.source.rawValue)),
                            ("resource_types", .array(evidence.resourceTypes.map(JSONValue.string))), ("evaluated", .bool(evidence.evaluated)),
                            ("locations", .array(evidence.locations.map(JSONValue.string))),
                        ])
                    })),
                ])
            })),
        ]).rendered()
    }
}
