import OpsCore
import OpsDocument

/// Reads JSON printed by the AWS CLI's read-only commands (`aws rds describe-db-clusters`, `aws ecs
/// describe-services` …), recognised by their top-level key, into CloudFormation-typed resources. `iam list-roles` and
/// `list-users` are not read: they leave out the policies, and a role read without them would pass every permission
/// check unseen.
public enum AWSCLIAdapter: InputAdapter {
    public static let inputName = "AWS CLI output"
    public static let producedTypes: Set<String>? = Set(mappings.values.map(\.type))

    /// Top-level key of each command's output → how its objects map.
    static let mappings: [String: ResourceMapping] = [
        "DBClusters": ResourceMapping("AWS::RDS::DBCluster", name: ["DBClusterIdentifier"], [
            .rename("EnabledCloudwatchLogsExports", "EnableCloudwatchLogsExports"),
        ]),
        "DBInstances": ResourceMapping("AWS::RDS::DBInstance", name: ["DBInstanceIdentifier"], [
            .rename("PerformanceInsightsEnabled", "EnablePerformanceInsights"),
            .rename("EnabledCloudwatchLogsExports", "EnableCloudwatchLogsExports"),
        ]),
        "services": ResourceMapping("AWS::ECS::Service", name: ["ServiceName"]),
        "clusters": ResourceMapping("AWS::ECS::Cluster", name: ["ClusterName"], [.rename("Settings", "ClusterSettings")]),
        "taskDefinition": ResourceMapping("AWS::ECS::TaskDefinition", name: ["Family"]),
        "MetricAlarms": ResourceMapping("AWS::CloudWatch::Alarm", name: ["AlarmName"]),
        "logGroups": ResourceMapping("AWS::Logs::LogGroup", name: ["LogGroupName"]),
        "ReplicationGroups": ResourceMapping("AWS::ElastiCache::ReplicationGroup", name: ["ReplicationGroupId"], [
            .enabledFlag("AutomaticFailover"), .rename("AutomaticFailover", "AutomaticFailoverEnabled"),
            .enabledFlag("MultiAZ"), .rename("MultiAZ", "MultiAZEnabled"),
            .rename("Description", "ReplicationGroupDescription"),
        ]),
        "DistributionConfig": ResourceMapping("AWS::CloudFront::Distribution", name: ["CallerReference"], [
            .unwrapQuantityItems, .renameDeep("ACMCertificateArn", "AcmCertificateArn"), .renameDeep("SSLSupportMethod", "SslSupportMethod"),
            .renameDeep("IAMCertificateId", "IamCertificateId"), .dropDisabled("Logging"),
        ]),
        "Certificate": ResourceMapping("AWS::CertificateManager::Certificate", name: ["DomainName"]),
        "trailList": ResourceMapping("AWS::CloudTrail::Trail", name: ["TrailName"], [
            .rename("LogFileValidationEnabled", "EnableLogFileValidation"), .rename("Name", "TrailName"),
        ]),
        "SecurityGroups": ResourceMapping("AWS::EC2::SecurityGroup", name: ["GroupId", "GroupName"], [
            .flattenIngress(from: "IpPermissions"), .rename("Description", "GroupDescription"),
        ]),
        // `aws ec2 describe-security-group-rules`: each ingress rule as its own resource (egress rules are left out).
        "SecurityGroupRules": ResourceMapping("AWS::EC2::SecurityGroupIngress", name: ["SecurityGroupRuleId"], [
            .rename("CidrIpv4", "CidrIp"), .lift("ReferencedGroupInfo", "GroupId", to: "SourceSecurityGroupId"),
            .rename("PrefixListId", "SourcePrefixListId"),
        ]),
        // `aws elasticache describe-cache-clusters`.
        "CacheClusters": ResourceMapping("AWS::ElastiCache::CacheCluster", name: ["CacheClusterId"]),
        "Functions": ResourceMapping("AWS::Lambda::Function", name: ["FunctionName"]),
        // `aws lambda get-function`: the function's configuration beside its code location.
        "Configuration": ResourceMapping("AWS::Lambda::Function", name: ["FunctionName"]),
        // `aws ec2 describe-instances`: the instances of every reservation.
        "Reservations": ResourceMapping("AWS::EC2::Instance", name: ["InstanceId"]),
        "Vpcs": ResourceMapping("AWS::EC2::VPC", name: ["VpcId"]),
        "Subnets": ResourceMapping("AWS::EC2::Subnet", name: ["SubnetId"]),
        "AutoScalingGroups": ResourceMapping("AWS::AutoScaling::AutoScalingGroup", name: ["AutoScalingGroupName"]),
        "Table": ResourceMapping("AWS::DynamoDB::Table", name: ["TableName"]),
        "SecretList": ResourceMapping("AWS::SecretsManager::Secret", name: ["Name"]),
        "metricFilters": ResourceMapping("AWS::Logs::MetricFilter", name: ["FilterName"]),
        "HealthChecks": ResourceMapping("AWS::Route53::HealthCheck", name: ["Id"]),
        // `aws s3api list-buckets`: each bucket, merged with its per-bucket outputs (``S3BucketOutputAdapter``).
        "Buckets": ResourceMapping("AWS::S3::Bucket", name: ["BucketName"], [.rename("Name", "BucketName")]),
        "ScalableTargets": ResourceMapping("AWS::ApplicationAutoScaling::ScalableTarget", name: ["ResourceId"]),
        "ScalingPolicies": ResourceMapping("AWS::ApplicationAutoScaling::ScalingPolicy", name: ["PolicyName"]),
        "Topics": ResourceMapping("AWS::SNS::Topic", name: ["TopicArn"]),
        "Instance": ResourceMapping("AWS::Connect::Instance", name: ["InstanceAlias", "Id"]),
        // `aws elbv2 describe-load-balancers`, `describe-target-groups`, `describe-listeners`: by ARN, which is how the
        // listeners and target groups name their load balancer.
        "LoadBalancers": ResourceMapping("AWS::ElasticLoadBalancingV2::LoadBalancer", name: ["LoadBalancerArn", "LoadBalancerName"]),
        "TargetGroups": ResourceMapping("AWS::ElasticLoadBalancingV2::TargetGroup", name: ["TargetGroupArn", "TargetGroupName"]),
        "Listeners": ResourceMapping("AWS::ElasticLoadBalancingV2::Listener", name: ["ListenerArn"]),
        // `aws iam get-account-summary`: the account's IAM counts, AccountMFAEnabled among them (no CloudFormation type has it).
        "SummaryMap": ResourceMapping("AWS::IAM::AccountSummary", name: []),
        // `aws iam get-account-password-policy`: length and character classes (no CloudFormation type has it either).
        "PasswordPolicy": ResourceMapping("AWS::IAM::AccountPasswordPolicy", name: []),
    ]

