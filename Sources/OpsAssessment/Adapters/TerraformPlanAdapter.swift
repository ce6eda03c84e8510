import OpsCore
import OpsDocument

/// Reads `terraform show -json` output (plan or state): every resource in `planned_values` (or `values`),
/// modules included, mapped from the AWS provider's types and snake_case attributes.
public enum TerraformPlanAdapter: InputAdapter {
    public static let inputName = "a Terraform plan (terraform show -json)"
    public static let producedTypes: Set<String>? = Set(mappings.values.map(\.type))

    /// Terraform nested blocks that are real lists in CloudFormation, so they are not unwrapped.
    static let lists: Set<String> = ["Ingress", "Egress", "Setting", "AlarmActions", "OkActions", "SecurityGroups", "Subnets",
                                     "EnabledCloudwatchLogsExports", "CidrBlocks", "Ipv6CidrBlocks", "VpcSecurityGroupIds", "Aliases"]

    static let mappings: [String: ResourceMapping] = [
        "aws_rds_cluster": ResourceMapping("AWS::RDS::DBCluster", name: ["DBClusterIdentifier"], [
            .rename("ClusterIdentifier", "DBClusterIdentifier"), .rename("EnabledCloudwatchLogsExports", "EnableCloudwatchLogsExports"),
        ]),
        "aws_rds_cluster_instance": ResourceMapping("AWS::RDS::DBInstance", name: ["DBInstanceIdentifier"], [
            .rename("Identifier", "DBInstanceIdentifier"), .rename("ClusterIdentifier", "DBClusterIdentifier"),
            .rename("PerformanceInsightsEnabled", "EnablePerformanceInsights"), .rename("InstanceClass", "DBInstanceClass"),
        ]),
        "aws_db_instance": ResourceMapping("AWS::RDS::DBInstance", name: ["DBInstanceIdentifier"], [
            .rename("Identifier", "DBInstanceIdentifier"), .rename("PerformanceInsightsEnabled", "EnablePerformanceInsights"),
            .rename("InstanceClass", "DBInstanceClass"),
        ]),
        "aws_ecs_service": ResourceMapping("AWS::ECS::Service", name: ["ServiceName"], [
            .unwrapBlocks(except: lists), .rename("Name", "ServiceName"), .nest(["DeploymentCircuitBreaker"], under: "DeploymentConfiguration"),
        ]),
        "aws_ecs_cluster": ResourceMapping("AWS::ECS::Cluster", name: ["ClusterName"], [
            .rename("Name", "ClusterName"), .rename("Setting", "ClusterSettings"),
        ]),
        "aws_appautoscaling_target": ResourceMapping("AWS::ApplicationAutoScaling::ScalableTarget", name: ["ResourceId"]),
        "aws_appautoscaling_policy": ResourceMapping("AWS::ApplicationAutoScaling::ScalingPolicy", name: ["PolicyName"], [
            .unwrapBlocks(except: lists), .rename("Name", "PolicyName"),
        ]),
        "aws_cloudwatch_metric_alarm": ResourceMapping("AWS::CloudWatch::Alarm", name: ["AlarmName"], [
            .nameValueList("Dimensions"), .rename("OkActions", "OKActions"),
        ]),
        "aws_cloudwatch_log_group": ResourceMapping("AWS::Logs::LogGroup", name: ["LogGroupName"], [.rename("Name", "LogGroupName")]),
        "aws_elasticache_replication_group": ResourceMapping("AWS::ElastiCache::ReplicationGroup", name: ["ReplicationGroupId"], [
            .rename("MultiAzEnabled", "MultiAZEnabled"), .rename("Description", "ReplicationGroupDescription"),
        ]),
        "aws_cloudfront_distribution": ResourceMapping("AWS::CloudFront::Distribution", name: ["Id"], [
            .unwrapBlocks(except: lists), .rename("LoggingConfig", "Logging"),
            .nest(["DefaultCacheBehavior", "ViewerCertificate", "Logging", "Enabled", "Aliases", "Origin", "PriceClass", "HttpVersion"], under: "DistributionConfig"),
        ]),
        "aws_acm_certificate": ResourceMapping("AWS::CertificateManager::Certificate", name: ["DomainName"]),
        "aws_lambda_function": ResourceMapping("AWS::Lambda::Function", name: ["FunctionName"], [.unwrapBlocks(except: lists)]),
        "aws_cloudtrail": ResourceMapping("AWS::CloudTrail::Trail", name: ["TrailName"], [
            .rename("Name", "TrailName"), .rename("EnableLogging", "IsLogging"), .rename("CloudWatchLogsGroupArn", "CloudWatchLogsLogGroupArn"),
        ]),
        "aws_security_group": ResourceMapping("AWS::EC2::SecurityGroup", name: ["GroupName"], [
            .flattenIngress(from: "Ingress"), .rename("Name", "GroupName"), .rename("Description", "GroupDescription"),
        ]),
        "aws_sns_topic": ResourceMapping("AWS::SNS::Topic", name: ["TopicName"], [.rename("Name", "TopicName")]),
        "aws_s3_bucket": ResourceMapping("AWS::S3::Bucket", name: ["BucketName"], [.rename("Bucket", "BucketName")]),
    ]

    public static func recognizes(_ document: Node) -> Bool {
        document["format_version"] != nil && (document["planned_values"] != nil || document["values"] != nil)
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        guard let root = (document["planned_values"] ?? document["values"])?["root_module"] else { return [] }
        var result: [Resource] = []
        collect(root, stack: source.file, into: &result)
        // A plan says itself what changes: `resource_changes[].change.actions`.
        if let changes = document["resource_changes"]?.items {
            var actions: [String: [String]] = [:]
            for change in changes {
                guard let address = change["address"]?.string else { continue }
                actions[address] = change["change"]?["actions"]?.items?.compactMap(\.string) ?? []
            }
            for i in result.indices {
                guard let planned = actions[result[i].id] else { continue }
                result[i].planChanged = !planned.allSatisfy { $0 == "no-op" || $0 == "read" }
            }
        }
        return result
    }

    private static func collect(_ module: Node, stack: String, into result: inout [Resource]) {
        for item in module["resources"]?.items ?? [] {
            guard item["mode"]?.string != "data", let type = item["type"]?.string, let mapping = mappings[type],
                  let values = item["values"], values.entries != nil else { continue }
            let address = item["address"]?.string ?? type
            let resource = mapping.resource(from: values, fallbackId: address, location: item.location)
            result.append(Resource(type: resource.type, id: address, physicalId: resource.physicalId, properties: resource.properties,
                                   location: item.location, propertiesLocation: values.location, lastLine: resource.lastLine, stack: stack))
        }
        for child in module["child_modules"]?.items ?? [] { collect(child, stack: stack, into: &result) }
    }
}
