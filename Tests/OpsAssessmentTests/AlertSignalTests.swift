import OpsTestSupport
import XCTest
@testable import OpsAssessment
import OpsDocument

/// What alerts are read as, on rule files written here in the shapes of public ones: awesome-prometheus-alerts
/// (`groups[].rules[]` with `alert`, `expr`, `for`, `labels.severity`, `annotations.summary`), kube-prometheus and
/// node-mixin (`PrometheusRule` manifests), and CloudFormation alarms as AWS's documentation writes them.
final class AlertSignalTests: XCTestCase {
    /// Each alert with the signal a reader would give it; `other` where it covers none of the signals.
    static let labelled: [(name: String, expr: String, signal: String)] = [
        // Positives.
        ("HostOutOfMemory", "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < .10", "memory"),
        ("HostMemoryHigh", "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100 > 90", "memory"),
        ("HostHighCpuLoad", "1 - (avg without (cpu) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))) > .80", "cpu"),
        ("NodeCPUHighUsage", "sum without(mode) (avg without (cpu) (rate(node_cpu_seconds_total{job=\"node-exporter\", mode!=\"idle\"}[2m]))) * 100 > 90", "cpu"),
        ("HostOutOfDiskSpace", "(node_filesystem_avail_bytes{fstype!~\"^(fuse.*|tmpfs|cifs|nfs)\"} / node_filesystem_size_bytes < .10 and on (instance, device, mountpoint) node_filesystem_readonly == 0)", "disk"),
        ("HostDiskMayFillIn24Hours", "predict_linear(node_filesystem_avail_bytes{fstype!~\"^(fuse.*|tmpfs|cifs|nfs)\"}[3h], 86400) <= 0 and node_filesystem_avail_bytes > 0", "disk"),
        ("HostOutOfInodes", "(node_filesystem_files_free / node_filesystem_files < 0.1 and ON (instance, device, mountpoint) node_filesystem_readonly == 0)", "disk"),
        ("KubernetesVolumeOutOfDiskSpace", "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes * 100 < 10", "disk"),
        ("ContainerHighCpuUtilization", "(sum(rate(container_cpu_usage_seconds_total{container!=\"\"}[5m])) by (pod, container) / sum(container_spec_cpu_quota{container!=\"\"}/container_spec_cpu_period{container!=\"\"}) by (pod, container) * 100) > 80", "cpu"),
        ("ContainerHighMemoryUsage", "(sum(container_memory_working_set_bytes{name!=\"\"}) BY (instance, name) / sum(container_spec_memory_limit_bytes > 0) BY (instance, name) * 100) > 80", "memory"),
        ("BlackboxProbeFailed", "probe_success == 0", "service_down"),
        ("PrometheusTargetMissing", "up == 0", "service_down"),
        ("PrometheusAllTargetsMissing", "sum by (job) (up) == 0", "service_down"),
        ("PrometheusJobMissing", "absent(up{job=\"prometheus\"})", "service_down"),
        ("KubeletDown", "absent(up{job=\"kubelet\", metrics_path=\"/metrics\"} == 1)", "service_down"),
        ("MysqlDown", "mysql_up == 0", "service_down"),
        ("PostgresqlDown", "pg_up == 0", "service_down"),
        ("RedisDown", "redis_up == 0", "service_down"),
        ("BlackboxSlowProbe", "avg_over_time(probe_duration_seconds[1m]) > 1", "response_time"),
        ("BlackboxProbeSlowHttp", "avg_over_time(probe_http_duration_seconds[1m]) > 1", "response_time"),
        ("NginxLatencyHigh", "histogram_quantile(0.99, sum(rate(nginx_http_request_duration_seconds_bucket[2m])) by (host, node, le)) > 3", "response_time"),
        ("EtcdHttpRequestsSlow", "histogram_quantile(0.99, rate(etcd_http_successful_duration_seconds_bucket[1m])) > 0.15", "response_time"),
        ("NginxHighHttp5xxErrorRate", "sum(rate(nginx_http_requests_total{status=~\"^5..\"}[1m])) / sum(rate(nginx_http_requests_total[1m])) * 100 > 5", "error_rate"),
        ("TraefikServiceHighHttp5xxErrorRateService", "sum(rate(traefik_service_requests_total{code=~\"5.*\"}[3m])) by (service) / sum(rate(traefik_service_requests_total[3m])) by (service) * 100 > 5", "error_rate"),
        ("KubernetesApiServerErrors", "sum(rate(apiserver_request_total{job=\"apiserver\",code=~\"^(?:5..)$\"}[1m])) by (instance, job) / sum(rate(apiserver_request_total{job=\"apiserver\"}[1m])) by (instance,job) * 100 > 3", "error_rate"),
        ("IstioHigh5xxErrorRate", "sum(rate(istio_requests_total{reporter=\"destination\", response_code=~\"5.*\"}[5m])) / sum(rate(istio_requests_total{reporter=\"destination\"}[5m])) * 100 > 5", "error_rate"),
        ("BlackboxSslCertificateWillExpireSoon", "3 <= round((last_over_time(probe_ssl_earliest_cert_expiry[10m]) - time()) / 86400, 0.1) < 20", "certificate_expiry"),
        ("SslCertificateExpiry", "probe_ssl_earliest_cert_expiry - time() < 86400 * 30", "certificate_expiry"),
        ("KubeClientCertificateExpiration", "apiserver_client_certificate_expiration_seconds_count{job=\"apiserver\"} > 0 and on (job) histogram_quantile(0.01, sum by (job, le) (rate(apiserver_client_certificate_expiration_seconds_bucket{job=\"apiserver\"}[5m]))) < 604800", "certificate_expiry"),
        ("RedisOutOfConfiguredMaxmemory", "redis_memory_used_bytes / redis_memory_max_bytes * 100 > 90 and on(instance) redis_memory_max_bytes > 0", "memory"),
        ("VeleroBackupFailures", "increase(velero_backup_failure_total[1h]) > 0", "backup_failure"),
        ("JvmMemoryFillingUp", "(sum by (instance)(jvm_memory_used_bytes{area=\"heap\"}) / sum by (instance)(jvm_memory_max_bytes{area=\"heap\"})) * 100 > 80", "memory"),
        ("ElasticsearchDiskOutOfSpace", "elasticsearch_filesystem_data_available_bytes / elasticsearch_filesystem_data_size_bytes * 100 < 10", "disk"),
        ("WindowsServerCpuUsage", "100 - (avg by (instance) (rate(windows_cpu_time_total{mode=\"idle\"}[2m])) * 100) > 80", "cpu"),
        ("HaproxyHighHttp5xxErrorRateBackend", "((sum by (proxy) (rate(haproxy_server_http_responses_total{code=\"5xx\"}[1m])) / sum by (proxy) (rate(haproxy_server_http_responses_total[1m]))) * 100) > 5", "error_rate"),
        ("ApacheDown", "apache_up == 0", "service_down"),
        ("HostSwapIsFillingUp", "((1 - (node_memory_SwapFree_bytes / node_memory_SwapTotal_bytes)) * 100 > 80)", "memory"),
        // Negatives: they watch something else, or the good direction.
        ("ContainerLowCpuUtilization", "(sum(rate(container_cpu_usage_seconds_total{container!=\"\"}[5m])) by (pod, container) / sum(container_spec_cpu_quota{container!=\"\"}/container_spec_cpu_period{container!=\"\"}) by (pod, container) * 100) < 20", "other"),
        ("HostCpuIsUnderutilized", "(min by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[1h]))) > 0.8", "other"),
        ("HostMemoryIsUnderutilized", "(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 < 20", "other"),
        ("ContainerLowMemoryUsage", "(sum(container_memory_working_set_bytes{name!=\"\"}) BY (instance, name) / sum(container_spec_memory_limit_bytes > 0) BY (instance, name) * 100) < 20", "other"),
        ("MimirIngesterReachingSeriesLimit", "(cortex_ingester_memory_series / ignoring(limit) cortex_ingester_instance_limits{limit=\"max_series\"}) > 0.8", "other"),
        ("HostUnusualDiskIo", "rate(node_disk_io_time_seconds_total[5m]) > 0.8", "other"),
        ("HostRaidDiskFailure", "node_md_disks{state=\"failed\"} > 0", "other"),
        ("HostRaidArrayGotInactive", "node_md_state{state=\"inactive\"} > 0", "other"),
        ("PostgresqlSslCompressionActive", "sum(pg_stat_ssl_compression) > 0", "other"),
        ("HostClockNotSynchronising", "min_over_time(node_timex_sync_status[1m]) == 0 and node_timex_maxerror_seconds >= 16", "other"),
        ("HostEdacCorrectableErrorsDetected", "increase(node_edac_correctable_errors_total[1m]) > 0", "other"),
        ("PrometheusTsdbCompactionsFailed", "increase(prometheus_tsdb_compactions_failed_total[1m]) > 0", "other"),
        ("HostNetworkReceiveErrors", "rate(node_network_receive_errs_total[2m]) / rate(node_network_receive_packets_total[2m]) > 0.01", "other"),
        ("HostClientErrors", "sum(rate(http_requests_total{status=~\"4..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05", "other"),
        ("PrometheusConfigurationReloadFailure", "prometheus_config_last_reload_successful != 1", "other"),
        ("TargetUp", "up == 1", "other"),
        ("KubernetesPodCrashLooping", "increase(kube_pod_container_status_restarts_total[1m]) > 3", "other"),
        ("DiskHalfEmpty", "node_filesystem_avail_bytes / node_filesystem_size_bytes > 0.5", "other"),
        ("CertificateFarFromExpiry", "probe_ssl_earliest_cert_expiry - time() > 86400 * 90", "other"),
    ]