    /// `aws lambda get-function-configuration` prints the function itself, under no key.
    static let functionConfiguration = ResourceMapping("AWS::Lambda::Function", name: ["FunctionName"])

    static func isFunctionConfiguration(_ document: Node) -> Bool {
        document["FunctionName"]?.string != nil && document["FunctionArn"]?.string != nil
    }

    public static func recognizes(_ document: Node) -> Bool {
        guard let entries = document.entries else { return false }
        return isFunctionConfiguration(document) || entries.contains { mappings[$0.key.string ?? ""] != nil }
    }

    public static func resources(in document: Node, source: InputSource = InputSource()) throws(DocumentError) -> [Resource] {
        if isFunctionConfiguration(document) {
            return [functionConfiguration.resource(from: document, fallbackId: "function", location: document.location)]
        }
        var result: [Resource] = []
        for entry in document.entries ?? [] {
            guard let key = entry.key.string, let mapping = mappings[key] else { continue }
            // Lists of objects (`describe-*`), or one object (`get-distribution-config`, `describe-certificate`); a
            // reservation holds its instances.
            var objects = entry.value.items ?? (entry.value.entries != nil ? [entry.value] : [])
            if key == "Reservations" { objects = objects.flatMap { $0["Instances"]?.items ?? [] } }
            for (index, object) in objects.enumerated() where object.entries != nil {
                if key == "SecurityGroupRules", case .scalar(.bool(true))? = object["IsEgress"]?.content { continue }
                var resource = mapping.resource(from: object, fallbackId: "\(key)[\(index)]", location: object.location)
                resource.isPart = key == "Buckets"
                result.append(resource)
            }
        }
        return result
    }
}
