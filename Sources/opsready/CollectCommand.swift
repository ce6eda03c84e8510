import ArgumentParser
import Foundation
import OpsAssessment
import OpsCore

/// Exports the live account's configuration with the AWS CLI's read-only commands (the operator manual's own,
/// seed 000 §3–§6) into a directory `opsready assess` reads.
struct Collect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Export the live configuration with read-only AWS CLI commands into a snapshot directory.",
        discussion: "Needs the AWS CLI on PATH and read-only credentials. A command that fails is reported and the rest go on; exit 2 when none succeeds."
    )

    @Option(help: "AWS CLI profile.")
    var profile: String?

    @Option(help: "AWS region.")
    var region: String?

    @Option(help: "Send requests to this endpoint instead of AWS (a local emulator).")
    var endpointUrl: String?

    @Option(help: "Directory to write the snapshot into.")
    var output: String

    @Option(help: "Seconds each AWS call may take to connect and to answer.")
    var timeout = 30

    /// One read-only call and the file its output goes to.
    struct Call {
        let file: String
        let arguments: [String]
    }

    static let calls: [Call] = [
        Call(file: "rds-describe-db-clusters.json", arguments: ["rds", "describe-db-clusters"]),
        Call(file: "rds-describe-db-instances.json", arguments: ["rds", "describe-db-instances"]),
        Call(file: "application-autoscaling-describe-scalable-targets.json", arguments: ["application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs"]),
        Call(file: "application-autoscaling-describe-scaling-policies.json", arguments: ["application-autoscaling", "describe-scaling-policies", "--service-namespace", "ecs"]),
        Call(file: "cloudwatch-describe-alarms.json", arguments: ["cloudwatch", "describe-alarms"]),
        Call(file: "logs-describe-log-groups.json", arguments: ["logs", "describe-log-groups"]),
        Call(file: "elasticache-describe-replication-groups.json", arguments: ["elasticache", "describe-replication-groups"]),
        Call(file: "elasticache-describe-cache-clusters.json", arguments: ["elasticache", "describe-cache-clusters"]),
        Call(file: "cloudtrail-describe-trails.json", arguments: ["cloudtrail", "describe-trails"]),
        Call(file: "ec2-describe-security-groups.json", arguments: ["ec2", "describe-security-groups"]),
        Call(file: "lambda-list-functions.json", arguments: ["lambda", "list-functions"]),
        Call(file: "iam-get-account-summary.json", arguments: ["iam", "get-account-summary"]),
        // An account without a password policy answers NoSuchEntity: a warning, and AWS-IAM-003 says what it means.
        Call(file: "iam-get-account-password-policy.json", arguments: ["iam", "get-account-password-policy"]),
        Call(file: "elbv2-describe-load-balancers.json", arguments: ["elbv2", "describe-load-balancers"]),
        Call(file: "elbv2-describe-target-groups.json", arguments: ["elbv2", "describe-target-groups"]),
    ]

    func run() async throws {
        var written: [String] = []
        var failures: [String] = []
        func record(_ call: Call) async throws {
            // When the first calls all fail the account or endpoint is unreachable: stop instead of waiting on each.
            if written.isEmpty && failures.count >= 3 {
                throw CLIError("collect: the first \(failures.count) AWS CLI commands failed; stopping (\(failures[0]))")
            }
            do {
                let json = try await aws(call.arguments)
                try AtomicFile.write(json, to: output + "/" + call.file)
                written.append(call.file)
            } catch {
                failures.append("aws \(call.arguments.joined(separator: " ")): \((error as? ExternalProgram.Failure)?.reason ?? "\(error)")")
            }
        }
        for call in Self.calls { try await record(call) }

        // ECS: clusters (with settings), then each cluster's services, 10 per call as the API allows.
        if let clusters = try? await strings(aws(["ecs", "list-clusters"]), key: "clusterArns"), !clusters.isEmpty {
            try await record(Call(file: "ecs-describe-clusters.json", arguments: ["ecs", "describe-clusters", "--include", "SETTINGS", "--clusters"] + clusters))
            for (n, cluster) in clusters.enumerated() {
                guard let services = try? await strings(aws(["ecs", "list-services", "--cluster", cluster]), key: "serviceArns") else { continue }
                for (k, start) in stride(from: 0, to: services.count, by: 10).enumerated() {
                    let batch = Array(services[start..<min(start + 10, services.count)])
                    try await record(Call(file: "ecs-describe-services-\(n)-\(k).json", arguments: ["ecs", "describe-services", "--cluster", cluster, "--services"] + batch))
                }
            }
        }
        // Each load balancer's listeners (the API takes one load balancer at a time).
        if let arns = try? await nested(aws(["elbv2", "describe-load-balancers"]), list: "LoadBalancers", key: "LoadBalancerArn") {
            for (n, arn) in arns.enumerated() {
                try await record(Call(file: "elbv2-describe-listeners-\(n).json", arguments: ["elbv2", "describe-listeners", "--load-balancer-arn", arn]))
            }
        }
        // Certificates (for expiry) and CloudFront distributions, one file each.
        if let arns = try? await nested(aws(["acm", "list-certificates"]), list: "CertificateSummaryList", key: "CertificateArn") {
            for (n, arn) in arns.enumerated() { try await record(Call(file: "acm-describe-certificate-\(n).json", arguments: ["acm", "describe-certificate", "--certificate-arn", arn])) }
        }
        if let ids = try? await nested(aws(["cloudfront", "list-distributions"]), list: "DistributionList.Items", key: "Id") {
            for (n, id) in ids.enumerated() { try await record(Call(file: "cloudfront-get-distribution-config-\(n).json", arguments: ["cloudfront", "get-distribution-config", "--id", id])) }
        }
        // S3: the buckets, then each bucket's settings under `s3api/BUCKET/` (those outputs do not name their bucket). A
        // setting never made (no public access block, no policy) is an error from AWS and leaves its file out.
        if let names = try? await nested(aws(["s3api", "list-buckets"]), list: "Buckets", key: "Name") {
            try await record(Call(file: "s3api-list-buckets.json", arguments: ["s3api", "list-buckets"]))
            for name in names where !name.isEmpty && !name.contains("/") && !name.hasPrefix(".") {
                try FileManager.default.createDirectory(atPath: output + "/s3api/" + name, withIntermediateDirectories: true)
                for command in S3BucketOutputAdapter.outputNames {
                    try await record(Call(file: "s3api/\(name)/\(command).json", arguments: ["s3api", command, "--bucket", name]))
                }
            }
        }

        for failure in failures { FileHandle.standardError.write(Data("opsready collect: warning: \(failure)\n".utf8)) }
        guard !written.isEmpty else { throw CLIError("collect: no AWS CLI command succeeded (\(failures.count) failed); check credentials, region and network") }
        print("collect: \(written.count) file(s) written to \(output)" + (failures.isEmpty ? "" : ", \(failures.count) command(s) failed"))
    }

    /// Runs `aws … --output json` with the chosen profile, region and endpoint; returns its standard output.
    func aws(_ arguments: [String]) async throws -> String {
        var full = arguments + ["--output", "json", "--cli-connect-timeout", String(timeout), "--cli-read-timeout", String(timeout)]
        if let profile { full += ["--profile", profile] }
        if let region { full += ["--region", region] }
        if let endpointUrl { full += ["--endpoint-url", endpointUrl] }
        return try await ExternalProgram.run("aws", full)
    }

    private func strings(_ json: String, key: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?[key] as? [String] ?? []
    }

    /// Values of `key` in the objects of a (dotted) list path.
    private func nested(_ json: String, list path: String, key: String) throws -> [String] {
        var current: Any? = try JSONSerialization.jsonObject(with: Data(json.utf8))
        for part in path.split(separator: ".") { current = (current as? [String: Any])?[String(part)] }
        return (current as? [[String: Any]] ?? []).compactMap { $0[key] as? String }
    }
}
