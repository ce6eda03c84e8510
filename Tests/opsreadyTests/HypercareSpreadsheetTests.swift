import Foundation
import XCTest

/// A support lead's spreadsheet export (weeks.csv, incidents.csv, checklist.yaml: the columns a spreadsheet of the plan
/// has, one row per week), for a workload outside Seoul: the tracker must exit a stabilised workload, name exactly
/// what blocks one that is not, and never hand over on weeks nobody recorded.
final class HypercareSpreadsheetTests: CLITestCase {
    static let kpis = ["availability_percent", "response_time_seconds", "error_rate_percent", "peak_tps", "concurrent_users", "satisfaction", "ease_of_use",
                       "support_satisfaction", "training_effectiveness", "utilization_percent", "feature_use_percent", "engagement_percent",
                       "inquiry_resolution_percent", "first_contact_resolution_percent", "training_completion_percent", "processing_time_minutes",
                       "error_occurrence", "automation_percent", "operating_cost_krw_million", "csat", "compliance_percent", "security_incidents"]
    static let good: [String: String] = [
        "availability_percent": "99.95", "response_time_seconds": "1.2", "error_rate_percent": "0.5", "peak_tps": "1200", "concurrent_users": "600",
        "satisfaction": "4.5", "ease_of_use": "4.5", "support_satisfaction": "4.8", "training_effectiveness": "4.5", "utilization_percent": "90",
        "feature_use_percent": "80", "engagement_percent": "95", "inquiry_resolution_percent": "98", "first_contact_resolution_percent": "90",
        "training_completion_percent": "99", "processing_time_minutes": "7", "error_occurrence": "12", "automation_percent": "80",
        "operating_cost_krw_million": "35", "csat": "4.6", "compliance_percent": "100", "security_incidents": "0",
    ]
    static let checklistIds = ["backup_restore_verified", "independent_operations", "incident_procedure_known", "performance_monitoring", "user_support",
                               "manuals_updated", "procedures_updated", "training_materials_updated", "knowledge_base", "risks_resolved", "contingency_plan",
                               "continuous_improvement", "maintenance_handover"]

    /// A workload live since 2026-09-01 in New York with `weeks` recorded (week 0 is the baseline), a value changed per
    /// (week, KPI), and the checklist less `open`.
    func workload(weeks: [Int], changed: [Int: [String: String]] = [:], open: [String] = [], incidents: String = "") throws -> String {
        let root = temporary + "/w-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: root + "/hypercare", withIntermediateDirectories: true)
        try "workload: {name: orders-api, go_live: \"2026-09-01\", timezone: America/New_York}\nincident_targets: seed-003\n"
            .write(toFile: root + "/opsready.yaml", atomically: true, encoding: .utf8)
        var csv = "week," + Self.kpis.joined(separator: ",") + "\n"
        csv += "0," + Self.kpis.map { ["processing_time_minutes": "12", "error_occurrence": "40", "operating_cost_krw_million": "50"][$0] ?? "" }.joined(separator: ",") + "\n"
        for week in weeks {
            csv += "\(week)," + Self.kpis.map { changed[week]?[$0] ?? Self.good[$0]! }.joined(separator: ",") + "\n"
        }
        try csv.write(toFile: root + "/hypercare/weeks.csv", atomically: true, encoding: .utf8)
        try ("id,priority,outage,detected,responded,resolved,summary\n" + incidents).write(toFile: root + "/hypercare/incidents.csv", atomically: true, encoding: .utf8)
        try "id,start,end,summary\n".write(toFile: root + "/hypercare/maintenance.csv", atomically: true, encoding: .utf8)
        try Self.checklistIds.filter { !open.contains($0) }.map { "- {id: \($0), done: true, date: \"2026-11-02\"}" }.joined(separator: "\n")
            .write(toFile: root + "/hypercare/checklist.yaml", atomically: true, encoding: .utf8)
        return root + "/opsready.yaml"
    }

