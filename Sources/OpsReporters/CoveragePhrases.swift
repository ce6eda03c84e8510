import Foundation
import OpsAssessment
import OpsCore
import OpsDocument

/// How a coverage cell reads, the same in every format: the alert, where it is written, its condition and where it goes.
enum CoveragePhrases {
    static func condition(_ a: AlertCoverage.Alert, _ ko: Bool) -> String {
        var parts: [String] = []
        if let threshold = a.threshold {
            let number = threshold.rounded() == threshold && abs(threshold) < 1e15 ? String(Int(threshold)) : String(threshold)
            parts.append("\(a.comparison ?? "") \(number)\(unit(a.unit))".trimmingCharacters(in: .whitespaces))
        }
        parts.append(ko ? "\(a.duration)초 지속" : "for \(a.duration) s")
        return parts.joined(separator: ", ")
    }

    static func unit(_ unit: String?) -> String {
        switch unit {
        case "percent"?: " %"
        case "seconds"?: " s"
        case "days"?: " d"
        case "bytes"?: " B"
        case nil: ""
        case let other?: " " + other
        }
    }

    static func route(_ a: AlertCoverage.Alert, _ ko: Bool) -> String {
        let channels = a.channels.isEmpty ? (ko ? "알림 채널 없음" : "no channel") : a.channels.joined(separator: ", ")
        return (a.receiver.map { "\($0): " } ?? "") + channels
    }

    static func place(_ location: SourceLocation) -> String { "\(location.file):\(location.line)" }

    static func title(_ row: AlertCoverage.Row, _ ko: Bool) -> String {
        row.type == "workload" ? (ko ? "워크로드 전체(특정 구성요소 없음)" : "whole workload (no one component)") : "\(row.id) (\(row.type))"
    }
}
