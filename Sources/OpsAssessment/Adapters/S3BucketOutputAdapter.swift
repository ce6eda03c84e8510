import Foundation
import OpsCore
import OpsDocument

/// The AWS CLI's per-bucket S3 outputs, which do not name their bucket: `s3api get-bucket-encryption`,
/// `get-bucket-versioning`, `get-public-access-block` and `get-bucket-policy`. The bucket is taken from the file:
/// `BUCKET.get-bucket-encryption.json`, or `BUCKET/get-bucket-encryption.json` (the layout `opsready collect` writes).
/// Each becomes a part of the `AWS::S3::Bucket` named so, in CloudFormation's shape (`BucketEncryption`,
/// `VersioningConfiguration`, `PublicAccessBlockConfiguration`; a policy as an `AWS::S3::BucketPolicy`); the loader
/// merges the parts of one bucket, with `s3api list-buckets`' entry for it. An empty versioning output (`{}`, a bucket
/// never versioned) says nothing and is not read.
public enum S3BucketOutputAdapter: InputAdapter {
    public static let inputName = "per-bucket S3 output (s3api get-bucket-*)"
    public static let producedTypes: Set<String>? = ["AWS::S3::Bucket", "AWS::S3::BucketPolicy"]

    enum Kind { case encryption, versioning, publicAccess, policy }

    static func kind(_ document: Node) -> Kind? {
        guard let entries = document.entries, !entries.isEmpty else { return nil }
        let keys = Set(entries.compactMap(\.key.string))
        if keys == ["ServerSideEncryptionConfiguration"] { return .encryption }
        if keys == ["PublicAccessBlockConfiguration"] { return .publicAccess }
        if keys == ["Policy"], document["Policy"]?.string != nil { return .policy }
        if keys.isSubset(of: ["Status", "MFADelete"]), ["Enabled", "Suspended"].contains(document["Status"]?.string ?? "") { return .versioning }
        return nil
    }

    public static func recognizes(_ document: Node) -> Bool { kind(document) != nil }

    public static let outputNames = ["get-bucket-encryption", "get-bucket-versioning", "get-public-access-block", "get-bucket-policy"]

    /// The bucket a per-bucket output is for, from its file's name or directory.
    static func bucket(of file: String) -> String? {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        for output in outputNames {
            if name == output || name.hasSuffix("s3api-" + output) {
                let parent = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
                return parent.isEmpty || parent == "." ? nil : parent
            }
            if name.hasSuffix("." + output) { return String(name.dropLast(output.count + 1)) }
        }
        return nil
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        guard let kind = kind(document) else { return [] }
        let file = source.file.isEmpty ? document.location.file : source.file
        guard let bucket = bucket(of: file) else {
            throw DocumentError(at: document.location, "a per-bucket S3 output that does not say its bucket: name the file BUCKET.\(outputNames[0]).json "
                                + "(or the matching command), or put it in a directory named after the bucket")
        }
        let at = document.location
        var properties: [(String, Node)] = []
        switch kind {
        case .encryption:
            let rules = document["ServerSideEncryptionConfiguration"]!["Rules"] ?? Node(.sequence([]), location: at)
            properties = [("BucketEncryption", NodeBuilder.mapping([("ServerSideEncryptionConfiguration", rules)], at: document.entries![0].key.location))]
        case .versioning:
            properties = [("VersioningConfiguration", NodeBuilder.mapping([("Status", document["Status"]!)], at: document.entry("Status")!.key.location))]
        case .publicAccess:
            properties = [("PublicAccessBlockConfiguration", document["PublicAccessBlockConfiguration"]!)]
        case .policy:
            let text = document["Policy"]!
            let parsed: Node
            do {
                guard let node = try DocumentLoader.parse(text.string ?? "", file: file, syntax: .json).first else { return [] }
                parsed = NodeRewriting.relocate(node, to: text.location)
            } catch {
                throw DocumentError(at: text.location, "the bucket policy is not JSON: \(error.message)")
            }
            let policy = NodeBuilder.mapping([("Bucket", NodeRewriting.string(bucket, at: at)), ("PolicyDocument", parsed)], at: at)
            return [Resource(type: "AWS::S3::BucketPolicy", id: bucket + " policy", physicalId: nil, properties: policy, location: at,
                             propertiesLocation: at, lastLine: CloudFormationAdapter.lastLine(document))]
        }
        properties.insert(("BucketName", NodeRewriting.string(bucket, at: at)), at: 0)
        var part = Resource(type: "AWS::S3::Bucket", id: bucket, physicalId: bucket, properties: NodeBuilder.mapping(properties, at: at), location: at,
                            propertiesLocation: at, lastLine: CloudFormationAdapter.lastLine(document))
        part.isPart = true
        return [part]
    }
}
