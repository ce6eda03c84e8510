import Foundation
import OpsDocument
import OpsExpr

/// The workload manifest (`opsready.yaml`): what the workload is, which inputs and check packs to use,
/// and the thresholds it chooses. Paths are relative to the manifest's directory.
public struct Manifest: Sendable {
    public struct Workload: Sendable {
        public let name: String
        public let owner: String?
        public let environment: String?
        public let goLive: String?
        public let timezone: String?
    }

    public let path: String
    public let workload: Workload
    /// Template and snapshot paths, resolved against the manifest's directory.
    public let inputs: [String]
    /// Check packs to enable (directory names under `checks/`); empty means all.
    public let packs: [String]
    public let params: [String: Value]

    public static func load(path: String) throws(DocumentError) -> Manifest {
        let documents = try DocumentLoader.load(path: path)
        guard documents.count == 1 else { throw DocumentError(file: path, message: "a manifest is one YAML document, found \(documents.count)") }
        var reader = try NodeReader(documents[0], what: "manifest")
        var workloadReader = try NodeReader(try reader.required("workload"), what: "workload")
        let workload = Workload(name: try workloadReader.string("name"), owner: try workloadReader.optionalString("owner"),
                                environment: try workloadReader.optionalString("environment"),
                                goLive: try workloadReader.optionalString("go_live"), timezone: try workloadReader.optionalString("timezone"))
        try workloadReader.finish()
        let base = (path as NSString).deletingLastPathComponent
        var inputs: [String] = []
        var packs: [String] = []
        if let inputsNode = reader.optional("inputs") {
            var inputsReader = try NodeReader(inputsNode, what: "inputs")
            for (index, relative) in try inputsReader.strings("templates").enumerated() {
                let resolved = relative.hasPrefix("/") || base.isEmpty ? relative : base + "/" + relative
                guard FileManager.default.fileExists(atPath: resolved) else {
                    let at = inputsNode["templates"]?.items?[index].location ?? inputsNode.location
                    throw DocumentError(at: at, "input '\(relative)' does not exist")
                }
                inputs.append(resolved)
            }
            packs = try inputsReader.strings("packs")
            try inputsReader.finish()
        }
        var params: [String: Value] = [:]
        if let paramsNode = reader.optional("params") {
            guard let entries = paramsNode.entries else { throw DocumentError(at: paramsNode.location, "'params' must be a mapping") }
            for entry in entries { params[entry.key.keyText ?? ""] = Value(entry.value) }
        }
        try reader.finish()
        return Manifest(path: path, workload: workload, inputs: inputs, packs: packs, params: params)
    }
}
