import Foundation
import OpsCore

/// Writes a rubric as a directory the `RubricLoader` reads: `rubric.yaml` and one file per area.
public enum RubricWriter {
    public static func write(_ rubric: Rubric, to directory: String) throws {
        var index = "# Imported by opsready.\nid: \(quoted(rubric.id))\ntitle:\n  ko: \(quoted(rubric.title.ko))\n  en: \(quoted(rubric.title.en))\nareas:\n"
        for area in rubric.areas { index += "  - \(quoted(fileName(area)))\n" }
        var files: [(String, String)] = [("rubric.yaml", index)]
        for area in rubric.areas {
            var out = "id: \(quoted(area.id))\ntitle:\n  ko: \(quoted(area.title.ko))\n  en: \(quoted(area.title.en))\nquestions:\n"
            for q in area.questions {
                out += "  - id: \(quoted(q.id))\n    title:\n      ko: \(quoted(q.title.ko))\n      en: \(quoted(q.title.en))\n    practices:\n"
                for p in q.practices {
                    out += "      - id: \(quoted(p.id))\n        title:\n          ko: \(quoted(p.title.ko))\n          en: \(quoted(p.title.en))\n"
                    if let d = p.description { out += "        description:\n          ko: \(quoted(d.ko))\n          en: \(quoted(d.en))\n" }
                    out += "        risk: \(p.risk.rawValue)\n        evidence: \(p.evidence.rawValue)\n"
                    if let seed = p.seed { out += "        seed: \(quoted(seed))\n" }
                }
                out += "    risk_rules:\n"
                for rule in q.riskRules { out += "      - condition: \(quoted(rule.condition.description))\n        risk: \(rule.risk.rawValue)\n" }
            }
            files.append((fileName(area), out))
        }
        for (name, text) in files { try AtomicFile.write(text, to: directory + "/" + name) }
    }

    static func fileName(_ area: Area) -> String { area.id + ".yaml" }

    /// A double-quoted YAML scalar (the JSON string syntax, which YAML accepts).
    static func quoted(_ text: String) -> String {
        String(decoding: JSONWriter.literal(text), as: UTF8.self)
    }
}