    func facts(_ yaml: String, file: String = "rules.yml") throws -> [String: Node] {
        let directory = try ScratchDirectory("signals")
        defer { directory.remove() }
        let path = try directory.write(yaml, to: file)
        let snapshot = try InputLoader().load(paths: [path]).snapshot
        var result: [String: Node] = [:]
        for fact in snapshot.resources(ofType: AlertFacts.type) { result[fact.properties?["Name"]?.string ?? ""] = fact.properties }
        return result
    }

    /// Recall on the alerts that cover a signal ≥ 95 %, and a wrong signal on ≤ 5 % of those that cover none.
    func testSignalsOfRealShapedRules() throws {
        var yaml = "groups:\n  - name: labelled\n    rules:\n"
        for rule in Self.labelled {
            yaml += "      - alert: \(rule.name)\n        expr: '\(rule.expr.replacingOccurrences(of: "'", with: "''"))'\n        for: 2m\n        labels:\n          severity: warning\n"
        }
        let found = try facts(yaml)
        let positives = Self.labelled.filter { $0.signal != "other" }, negatives = Self.labelled.filter { $0.signal == "other" }
        let missed = positives.filter { found[$0.name]?["Signal"]?.string != $0.signal }
        let wrong = negatives.filter { found[$0.name]?["Signal"]?.string != "other" }
        XCTAssertLessThanOrEqual(Double(missed.count), 0.05 * Double(positives.count), "missed: \(missed.map { "\($0.name) → \(found[$0.name]?["Signal"]?.string ?? "?") (\(found[$0.name]?["Reason"]?.string ?? ""))" })")
        XCTAssertLessThanOrEqual(Double(wrong.count), 0.05 * Double(negatives.count), "wrong: \(wrong.map { "\($0.name) → \(found[$0.name]?["Signal"]?.string ?? "?")" })")
        // The ones the adversarial pass named, one by one.
        XCTAssertEqual(found["BlackboxProbeFailed"]?["Signal"]?.string, "service_down")
        XCTAssertEqual(found["HostCpuIsUnderutilized"]?["Quantity"]?.string, "cpu", "it measures CPU…")
        XCTAssertEqual(found["HostCpuIsUnderutilized"]?["Direction"]?.string, "low", "…and fires when it is low")
        XCTAssertEqual(found["HostOutOfDiskSpace"]?["Threshold"]?.scalar, .double(90), "avail / size < 0.10 is disk use above 90 %")
        XCTAssertEqual(found["HostHighCpuLoad"]?["Threshold"]?.scalar, .double(80), "1 - idle > .80 is CPU above 80 %")
        XCTAssertEqual(found["EtcdHttpRequestsSlow"]?["Threshold"]?.scalar, .double(0.15), "a p99 latency of 150 ms")
        XCTAssertEqual(found["SslCertificateExpiry"]?["Threshold"]?.scalar, .double(30), "days left")
    }

