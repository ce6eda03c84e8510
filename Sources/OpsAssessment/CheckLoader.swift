import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// Loads check packs: every `*.yaml` below a directory holds one check (or several YAML documents); files in a
/// `probes/` directory are probes (``ProbePackLoader``); a `metrics.yaml` is a metric dictionary (``MetricDictionary``).
public enum CheckLoader {
    /// Loads all checks under `directories`, validating ids, fields, expressions and practice ids.
    public static func load(directories: [String], rubrics: [Rubric]) throws(DocumentError) -> [Check] {
        let practiceIds = Set(rubrics.flatMap { $0.practices.map(\.id) })
        var files: [(path: String, pack: String)] = []
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DocumentError(file: directory, message: "check directory not found")
            }
            for file in InputLoader.templateFiles(in: directory) where (file.hasSuffix(".yaml") || file.hasSuffix(".yml")) && !ProbePackLoader.isProbeFile(file)
                && !MetricDictionary.isDictionaryFile(file) {
                files.append((file, packName(file: file, root: directory)))
            }
        }
        // Every file is read and compiled on every core; the first error in file order is the one reported.
        let found = files
        let parsed = ParallelSlots<Result<[Check], DocumentError>>.map(found.count) { i in
            Result { () throws(DocumentError) in
                try DocumentLoader.load(path: found[i].path).map { document throws(DocumentError) in
                    try parse(document, pack: found[i].pack, practiceIds: practiceIds)
                }
            }
        }
        var checks: [Check] = []
        var seen: [String: SourceLocation] = [:]
        for result in parsed {
            for check in try result.get() {
                if let first = seen[check.id] {
                    throw DocumentError(at: check.location, "duplicate check id '\(check.id)' (first at \(first))")
                }
                seen[check.id] = check.location
                checks.append(check)
            }
        }
        return checks.sorted { $0.id < $1.id }
    }

    /// The pack is the directory the check file is in (`checks/aicc/x.yaml` → `aicc`).
    static func packName(file: String, root: String) -> String {
        let parent = (file as NSString).deletingLastPathComponent
        return (parent as NSString).lastPathComponent
    }

    static let idPattern = try! NSRegularExpression(pattern: "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")

    public static func parse(_ node: Node, pack: String, practiceIds: Set<String>) throws(DocumentError) -> Check {
        var reader = try NodeReader(node, what: "check")
        let idNode = try reader.required("id")
        let id = try NodeReader.string(idNode, key: "id")
        guard idPattern.firstMatch(in: id, range: NSRange(id.startIndex..., in: id)) != nil else {
            throw DocumentError(at: idNode.location, "check id '\(id)' must look like PACK-AREA-001 (upper case, dash separated)")
        }
        let title = try reader.localized("title")
        let messageNode = try reader.required("message")
        let severity = try reader.enumeration("severity", Severity.self)
        let practicesNode = try reader.required("practices")
        let practices = try reader.strings("practices")
        guard !practices.isEmpty else { throw DocumentError(at: practicesNode.location, "check \(id) evidences no best practice") }
        for (index, practice) in practices.enumerated() where !practiceIds.contains(practice) {
            let at = practicesNode.items?[index].location ?? practicesNode.location
            throw DocumentError(at: at, "check \(id) names best practice '\(practice)', which no loaded rubric defines")
        }
        let resourceTypes = try reader.strings("resource_types")
        guard !resourceTypes.isEmpty else { throw DocumentError(at: node.location, "check \(id) lists no 'resource_types'") }
        var params: [String: Value] = [:]
        if let paramsNode = reader.optional("params") {
            guard let entries = paramsNode.entries else { throw DocumentError(at: paramsNode.location, "'params' must be a mapping") }
            for entry in entries { params[entry.key.keyText ?? ""] = Value(entry.value) }
        }
        let environment = CheckEnvironment.environment
        let appliesWhen = try program(reader.optional("applies_when"), key: "applies_when", environment: CheckEnvironment.workloadEnvironment)
        let filter = try program(reader.optional("where"), key: "where", environment: environment)
        let assertion = try program(reader.optional("assert"), key: "assert", environment: environment)
        var requiresExistence = false
        if let require = reader.optional("require") {
            guard require.string == "exists" else { throw DocumentError(at: require.location, "'require' can only be 'exists'") }
            requiresExistence = true
        }
        guard assertion != nil || requiresExistence else {
            throw DocumentError(at: node.location, "check \(id) needs an 'assert' condition or 'require: exists'")
        }
        var blamesResource = false
        if let blame = reader.optional("blame") {
            guard let value = blame.string, value == "resource" || value == "property" else {
                throw DocumentError(at: blame.location, "'blame' is 'property' (the default) or 'resource'")
            }
            blamesResource = value == "resource"
        }
        var strength = EvidenceStrength.proves
        if let node = reader.optional("evidence") {
            guard let value = node.string.flatMap(EvidenceStrength.init(rawValue:)) else {
                throw DocumentError(at: node.location, "'evidence' is 'proves' (the default) or 'supports'")
            }
            strength = value
        }
        let message = try MessageTemplate(try NodeReader.localized(messageNode, key: "message"), environment: environment, location: messageNode.location)
        let remediation = try reader.optionalLocalized("remediation")
        let seed = try reader.string("seed")
        let examples = try parseExamples(reader.optional("examples"), checkId: id)
        try reader.finish()
        try validateParamUse(assertion, filter, appliesWhen, params: params, id: id, location: node.location)
        return Check(id: id, pack: pack, title: title, message: message, remediation: remediation, severity: severity,
                     practices: practices, resourceTypes: resourceTypes, appliesWhen: appliesWhen, filter: filter, assertion: assertion,
                     requiresExistence: requiresExistence, blamesResource: blamesResource, strength: strength, params: params, seed: seed, examples: examples,
                     location: idNode.location)
    }

    private static func program(_ node: Node?, key: String, environment: Environment) throws(DocumentError) -> Program? {
        guard let node else { return nil }
        let source = try NodeReader.string(node, key: key)
        do {
            return try Program(source, environment: environment)
        } catch {
            throw DocumentError(at: node.location, "'\(key)' expression, column \(error.column): \(error.message)")
        }
    }

    /// Every `params.X` an expression reads must be declared with a default.
    private static func validateParamUse(_ programs: Program?..., params: [String: Value], id: String, location: SourceLocation) throws(DocumentError) {
        for program in programs.compactMap({ $0 }) {
            if let name = program.fields(of: "params").first(where: { params[$0] == nil }) {
                throw DocumentError(at: location, "check \(id) reads params.\(name) but declares no default for it under 'params'")
            }
        }
    }

    private static func parseExamples(_ node: Node?, checkId: String) throws(DocumentError) -> [CheckExample] {
        guard let node else { throw DocumentError(file: "", message: "check \(checkId) has no 'examples'") }
        var reader = try NodeReader(node, what: "examples")
        var examples: [CheckExample] = []
        for (key, shouldFail) in [("pass", false), ("fail", true)] {
            let items = try reader.list(key)
            guard !items.isEmpty else { throw DocumentError(at: node.location, "check \(checkId) needs at least one '\(key)' example") }
            for item in items {
                let source = try NodeReader.string(item, key: key)
                let marked = markedLine(source)
                if !shouldFail, let marked {
                    throw DocumentError(file: item.location.file, line: item.location.line + marked + 1, column: 1,
                                        message: "a passing example cannot carry the finding marker '\(CheckExample.marker)'")
                }
                // A block scalar (`|`) starts on the line after its indicator.
                let first = SourceLocation(file: item.location.file, line: item.location.line + 1, column: item.location.column)
                examples.append(CheckExample(shouldFail: shouldFail, source: source, location: first, markedLine: marked.map { $0 + 1 }))
            }
        }
        try reader.finish()
        return examples
    }

    /// The 0-based line of an example that ends in the finding marker or has it followed by a space; nil when none does.
    /// Bytes are searched (an example rarely has a marker, and every check's examples are read at each start).
    static func markedLine(_ source: String) -> Int? {
        let marker = Array(CheckExample.marker.utf8)
        var line = 0
        let bytes = Array(source.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                i += 1
                continue
            }
            if bytes[i] == marker[0], bytes[i...].starts(with: marker) {
                let after = i + marker.count
                if after == bytes.count || bytes[after] == UInt8(ascii: "\n") || bytes[after] == UInt8(ascii: " ") { return line }
            }
            i += 1
        }
        return nil
    }
}
