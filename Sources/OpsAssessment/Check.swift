import OpsCore
import OpsDocument
import OpsExpr

/// A rule that inspects resources: data loaded from `checks/<pack>/*.yaml`, never code.
/// A class: the engine hands a check to every resource it evaluates, and a reference costs one count where a copy
/// of all these fields cost twenty.
public final class Check: Sendable {
    public let id: String
    public let pack: String
    public let title: LocalizedText
    public let message: MessageTemplate
    public let remediation: LocalizedText?
    public let severity: Severity
    /// Best-practice ids this check evidences.
    public let practices: [String]
    public let resourceTypes: [String]
    /// Whether the check applies to these inputs at all (over `resources`, `params`, `today`): a CPU alert is no
    /// requirement for a workload without instances, containers or databases. When false the check is reported
    /// as skipped, with the condition.
    public let appliesWhen: Program?
    /// Filter: only resources for which it is true are checked.
    public let filter: Program?
    /// Condition every checked resource must satisfy.
    public let assertion: Program?
    /// When set, at least one checked resource must exist (and satisfy the assertion).
    public let requiresExistence: Bool
    /// Failing findings point at the resource rather than the property last read (coverage checks).
    public let blamesResource: Bool
    /// Whether passing proves the practices or only supports the team's answer.
    public let strength: EvidenceStrength
    /// Thresholds with their defaults; a workload may override them.
    public let params: [String: Value]
    public let seed: String
    public let examples: [CheckExample]
    public let location: SourceLocation

    init(id: String, pack: String, title: LocalizedText, message: MessageTemplate, remediation: LocalizedText?, severity: Severity,
         practices: [String], resourceTypes: [String], appliesWhen: Program?, filter: Program?, assertion: Program?, requiresExistence: Bool,
         blamesResource: Bool, strength: EvidenceStrength = .proves, params: [String: Value], seed: String, examples: [CheckExample],
         location: SourceLocation) {
        self.strength = strength
        self.id = id
        self.pack = pack
        self.title = title
        self.message = message
        self.remediation = remediation
        self.severity = severity
        self.practices = practices
        self.resourceTypes = resourceTypes
        self.appliesWhen = appliesWhen
        self.filter = filter
        self.assertion = assertion
        self.requiresExistence = requiresExistence
        self.blamesResource = blamesResource
        self.params = params
        self.seed = seed
        self.examples = examples
        self.location = location
    }

    /// A corrected configuration: the check's first passing example, shown with the remediation.
    public var fixedExample: String? { examples.first { !$0.shouldFail }?.source }
}

/// A snippet in a check file that must pass or must fail; a line ending in `# <-` in a failing example
/// marks where the finding must point.
public struct CheckExample: Sendable {
    public let shouldFail: Bool
    public let source: String
    /// Where the snippet's first line is in the check file.
    public let location: SourceLocation
    /// 1-based line within `source` that the finding must point at.
    public let markedLine: Int?

    public static let marker = "# <-"
}

/// A message with `{{ expression }}` placeholders filled from the failing resource.
public struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case expression(Program)
    }

    public let text: LocalizedText
    let ko: [Part]
    let en: [Part]
    /// About how long a rendered message is, to reserve it at once: its text, and a little for each placeholder.
    private let koLength: Int
    private let enLength: Int

    init(_ text: LocalizedText, environment: Environment, location: SourceLocation) throws(DocumentError) {
        self.init(text: text, ko: try Self.parts(text.ko, environment: environment, location: location),
                  en: try Self.parts(text.en, environment: environment, location: location))
    }

    private init(text: LocalizedText, ko: [Part], en: [Part]) {
        self.text = text
        self.ko = ko
        self.en = en
        koLength = Self.length(ko)
        enLength = Self.length(en)
    }

    private static func parts(_ text: String, environment: Environment, location: SourceLocation) throws(DocumentError) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(ofLiteral: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(ofLiteral: "}}") else {
                throw DocumentError(at: location, "message has '{{' without '}}'")
            }
            let source = String(rest[open.upperBound..<close.lowerBound])
            do {
                parts.append(.expression(try Program(source, environment: environment)))
            } catch {
                throw DocumentError(at: location, "message placeholder {{\(source)}}: \(error.message)")
            }
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        return parts
    }

    private static func length(_ parts: [Part]) -> Int {
        parts.reduce(0) { total, part in
            switch part {
            case .text(let t): return total + t.utf8.count
            case .expression: return total + 24
            }
        }
    }

    /// The message in one language, placeholders evaluated (`?` where one cannot be).
    func render(_ language: Language, activation: Activation) -> String {
        // Built as bytes and made a string once: appending to a `String` checks each boundary for joining characters,
        // which valid UTF-8 pieces put end to end never need.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(language == .ko ? koLength : enLength)
        for part in language == .ko ? ko : en {
            switch part {
            case .text(let t): bytes.append(contentsOf: t.utf8)
            case .expression(let program): bytes.append(contentsOf: Self.placeholder(program, activation).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A placeholder's text: its value as messages show it, or `?` where it cannot be evaluated.
    private static func placeholder(_ program: Program, _ activation: Activation) -> String {
        (try? program.evaluate(activation, limits: EvalLimits(maxSteps: 100_000)))?.displayText ?? "?"
    }

    /// This template with each placeholder that reads only the check's parameters (`{{params.owner_tags}}`) rendered
    /// once from `activation`: those are the same for every resource the check runs on.
    func renderingParameters(_ activation: Activation) -> MessageTemplate {
        func fold(_ parts: [Part]) -> [Part] {
            var folded: [Part] = []
            for part in parts {
                let text: String
                switch part {
                case .expression(let program) where program.isPath(into: ["params"]):
                    text = Self.placeholder(program, activation)
                case .expression:
                    folded.append(part)
                    continue
                case .text(let t):
                    text = t
                }
                // Text next to text is one piece.
                if case .text(let before) = folded.last { folded[folded.count - 1] = .text(before + text) } else { folded.append(.text(text)) }
            }
            return folded
        }
        return MessageTemplate(text: text, ko: fold(ko), en: fold(en))
    }
}
