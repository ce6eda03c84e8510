import Foundation
import OpsCore
import OpsDocument
/// Alertmanager routing over the `Alertmanager::Route` and `Alertmanager::Receiver` resources of a snapshot:
/// the first matching child route wins (later siblings too while `continue` is set), down to the deepest match.
struct Routing {
    struct Destination {
        let receiver: String
        let channels: [String]
        let resolves: Bool
        let groupWait: Int
    }

    private var routes: [String: Node] = [:]
    private var receivers: [String: Node] = [:]

    init(_ snapshot: Snapshot) {
        for r in snapshot.resources {
            if r.type == "Alertmanager::Route", let p = r.properties { routes[r.id] = p }
            if r.type == "Alertmanager::Receiver", let p = r.properties { receivers[r.id] = p }
        }
    }

    /// Where an alert with these labels goes; nil without an Alertmanager configuration.
    func route(_ labels: [String: String]) -> Destination? {
        guard routes["route"] != nil else { return nil }
        let paths = matching("route", labels)
        var channels: [String] = []
        var resolves = true
        var first: (receiver: String, groupWait: Int)?
        for path in paths {
            guard let node = routes[path], let receiver = node["Receiver"]?.string else { continue }
            let wait = node["GroupWait"].flatMap(AlertFacts.number).flatMap { $0.isFinite && $0.magnitude <= Double(DurationText.longest) ? Int($0) : nil } ?? 30
            if first == nil { first = (receiver, wait) }
            let r = receivers[receiver]
            for c in r?["Channels"]?.items ?? [] { if let s = c.string, !channels.contains(s) { channels.append(s) } }
            if case .scalar(.bool(false))? = r?["SendResolved"]?.content { resolves = false }
            if r == nil { resolves = false }
        }
        guard let first else { return nil }
        return Destination(receiver: first.receiver, channels: channels, resolves: resolves && !channels.isEmpty, groupWait: first.groupWait)
    }

    private func matching(_ path: String, _ labels: [String: String]) -> [String] {
        var result: [String] = []
        var index = 0
        while let child = routes["\(path).routes[\(index)]"] {
            if matches(child, labels) {
                result += matching("\(path).routes[\(index)]", labels)
                if case .scalar(.bool(true))? = child["Continue"]?.content {} else { return result }
            }
            index += 1
        }
        return result.isEmpty ? [path] : result
    }

    private func matches(_ route: Node, _ labels: [String: String]) -> Bool {
        for matcher in route["Matchers"]?.items ?? [] {
            guard let text = matcher.string else { continue }
            for op in ["!~", "=~", "!=", "="] {
                guard let range = text.range(of: op) else { continue }
                let key = String(text[..<range.lowerBound]), value = String(text[range.upperBound...])
                let actual = labels[key] ?? ""
                let ok: Bool
                switch op {
                case "=": ok = actual == value
                case "!=": ok = actual != value
                case "=~": ok = actual.range(of: "^(?:\(value))$", options: .regularExpression) != nil
                default: ok = actual.range(of: "^(?:\(value))$", options: .regularExpression) == nil
                }
                if !ok { return false }
                break
            }
        }
        return true
    }
}
