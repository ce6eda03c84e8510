import OpsAssessment
import OpsHypercare

// Every command's formats, in one place: the CLI's `--format` values and help are made from these lists.

extension Assessment: Reportable {
    public static let reporters: [any Reporter<Assessment>.Type] = [
        TextReporter.self, JSONReporter.self, SARIFReporter.self, JUnitReporter.self, MarkdownReporter.self, HTMLReporter.self,
        AnnotationsReporter.self, WellArchitectedAnswersReporter.self,
    ]
}

extension HypercareStatus: Reportable {
    public static let reporters: [any Reporter<HypercareStatus>.Type] = [
        HypercareTextReporter.self, HypercareJSONReporter.self, HypercareMarkdownReporter.self, HypercareHTMLReporter.self,
    ]
}

extension HypercareOverview: Reportable {
    public static let reporters: [any Reporter<HypercareOverview>.Type] = [OverviewTextReporter.self, OverviewJSONReporter.self]
}

extension ProbeResults: Reportable {
    public static let reporters: [any Reporter<ProbeResults>.Type] = [ProbeTextReporter.self, ProbeJSONReporter.self]
}

extension AlertCoverage: Reportable {
    public static let reporters: [any Reporter<AlertCoverage>.Type] = [
        CoverageTextReporter.self, CoverageJSONReporter.self, CoverageMarkdownReporter.self, CoverageHTMLReporter.self,
    ]
}

extension PracticeCoverage: Reportable {
    public static let reporters: [any Reporter<PracticeCoverage>.Type] = [PracticeCoverageTextReporter.self, PracticeCoverageJSONReporter.self]
}
