/// Generates CloudFormation templates shaped like the AICC stack, scaled to any number of resources:
/// services with their scaling targets, policies and alarms, log groups, databases, security groups.
enum SyntheticWorkload {
    static func template(resources: Int) -> String {
        var out = "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Retention: {Type: Number, Default: 30}\nResources:\n"
        out += "  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties: {IsMultiRegionTrail: true, EnableLogFileValidation: true, IsLogging: true}\n"
        out += "  Topic:\n    Type: AWS::SNS::Topic\n"
        var count = 2
        var unit = 0
        while count < resources {
            let u = unit
            let blocks = [
                """
                  Service\(u):
                    Type: AWS::ECS::Service
                    Properties:
                      ServiceName: svc-\(u)
                      DesiredCount: 2
                      DeploymentConfiguration:
                        DeploymentCircuitBreaker: {Enable: true, Rollback: \(u % 7 != 0)}
                """,
                """
                  Target\(u):
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    Properties:
                      ServiceNamespace: ecs
                      ScalableDimension: ecs:service:DesiredCount
                      ResourceId: !Sub service/cluster/${Service\(u).Name}
                      MinCapacity: \(u % 5 == 0 ? 1 : 2)
                      MaxCapacity: 10
                """,
                """
                  Policy\(u):
                    Type: AWS::ApplicationAutoScaling::ScalingPolicy
                    Properties:
                      PolicyType: TargetTrackingScaling
                      ScalingTargetId: !Ref Target\(u)
                      TargetTrackingScalingPolicyConfiguration:
                        PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}
                        TargetValue: 70
                        ScaleOutCooldown: 300
                        ScaleInCooldown: 600
                """,
                """
                  CpuAlarm\(u):
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      MetricName: CPUUtilization
                      Namespace: AWS/ECS
                      Dimensions: [{Name: ServiceName, Value: !GetAtt Service\(u).Name}]
                      Threshold: \(u % 3 == 0 ? 95 : 90)
                      Period: 60
                      EvaluationPeriods: 10
                      AlarmActions: [!Ref Topic]
                """,
                """
                  Logs\(u):
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: /ecs/svc-\(u)
                      RetentionInDays: !Ref Retention
                """,
                """
                  Sg\(u):
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: svc \(u)
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: \(u % 11 == 0 ? 22 : 8080), ToPort: \(u % 11 == 0 ? 22 : 8080), CidrIp: \(u % 11 == 0 ? "0.0.0.0/0" : "10.0.0.0/16")}
                """,
                """
                  Db\(u):
                    Type: AWS::RDS::DBCluster
                    Properties:
                      Engine: aurora-mysql
                      BackupRetentionPeriod: \(u % 4 == 0 ? 1 : 7)
                      PreferredBackupWindow: "18:00-19:00"
                      StorageEncrypted: true
                      DeletionProtection: true
                """,
                """
                  Cluster\(u):
                    Type: AWS::ECS::Cluster
                    Properties:
                      ClusterSettings: [{Name: containerInsights, Value: enabled}]
                """,
                """
                  MemAlarm\(u):
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      MetricName: MemoryUtilization
                      Dimensions: [{Name: ServiceName, Value: !GetAtt Service\(u).Name}]
                      Threshold: 80
                      Period: 60
                      EvaluationPeriods: 5
                      AlarmActions: [!Ref Topic]
                """,
                """
                  Bucket\(u):
                    Type: AWS::S3::Bucket
                """,
            ]
            for block in blocks where count < resources {
                out += block + "\n"
                count += 1
            }
            unit += 1
        }
        return out
    }
}
