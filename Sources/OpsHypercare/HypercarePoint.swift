import OpsCore
/// One measured period of a KPI — a finished week, or a calendar month (the current one so far) — with where its
/// value came from, so every figure in a status can be traced to the records behind it.
public struct HypercarePoint: Sendable, Equatable {
    /// Where a value came from: typed into `weeks`, measured by recorded probe runs, averaged from survey responses,
    /// computed from outage incidents, from the incident log, or from the maintenance log.
    public enum Source: String, Sendable, CaseIterable {
        case typed, probes, survey, outages, incidents, maintenance

        /// A one-letter mark for charts and tables (`T`, `P`, `S`, `O`, `I`, `M`).
        public var mark: String { String(rawValue.prefix(1)).uppercased() }
    }

    /// The week number, or the month's number counting the go-live month as 1.
    public let period: Int
    /// `w3` or `2026-12`.
    public let label: String
    public let value: Double
    /// A month not over yet: its value so far.
    public let partial: Bool
    public let source: Source
    /// How many probe runs, survey responses, incidents or windows the value is computed from (nil when typed).
    public let count: Int?
    /// The value stands because nothing happened in a period the team reported on (no outage, no incident): it is
    /// judged, but says nothing about a direction, so trends leave it out.
    public var fromAbsence: Bool { count == 0 }

    public init(period: Int, label: String, value: Double, partial: Bool, source: Source, count: Int?) {
        self.period = period
        self.label = label
        self.value = value
        self.partial = partial
        self.source = source
        self.count = count
    }

    /// `w3`, `2026-12`, or `2027-01 so far`.
    public func caption(_ language: Language) -> String {
        partial ? label + (language == .ko ? " 현재까지" : " so far") : label
    }

    /// Where the value came from, for people: `typed`, `probes, 2016 runs`, `survey, 16 responses`, `incidents, 1`.
    public func origin(_ language: Language) -> String {
        let ko = language == .ko
        let n = count ?? 0
        switch source {
        case .typed: return ko ? "입력값" : "typed"
        case .probes: return ko ? "프로브 \(n)회" : "probes, \(n) run\(n == 1 ? "" : "s")"
        case .survey: return ko ? "설문 \(n)건" : "survey, \(n) response\(n == 1 ? "" : "s")"
        case .outages: return ko ? "장애 기록 \(n)건" : "outage incidents, \(n)"
        case .incidents: return ko ? "장애 기록 \(n)건" : "incidents, \(n)"
        case .maintenance: return ko ? "작업 기록 \(n)건" : "maintenance windows, \(n)"
        }
    }

    /// `99.79 (w6 · typed)`, or with a note inside the brackets, `99.79 (w6 · typed; target ≥ 99.9)`.
    public func described(_ kpi: HypercarePlan.KPI, _ language: Language, note: String? = nil) -> String {
        "\(valueText(kpi, language)) (\(caption(language)) · \(origin(language))\(note.map { "; " + $0 } ?? ""))"
    }

    /// The value for people: the figure, or `no incidents` for a mean over none.
    public func valueText(_ kpi: HypercarePlan.KPI, _ language: Language) -> String {
        if fromAbsence, kpi.derived == .meanMinutesToResolve { return language == .ko ? "장애 없음" : "no incidents" }
        return HypercarePlan.format(value)
    }
}
