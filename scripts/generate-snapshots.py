#!/usr/bin/env python3
"""Writes the sample AICC system as AWS CLI output, a Terraform plan and AWS Config items, for
examples/aicc/snapshots and examples/aicc-not-ready/snapshots (the same defects as the not-ready template).
A development tool: opsready never runs Python."""
import json, os, sys

def system(ready):
    return dict(
        db=dict(id="aicc-prod-db", retention=7 if ready else 1, window="18:00-19:00" if ready else "03:00-04:00",
                encrypted=True, deletion=ready),
        cluster="aicc-prod-cluster",
        service=dict(name="aicc-prod-service", rollback=ready),
        target=dict(min=2 if ready else 1, max=10 if ready else 4),
        alarms=[dict(name="aicc-app-cpu-critical", ns="AWS/ECS", metric="CPUUtilization", threshold=90, period=60, periods=10, actions=True, dim="service"),
                dict(name="aicc-app-memory", ns="AWS/ECS", metric="MemoryUtilization", threshold=80, period=60, periods=5, actions=ready, dim="service"),
                dict(name="aicc-app-down", ns="ECS/ContainerInsights", metric="RunningTaskCount", threshold=1, period=60, periods=1, actions=True, dim="service"),
                dict(name="aicc-db-cpu", ns="AWS/RDS", metric="CPUUtilization", threshold=90, period=60, periods=10, actions=True, dim="db")],
        logs=[("/ecs/aicc-prod", 30), ("/ecs/aicc-ai", 30 if ready else None), ("/aws/connect/aicc", 90)],
        sgs=[("sg-0a1b2c3d4e5f60001", "aicc-alb", [(443, "0.0.0.0/0", None), (443, None, "::/0")] + ([] if ready else [(22, "0.0.0.0/0", None)])),
             ("sg-0a1b2c3d4e5f60002", "aicc-app", [(8080, None, None)]),
             ("sg-0a1b2c3d4e5f60003", "aicc-db", [(3306, None, None)])],
        trail=dict(name="aicc-audit", validation=ready),
    )

ARN = "arn:aws:sns:ap-northeast-2:123456789012:aicc-prod-alerts"
RUNBOOK = "See the runbook: docs/playbooks/incident-triage.md"
TRAIL_LOGS = "arn:aws:logs:ap-northeast-2:123456789012:log-group:CloudTrail/aicc-audit:*"
KMS = "arn:aws:kms:ap-northeast-2:123456789012:key/11111111-2222-3333-4444-555555555555"

def dims(s, a):
    if a["dim"] == "db":
        return [{"Name": "DBClusterIdentifier", "Value": s["db"]["id"]}]
    return [{"Name": "ClusterName", "Value": s["cluster"]}, {"Name": "ServiceName", "Value": s["service"]["name"]}]

