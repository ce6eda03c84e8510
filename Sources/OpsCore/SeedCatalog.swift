import Foundation
import OpsDocument

/// The source documents thresholds are traced to, by number, with their section titles in both languages
/// (`rubrics/seeds.yaml`): what turns `000_c7c979390889ab9b.txt §2.3 권한 및 역할` into "AICC cloud operator manual §2.3
/// (Permissions and roles)" for a reader who does not have the files.
public struct SeedCatalog: Sendable {
    public let documents: [String: LocalizedText]
    /// Per document number, section (number or, for the admin manual, heading) → title.
    public let sections: [String: [String: LocalizedText]]

    public init(documents: [String: LocalizedText] = [:], sections: [String: [String: LocalizedText]] = [:]) {
        self.documents = documents
        self.sections = sections
    }

    public static func load(path: String) throws(DocumentError) -> SeedCatalog {
        let documents = try DocumentLoader.load(path: path)
        guard let root = documents.first else { return SeedCatalog() }
        var reader = try NodeReader(root, what: "seed catalog")
        var names: [String: LocalizedText] = [:]
        for entry in try reader.required("documents").entries ?? [] {
            names[entry.key.keyText ?? ""] = try NodeReader.localized(entry.value, key: entry.key.keyText ?? "document")
        }
        var sections: [String: [String: LocalizedText]] = [:]
        for document in reader.optional("sections")?.entries ?? [] {
            var titles: [String: LocalizedText] = [:]
            for section in document.value.entries ?? [] {
                titles[section.key.keyText ?? ""] = try NodeReader.localized(section.value, key: section.key.keyText ?? "section")
            }
            sections[document.key.keyText ?? ""] = titles
        }
        try reader.finish()
        return SeedCatalog(documents: names, sections: sections)
    }

    /// A check's `seed:` for a reader: each `NNN_….txt §section rest` citation (`;`-separated) with the document's
    /// name and, in English, the section's English title; text the catalog does not know is kept as written.
    public func describe(_ seed: String, language: Language) -> String {
        // Citations are separated by `;`, or by ` / ` before another document.
        let separated = seed.replacingOccurrences(of: #" / (?=\d{3}_)"#, with: ";", options: .regularExpression)
        return separated.split(separator: ";").map { part -> String in
            let citation = part.trimmingCharacters(in: .whitespaces)
            guard citation.count > 4, let number = Int(citation.prefix(3)).map({ String(format: "%03d", $0) }),
                  let name = documents[number], let mark = citation.range(of: ".txt") else { return citation }
            let rest = citation[mark.upperBound...].trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix("§") else { return "\(name.text(language)) \(rest)".trimmingCharacters(in: .whitespaces) }
            let body = rest.dropFirst()
            let titles = sections[number] ?? [:]
            // The longest known section that the citation starts with: `4.1.1` before `4.1`, a heading as written.
            let key = titles.keys.filter { k in body.hasPrefix(k) && (body.count == k.count || !body.dropFirst(k.count).first!.isNumber) }
                .max { $0.count < $1.count }
            guard let key, let title = titles[key] else { return "\(name.text(language)) \(rest)" }
            var detail = body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            if detail.hasPrefix(title.ko) { detail = String(detail.dropFirst(title.ko.count)).trimmingCharacters(in: .whitespaces) }
            let heading = language == .ko ? title.ko : "\(title.en) / \(title.ko)"
            return "\(name.text(language)) §\(key) (\(heading))" + (detail.isEmpty ? "" : " " + detail)
        }.joined(separator: "; ")
    }
}
