import OpsCore

/// How a report names a seed choice: `CPU alarm threshold: 80% for 5 min — seed-002, by seed_profile (operation
/// scenarios §1.1 …)`, and the options not taken: `seed-000 90% for 10 min`.
enum SeedChoicePhrases {
    static func reason(_ reason: SeedChoices.Reason, _ language: Language) -> String {
        let ko = language == .ko
        switch reason {
        case .byDefault: return ko ? "기본값" : "default"
        case .profile: return ko ? "seed_profile로 선택" : "by seed_profile"
        case .manifest: return ko ? "choices:로 선택" : "chosen in choices:"
        case .params: return ko ? "params:의 값이 우선" : "params: override it"
        }
    }

    /// The chosen value, its seed and how it was chosen (plain text; escape for the format it lands in).
    static func chosen(_ c: SeedChoices.Chosen, seeds: SeedCatalog, _ language: Language) -> String {
        "\(c.choice.title.text(language)): \(c.option.value) — \(c.option.id), \(reason(c.reason, language)) (\(seeds.describe(c.option.seed, language: language)))"
    }

    /// The options not taken: `seed-000 90% for 10 min · …`.
    static func others(_ c: SeedChoices.Chosen) -> String {
        c.choice.options.filter { $0.id != c.option.id }.map { "\($0.id) \($0.value)" }.joined(separator: " · ")
    }

    static func heading(_ language: Language) -> String {
        language == .ko ? "시드 선택 (출처 문서끼리 값이 다른 곳)" : "Seed choices (where the source documents disagree)"
    }
}