def aws_cli(s):
    d = s["db"]
    files = {
        "rds-describe-db-clusters.json": {"DBClusters": [{"DBClusterIdentifier": d["id"], "Engine": "aurora-mysql", "Status": "available",
            "BackupRetentionPeriod": d["retention"], "PreferredBackupWindow": d["window"], "StorageEncrypted": d["encrypted"],
            "DeletionProtection": d["deletion"], "MultiAZ": True, "EnabledCloudwatchLogsExports": ["error", "slowquery"]}]},
        "ecs-describe-clusters.json": {"clusters": [{"clusterName": s["cluster"], "status": "ACTIVE",
            "settings": [{"name": "containerInsights", "value": "enabled"}]}], "failures": []},
        "ecs-describe-services.json": {"services": [{"serviceName": s["service"]["name"], "clusterArn": "arn:aws:ecs:ap-northeast-2:123456789012:cluster/" + s["cluster"],
            "status": "ACTIVE", "desiredCount": 2, "launchType": "FARGATE",
            "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": True, "rollback": s["service"]["rollback"]},
                                        "maximumPercent": 200, "minimumHealthyPercent": 100}}], "failures": []},
        "application-autoscaling-describe-scalable-targets.json": {"ScalableTargets": [{"ServiceNamespace": "ecs",
            "ResourceId": "service/%s/%s" % (s["cluster"], s["service"]["name"]), "ScalableDimension": "ecs:service:DesiredCount",
            "MinCapacity": s["target"]["min"], "MaxCapacity": s["target"]["max"]}]},
        "application-autoscaling-describe-scaling-policies.json": {"ScalingPolicies": [
            {"PolicyName": name, "ServiceNamespace": "ecs", "ResourceId": "service/%s/%s" % (s["cluster"], s["service"]["name"]),
             "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
             "TargetTrackingScalingPolicyConfiguration": {"TargetValue": value, "PredefinedMetricSpecification": {"PredefinedMetricType": metric},
                                                          "ScaleOutCooldown": 300, "ScaleInCooldown": 600}}
            for name, value, metric in [("aicc-app-cpu70", 70.0, "ECSServiceAverageCPUUtilization"), ("aicc-app-mem80", 80.0, "ECSServiceAverageMemoryUtilization")]]},
        "cloudwatch-describe-alarms.json": {"MetricAlarms": [{"AlarmName": a["name"], "AlarmDescription": RUNBOOK, "Namespace": a["ns"], "MetricName": a["metric"],
            "Dimensions": dims(s, a), "Statistic": "Average", "Period": a["period"], "EvaluationPeriods": a["periods"], "Threshold": float(a["threshold"]),
            "ComparisonOperator": "GreaterThanThreshold", "ActionsEnabled": True, "AlarmActions": [ARN] if a["actions"] else [],
            "OKActions": [ARN] if a["actions"] else [], "StateValue": "OK"} for a in s["alarms"]], "CompositeAlarms": []},
        "rds-describe-db-instances.json": {"DBInstances": [{"DBInstanceIdentifier": "%s-%d" % (d["id"], n), "DBClusterIdentifier": d["id"],
            "DBInstanceClass": "db.r6g.xlarge", "Engine": "aurora-mysql", "PerformanceInsightsEnabled": True, "MonitoringInterval": 60,
            "PubliclyAccessible": False} for n in (1, 2)]},
        "logs-describe-log-groups.json": {"logGroups": [dict({"logGroupName": n, "storedBytes": 0}, **({"retentionInDays": r} if r else {})) for n, r in s["logs"]]},
        "ec2-describe-security-groups.json": {"SecurityGroups": [{"GroupId": gid, "GroupName": name, "Description": name, "VpcId": "vpc-0a1b2c3d4e5f60000",
            "IpPermissions": [dict({"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                                    "IpRanges": [{"CidrIp": v4}] if v4 else [], "Ipv6Ranges": [{"CidrIpv6": v6}] if v6 else []},
                                   **({} if v4 or v6 else {"UserIdGroupPairs": [{"GroupId": "sg-0a1b2c3d4e5f60001"}]})) for port, v4, v6 in rules]}
            for gid, name, rules in s["sgs"]]},
        "cloudtrail-describe-trails.json": {"trailList": [{"Name": s["trail"]["name"], "S3BucketName": "aicc-audit-logs", "IncludeGlobalServiceEvents": True,
            "IsMultiRegionTrail": True, "HomeRegion": "ap-northeast-2", "LogFileValidationEnabled": s["trail"]["validation"],
            "CloudWatchLogsLogGroupArn": TRAIL_LOGS, "KmsKeyId": KMS}]},
    }
    return files

