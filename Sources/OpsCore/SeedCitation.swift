import Foundation

/// One citation of a `seed:` text: `FILE §section (excerpt … excerpt)`, several joined by `; ` before the next file.
/// The excerpts are the seed's own words; `…` separates non-adjacent ones.
public struct SeedCitation: Sendable, Equatable {
    /// `000_c7c979390889ab9b.txt`
    public let file: String
    /// `§7.1.1 알람 설정` (number and/or heading, without the excerpts).
    public let reference: String
    public let excerpts: [String]

    /// The document's number: `000`.
    public var document: String { String(file.prefix(3)) }

    /// Every citation in a `seed:` text; text that is not `FILE §…` is left out.
    public static func parse(_ seed: String) -> [SeedCitation] {
        let parts = seed.replacingOccurrences(of: #";\s*(?=\d{3}_)"#, with: "\u{0}", options: .regularExpression).split(separator: "\u{0}")
        return parts.compactMap { part in
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let space = text.firstIndex(of: " "), text.hasSuffix(")") || text.contains("§") else { return nil }
            let file = String(text[..<space]), rest = String(text[text.index(after: space)...])
            guard rest.hasPrefix("§") else { return nil }
            var excerpts: [String] = [], depth = 0, start: String.Index?
            for index in rest.indices {
                if rest[index] == "(" {
                    if depth == 0 { start = rest.index(after: index) }
                    depth += 1
                } else if rest[index] == ")", depth > 0 {
                    depth -= 1
                    if depth == 0, let s = start { excerpts += rest[s..<index].components(separatedBy: " … ") }
                }
            }
            let reference = rest.split(separator: "(", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? rest
            return SeedCitation(file: file, reference: reference, excerpts: excerpts)
        }
    }
}