    func status(_ manifest: String, _ day: String = "2026-12-01") throws -> (Int32, [String: Any]) {
        let run = try opsready(["hypercare", "status", "--manifest", manifest, "--as-of", day, "--format", "json"])
        XCTAssertTrue(run.stderr.isEmpty, run.stderr)
        return (run.status, (try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]) ?? [:])
    }

    func testAStabilisedWorkloadExits() throws {
        let manifest = try workload(weeks: Array(1...13), incidents: "INC-1,P3,FALSE,2026-09-10T10:00:00-04:00,2026-09-10T10:05:00-04:00,2026-09-10T10:20:00-04:00,slow search\n")
        let (code, json) = try status(manifest)
        XCTAssertEqual(code, 0, "\(json["blockers"] ?? "")")
        XCTAssertEqual(json["exit_week"] as? Int, 12)
        XCTAssertEqual(json["projected_exit"] as? String, "2026-11-24")
    }

    func testThreePlantedBlockersAreExactlyTheBlockers() throws {
        let manifest = try workload(weeks: Array(1...13), changed: [13: ["error_rate_percent": "1.4"], 12: ["error_rate_percent": "1.4"]], open: ["knowledge_base"],
                                    incidents: "INC-7,P2,yes,2026-11-24T09:00:00-05:00,2026-11-24T09:10:00-05:00,2026-11-24T10:30:00-05:00,checkout down\n")
        let (code, json) = try status(manifest)
        XCTAssertEqual(code, 1)
        XCTAssertEqual(json["blockers"] as? [String], [
            "Mean time to recover: 90 (w13 · incidents, 1; target ≤ 30)",
            "Error rate: 1.4 (w13 · typed; target ≤ 1)",
            "Completion item open: Knowledge base built",
        ])
    }

    func testRecordsStoppingAtWeekFiveNeverExit() throws {
        let manifest = try workload(weeks: [1, 2, 4, 5])
        let (code, json) = try status(manifest)
        XCTAssertEqual(code, 1, "seven weeks of no data must not hand over")
        XCTAssertEqual(json["exit_ready"] as? Bool, false)
        let blockers = json["blockers"] as? [String] ?? []
        XCTAssertTrue(blockers.contains("System availability: no data in w13 (target ≥ 99.9)"), "\(blockers)")
        XCTAssertTrue(blockers.contains("Mean time to recover: no data in w13 (target ≤ 30)"), "no incident in an unreported week is no data, not 'no incidents'")
        XCTAssertNil(json["projected_exit"] as? String)
        let later = try status(manifest, "2027-03-01")
        XCTAssertEqual(later.0, 1)
        XCTAssertEqual(later.1["week"] as? Int, 13, "after the plan the week stays weeks + 1")
    }

    func testInitWritesCSVStarters() throws {
        let manifest = temporary + "/csv/opsready.yaml"
        try FileManager.default.createDirectory(atPath: temporary + "/csv", withIntermediateDirectories: true)
        try "workload: {name: w, go_live: \"2026-12-01\", timezone: Asia/Seoul}\n".write(toFile: manifest, atomically: true, encoding: .utf8)
        let started = try opsready(["hypercare", "init", "--manifest", manifest, "--format", "csv"])
        XCTAssertEqual(started.status, 0, started.stderr)
        let weeks = try String(contentsOfFile: temporary + "/csv/hypercare/weeks.csv", encoding: .utf8)
        XCTAssertTrue(weeks.hasPrefix("week,availability_percent,"), weeks)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary + "/csv/hypercare/weeks.yaml"))
        let status = try opsready(["hypercare", "status", "--manifest", manifest, "--as-of", "2026-12-20"])
        XCTAssertEqual(status.status, 1, "the starters read as records: \(status.stderr)")
        let yaml = try opsready(["hypercare", "init", "--manifest", manifest])
        XCTAssertEqual(yaml.status, 2, "a YAML init after a CSV one would give both forms of a log")
        XCTAssertTrue(yaml.stderr.contains("weeks.csv already exists"), yaml.stderr)
    }
}