def terraform(s):
    d = s["db"]
    res = []
    def r(addr, typ, values):
        res.append({"address": addr, "mode": "managed", "type": typ, "name": addr.split(".")[1], "provider_name": "registry.terraform.io/hashicorp/aws", "values": values})
    r("aws_rds_cluster.aicc", "aws_rds_cluster", {"cluster_identifier": d["id"], "engine": "aurora-mysql", "backup_retention_period": d["retention"],
      "preferred_backup_window": d["window"], "storage_encrypted": d["encrypted"], "deletion_protection": d["deletion"],
      "enabled_cloudwatch_logs_exports": ["error", "slowquery"]})
    r("aws_ecs_cluster.aicc", "aws_ecs_cluster", {"name": s["cluster"], "setting": [{"name": "containerInsights", "value": "enabled"}]})
    r("aws_ecs_service.app", "aws_ecs_service", {"name": s["service"]["name"], "cluster": s["cluster"], "desired_count": 2, "launch_type": "FARGATE",
      "deployment_circuit_breaker": [{"enable": True, "rollback": s["service"]["rollback"]}]})
    r("aws_appautoscaling_target.app", "aws_appautoscaling_target", {"service_namespace": "ecs", "scalable_dimension": "ecs:service:DesiredCount",
      "resource_id": "service/%s/%s" % (s["cluster"], s["service"]["name"]), "min_capacity": s["target"]["min"], "max_capacity": s["target"]["max"]})
    for name, value, metric in [("cpu", 70, "ECSServiceAverageCPUUtilization"), ("memory", 80, "ECSServiceAverageMemoryUtilization")]:
        r("aws_appautoscaling_policy." + name, "aws_appautoscaling_policy", {"name": "aicc-app-" + name, "policy_type": "TargetTrackingScaling",
          "service_namespace": "ecs", "resource_id": "service/%s/%s" % (s["cluster"], s["service"]["name"]),
          "target_tracking_scaling_policy_configuration": [{"target_value": value, "scale_in_cooldown": 600, "scale_out_cooldown": 300,
              "predefined_metric_specification": [{"predefined_metric_type": metric}]}]})
    for a in s["alarms"]:
        r("aws_cloudwatch_metric_alarm." + a["name"].replace("-", "_"), "aws_cloudwatch_metric_alarm", {"alarm_name": a["name"], "alarm_description": RUNBOOK,
          "namespace": a["ns"], "metric_name": a["metric"], "dimensions": {x["Name"]: x["Value"] for x in dims(s, a)}, "statistic": "Average",
          "period": a["period"], "evaluation_periods": a["periods"], "threshold": a["threshold"], "comparison_operator": "GreaterThanThreshold",
          "actions_enabled": True, "alarm_actions": [ARN] if a["actions"] else [], "ok_actions": [ARN] if a["actions"] else []})
    for n in (1, 2):
        r("aws_rds_cluster_instance.db%d" % n, "aws_rds_cluster_instance", {"identifier": "%s-%d" % (d["id"], n), "cluster_identifier": d["id"],
          "instance_class": "db.r6g.xlarge", "engine": "aurora-mysql", "performance_insights_enabled": True, "monitoring_interval": 60,
          "publicly_accessible": False})
    for i, (n, ret) in enumerate(s["logs"]):
        r("aws_cloudwatch_log_group.log%d" % i, "aws_cloudwatch_log_group", dict({"name": n}, **({"retention_in_days": ret} if ret else {"retention_in_days": 0})))
    for gid, name, rules in s["sgs"]:
        r("aws_security_group." + name.replace("-", "_"), "aws_security_group", {"name": name, "description": name, "vpc_id": "vpc-0a1b2c3d4e5f60000",
          "ingress": [{"from_port": port, "to_port": port, "protocol": "tcp", "cidr_blocks": [v4] if v4 else [], "ipv6_cidr_blocks": [v6] if v6 else [],
                       "security_groups": [] if v4 or v6 else ["sg-0a1b2c3d4e5f60001"]} for port, v4, v6 in rules]})
    r("aws_cloudtrail.audit", "aws_cloudtrail", {"name": s["trail"]["name"], "s3_bucket_name": "aicc-audit-logs", "is_multi_region_trail": True,
      "enable_log_file_validation": s["trail"]["validation"], "enable_logging": True,
      "cloud_watch_logs_group_arn": TRAIL_LOGS, "kms_key_id": KMS})
    return {"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {"root_module": {"resources": res}}}

def aws_config(s):
    d = s["db"]
    items = []
    def item(typ, rid, name, conf):
        items.append({"resourceType": typ, "resourceId": rid, "resourceName": name, "awsRegion": "ap-northeast-2",
                      "configurationItemStatus": "OK", "configuration": conf})
    item("AWS::RDS::DBCluster", "cluster-ABC123", d["id"], {"dBClusterIdentifier": d["id"], "engine": "aurora-mysql", "backupRetentionPeriod": d["retention"],
         "preferredBackupWindow": d["window"], "storageEncrypted": d["encrypted"], "deletionProtection": d["deletion"], "multiAZ": True,
         "enabledCloudwatchLogsExports": ["error", "slowquery"]})
    for n in (1, 2):
        item("AWS::RDS::DBInstance", "db-%d" % n, "%s-%d" % (d["id"], n), {"dBInstanceIdentifier": "%s-%d" % (d["id"], n), "dBClusterIdentifier": d["id"],
             "performanceInsightsEnabled": True, "monitoringInterval": 60, "publiclyAccessible": False})
    item("AWS::ECS::Cluster", s["cluster"], s["cluster"], {"ClusterName": s["cluster"], "ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]})
    item("AWS::ECS::Service", s["service"]["name"], s["service"]["name"], {"ServiceName": s["service"]["name"], "Cluster": s["cluster"], "DesiredCount": 2,
         "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": s["service"]["rollback"]}}})
    item("AWS::ApplicationAutoScaling::ScalableTarget", "ecs-target", "service/%s/%s" % (s["cluster"], s["service"]["name"]),
         {"ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount", "ResourceId": "service/%s/%s" % (s["cluster"], s["service"]["name"]),
          "MinCapacity": s["target"]["min"], "MaxCapacity": s["target"]["max"]})
    for name, value, metric in [("aicc-app-cpu70", 70, "ECSServiceAverageCPUUtilization"), ("aicc-app-mem80", 80, "ECSServiceAverageMemoryUtilization")]:
        item("AWS::ApplicationAutoScaling::ScalingPolicy", name, name, {"PolicyName": name, "PolicyType": "TargetTrackingScaling",
             "ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount", "ResourceId": "service/%s/%s" % (s["cluster"], s["service"]["name"]),
             "TargetTrackingScalingPolicyConfiguration": {"TargetValue": value, "ScaleOutCooldown": 300, "ScaleInCooldown": 600,
                                                          "PredefinedMetricSpecification": {"PredefinedMetricType": metric}}})
    for a in s["alarms"]:
        item("AWS::CloudWatch::Alarm", a["name"], a["name"], {"alarmName": a["name"], "alarmDescription": RUNBOOK, "namespace": a["ns"],
             "metricName": a["metric"], "dimensions": [{"name": x["Name"], "value": x["Value"]} for x in dims(s, a)], "period": a["period"],
             "evaluationPeriods": a["periods"], "threshold": a["threshold"], "actionsEnabled": True,
             "alarmActions": [ARN] if a["actions"] else [], "okActions": [ARN] if a["actions"] else []})
    for n, ret in s["logs"]:
        item("AWS::Logs::LogGroup", n, n, dict({"logGroupName": n}, **({"retentionInDays": ret} if ret else {})))
    for gid, name, rules in s["sgs"]:
        item("AWS::EC2::SecurityGroup", gid, name, {"groupId": gid, "groupName": name, "description": name,
             "ipPermissions": [dict({"ipProtocol": "tcp", "fromPort": port, "toPort": port,
                                     "ipv4Ranges": [{"cidrIp": v4}] if v4 else [], "ipv6Ranges": [{"cidrIpv6": v6}] if v6 else []},
                                    **({} if v4 or v6 else {"userIdGroupPairs": [{"groupId": "sg-0a1b2c3d4e5f60001"}]})) for port, v4, v6 in rules]})
    item("AWS::CloudTrail::Trail", s["trail"]["name"], s["trail"]["name"], {"name": s["trail"]["name"], "isMultiRegionTrail": True,
         "logFileValidationEnabled": s["trail"]["validation"], "s3BucketName": "aicc-audit-logs",
         "cloudWatchLogsLogGroupArn": TRAIL_LOGS, "kmsKeyId": KMS})
    return {"fileVersion": "1.0", "configSnapshotId": "00000000-0000-0000-0000-000000000000", "configurationItems": items}

def main(root):
    for ready, example in [(True, "aicc"), (False, "aicc-not-ready")]:
        s = system(ready)
        base = os.path.join(root, "examples", example, "snapshots")
        for name, content in aws_cli(s).items():
            write(os.path.join(base, "aws-cli", name), content)
        write(os.path.join(base, "terraform", "plan.json"), terraform(s))
        write(os.path.join(base, "aws-config", "snapshot.json"), aws_config(s))

def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(content, f, indent=2, ensure_ascii=False)
        f.write("\n")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
