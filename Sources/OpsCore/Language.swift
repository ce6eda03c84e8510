/// The language of text a user reads.
public enum Language: String, Sendable, CaseIterable, Codable {
    case ko, en
}

/// Text in Korean and English.
public struct LocalizedText: Sendable, Codable, Equatable {
    public let ko: String
    public let en: String

    public init(ko: String, en: String) {
        self.ko = ko
        self.en = en
    }

    public init(_ both: String) {
        self.init(ko: both, en: both)
    }

    public func text(_ language: Language) -> String {
        language == .ko ? ko : en
    }
}