    /// node-mixin's way: alerts on recorded series, read through the recording rules of the same files.
    func testAlertsOnRecordedSeriesAreReadThroughTheirRecordingRules() throws {
        let found = try facts("""
            groups:
              - name: node-exporter.rules
                rules:
                  - record: instance:node_cpu_utilisation:rate5m
                    expr: 1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", mode=~"idle|iowait|steal"}[5m])))
                  - record: instance:node_memory_utilisation:ratio
                    expr: 1 - (node_memory_MemAvailable_bytes{job="node-exporter"} / node_memory_MemTotal_bytes{job="node-exporter"})
              - name: node-exporter
                rules:
                  - alert: NodeCPUUtilisationHigh
                    expr: instance:node_cpu_utilisation:rate5m > 0.9
                    for: 15m
                  - alert: NodeMemoryUtilisationHigh
                    expr: instance:node_memory_utilisation:ratio * 100 > 90
                    for: 15m
                  - alert: NodeMemoryUtilisationLow
                    expr: instance:node_memory_utilisation:ratio < 0.1
                    for: 1h
            """)
        XCTAssertEqual(found["NodeCPUUtilisationHigh"]?["Signal"]?.string, "cpu")
        XCTAssertEqual(found["NodeCPUUtilisationHigh"]?["Threshold"]?.scalar, .double(90))
        XCTAssertEqual(found["NodeMemoryUtilisationHigh"]?["Signal"]?.string, "memory")
        XCTAssertEqual(found["NodeMemoryUtilisationHigh"]?["Threshold"]?.scalar, .double(90))
        XCTAssertEqual(found["NodeMemoryUtilisationLow"]?["Signal"]?.string, "other", "memory below 10 % is no memory trouble")
    }

