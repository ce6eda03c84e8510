import Foundation
import OpsCore
import OpsDocument

/// Alertmanager routing over the `Alertmanager::Route` and `Alertmanager::Receiver` resources of a snapshot, as
/// Alertmanager does it: a route matches when all its matchers do; its children are tried in order, and the first that
/// matches ends the search unless it has `continue`; a route none of whose children match is itself the match. The
/// receiver and timings are the matched route's, inherited from its parents where it sets none.
public struct Routing: Sendable {
    /// One route an alert ends up at.
    public struct Match: Sendable {
        public let path: String
        public let receiver: String
        public let location: SourceLocation
        public let groupBy: [String]
        public let groupWait: Int
        public let groupInterval: Int
        public let repeatInterval: Int
        public let muteTimeIntervals: [String]
        public let activeTimeIntervals: [String]
    }

    struct Destination {
        let receiver: String
        let channels: [String]
        let resolves: Bool
        let groupWait: Int
    }

    private var routes: [String: Resource] = [:]
    /// Each route's matchers, compiled once.
    private var matchersByRoute: [String: [AlertmanagerMatcher]] = [:]
    private var receivers: [String: Node] = [:]

    public init(_ snapshot: Snapshot) {
        for r in snapshot.resources {
            if r.type == "Alertmanager::Route" {
                routes[r.id] = r
                matchersByRoute[r.id] = r.properties.map(Self.matchers) ?? []
            }
            if r.type == "Alertmanager::Receiver", let p = r.properties { receivers[r.id] = p }
        }
    }

    /// Whether there is a routing tree at all.
    public var isEmpty: Bool { routes["route"] == nil }

    /// The routes an alert with these labels is delivered by, in order (`amtool config routes test`).
    public func matches(_ labels: [String: String]) -> [Match] {
        guard routes["route"] != nil else { return [] }
        return (match("route", labels) ?? []).compactMap(describe)
    }

    private func match(_ path: String, _ labels: [String: String]) -> [String]? {
        guard routes[path] != nil, (matchersByRoute[path] ?? []).allSatisfy({ $0.matches(labels) }) else { return nil }
        var all: [String] = []
        var index = 0
        while routes["\(path).routes[\(index)]"] != nil {
            let child = "\(path).routes[\(index)]"
            if let found = match(child, labels) {
                all += found
                if routes[child]?.properties?["Continue"]?.scalar != .bool(true) { break }
            }
            index += 1
        }
        return all.isEmpty ? [path] : all
    }

    static func matchers(_ route: Node) -> [AlertmanagerMatcher] {
        (route["Matchers"]?.items ?? []).compactMap { m in
            guard let label = m["Label"]?.string, let op = m["Operator"]?.string.flatMap(AlertmanagerMatcher.Operator.init(rawValue:)),
                  let value = m["Value"]?.string else { return nil }
            return try? AlertmanagerMatcher(label: label, op: op, value: value)
        }
    }

    private func describe(_ path: String) -> Match? {
        guard let route = routes[path], let p = route.properties else { return nil }
        func int(_ key: String) -> Int { p[key].flatMap(AlertFacts.number).map { Int($0) } ?? 0 }
        return Match(path: path, receiver: p["Receiver"]?.string ?? "", location: route.location, groupBy: p["GroupBy"]?.items?.compactMap(\.string) ?? [],
                     groupWait: int("GroupWait"), groupInterval: int("GroupInterval"), repeatInterval: int("RepeatInterval"),
                     muteTimeIntervals: p["MuteTimeIntervals"]?.items?.compactMap(\.string) ?? [],
                     activeTimeIntervals: p["ActiveTimeIntervals"]?.items?.compactMap(\.string) ?? [])
    }

    /// Where an alert with these labels goes, for its fact; nil without an Alertmanager configuration.
    func route(_ labels: [String: String]) -> Destination? {
        let found = matches(labels)
        guard let first = found.first else { return nil }
        var channels: [String] = []
        var resolves = true
        for m in found {
            let r = receivers[m.receiver]
            for c in r?["Channels"]?.items ?? [] { if let s = c.string, !channels.contains(s) { channels.append(s) } }
            if case .scalar(.bool(false))? = r?["SendResolved"]?.content { resolves = false }
            if r == nil { resolves = false }
        }
        return Destination(receiver: first.receiver, channels: channels, resolves: resolves && !channels.isEmpty, groupWait: first.groupWait)
    }
}