    /// A kube-prometheus `PrometheusRule`: per-job alerts are scoped to their job, which becomes a component.
    func testPrometheusJobsAreComponents() throws {
        let found = try facts("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: api-rules, namespace: aicc}
            spec:
              groups:
                - name: api
                  rules:
                    - alert: ApiDown
                      expr: up{job="api"} == 0
                      for: 1m
                      labels: {severity: critical}
                    - alert: BotErrorsAggregated
                      expr: sum(rate(http_requests_total{status=~"5.."}[3m])) / sum(rate(http_requests_total[3m])) > 0.05
                      for: 3m
                      labels: {severity: critical}
                    - alert: AnyTargetDown
                      expr: up == 0
                      for: 1m
                      labels: {severity: critical}
                    - alert: BotLatency
                      expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="bot"}[5m]))) > 3
                      for: 5m
                      labels: {severity: warning}
            """, file: "rules.yaml")
        XCTAssertEqual(found["ApiDown"]?["Targets"]?.items?.compactMap(\.string), ["api"])
        XCTAssertEqual(found["AnyTargetDown"]?["Targets"]?.items?.compactMap(\.string).sorted(), ["api", "bot"], "up == 0 keeps the job label: every job")
        XCTAssertEqual(found["BotErrorsAggregated"]?["Targets"]?.items?.compactMap(\.string), [], "summed over every job, it is on none of them")
    }

    /// CloudWatch: a count alarm is a count whatever its threshold; metric math makes it a rate.
    func testCloudWatchCountsAndRates() throws {
        let found = try facts("""
            Resources:
              Alb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Type: application}
              ErrorCount:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmName: errors-count
                  Namespace: AWS/ApplicationELB
                  MetricName: HTTPCode_Target_5XX_Count
                  Dimensions: [{Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}]
                  Statistic: Sum
                  Period: 60
                  EvaluationPeriods: 3
                  Threshold: 1000000
                  ComparisonOperator: GreaterThanThreshold
              ErrorRate:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmName: errors-rate
                  Metrics:
                    - {Id: e1, Expression: (m1 / m2) * 100, Label: 5xx percent, ReturnData: true}
                    - Id: m1
                      MetricStat:
                        Metric: {Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Dimensions: [{Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}]}
                        Period: 60
                        Stat: Sum
                      ReturnData: false
                    - Id: m2
                      MetricStat:
                        Metric: {Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}]}
                        Period: 60
                        Stat: Sum
                      ReturnData: false
                  EvaluationPeriods: 3
                  Threshold: 5
                  ComparisonOperator: GreaterThanThreshold
              LatencyBand:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmName: latency-band
                  Metrics:
                    - {Id: ad1, Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', ReturnData: true}
                    - Id: m1
                      MetricStat:
                        Metric: {Namespace: AWS/ApplicationELB, MetricName: TargetResponseTime, Dimensions: [{Name: LoadBalancer, Value: !GetAtt Alb.LoadBalancerFullName}]}
                        Period: 60
                        Stat: Average
                      ReturnData: true
                  ThresholdMetricId: ad1
                  EvaluationPeriods: 3
                  ComparisonOperator: GreaterThanUpperThreshold
            """, file: "template.yaml")
        XCTAssertEqual(found["errors-count"]?["Signal"]?.string, "error_count", "a million errors is a count, not a rate under 5 %")
        XCTAssertEqual(found["errors-rate"]?["Signal"]?.string, "error_rate")
        XCTAssertEqual(found["errors-rate"]?["Threshold"]?.scalar, .double(5))
        XCTAssertEqual(found["errors-rate"]?["Duration"]?.scalar, .int(180))
        XCTAssertEqual(found["errors-rate"]?["Targets"]?.items?.compactMap(\.string), ["Alb"])
        XCTAssertEqual(found["latency-band"]?["Quantity"]?.string, "response_time")
        XCTAssertNil(found["latency-band"]?["Threshold"], "an anomaly band has no threshold to hold to the seeds' 5 s")
    }

    /// An expression that is not PromQL stops the load at its line; `--lenient` lists it as unreadable instead.
    func testUnparsableExpressions() throws {
        let directory = try ScratchDirectory("unparsable")
        defer { directory.remove() }
        let path = try directory.write("""
            groups:
              - name: broken
                rules:
                  - alert: Broken
                    expr: rate(http_requests_total) > 1
            """, to: "rules.yml")
        XCTAssertThrowsError(try InputLoader().load(paths: [path])) { error in
            let message = (error as? DocumentError)?.diagnostic ?? ""
            XCTAssertTrue(message.contains("rules.yml:5:15: error: expr: 1:6: expected type range vector"), message)
        }
        let lenient = try InputLoader(lenient: true).load(paths: [path]).snapshot
        let fact = try XCTUnwrap(lenient.resources(ofType: AlertFacts.type).first?.properties)
        XCTAssertEqual(fact["Signal"]?.string, "other")
        XCTAssertEqual(fact["Unreadable"]?.scalar, .bool(true))
    }
}
