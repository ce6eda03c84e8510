import OpsDocument

/// Whether a failing value got worse than the baselined one. Numbers are judged by the check itself: a value far
/// above and far below tell which side passes, and a change away from it is worse. Network ranges are judged by
/// breadth: a shorter CIDR prefix, more ports open. Anything else cannot be told (nil).
struct EvidenceWorsening {
    /// Whether the check holds with the failing property set to a value; nil when it cannot be evaluated.
    let holdsWith: (Node) -> Bool?

    func worse(was: Node, now: Node) -> Bool? {
        if let old = Self.number(was), let new = Self.number(now) {
            guard old != new else { return false }
            let far = max(abs(old), abs(new)) * 1_000 + 1_000_000
            let highPasses = probe(far, like: now) == true
            let lowPasses = probe(0, like: now) == true || probe(-far, like: now) == true
            switch (highPasses, lowPasses) {
            case (true, false): return new < old
            case (false, true): return new > old
            default: return nil
            }
        }
        if let old = was.string.flatMap(Self.prefixLength), let new = now.string.flatMap(Self.prefixLength) {
            return new < old ? true : (new == old && was.string != now.string ? nil : false)
        }
        if was.entries != nil, now.entries != nil { return Self.broader(was, now) }
        return nil
    }

    private func probe(_ value: Double, like node: Node) -> Bool? {
        let scalar: Scalar = if case .scalar(.int) = node.content, abs(value) < 9e15 { .int(Int64(value)) } else { .double(value) }
        return holdsWith(Node(.scalar(scalar), location: node.location))
    }

    static func number(_ node: Node) -> Double? {
        switch node.scalar {
        case .int(let i)?: return Double(i)
        case .double(let d)? where d.isFinite: return d
        case .string(let s)?: return Double(s)
        default: return nil
        }
    }

    /// `10.0.0.0/16` → 16; `::/0` → 0; an address without a prefix is one host.
    static func prefixLength(_ text: String) -> Int? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].contains(".") || parts[0].contains(":") else { return nil }
        guard parts.count == 2 else { return parts[0].contains(":") ? 128 : 32 }
        return Int(parts[1])
    }

    /// An ingress-like rule that opens more: a broader source range or more ports. Nil when neither is there to compare.
    static func broader(_ was: Node, _ now: Node) -> Bool? {
        var compared = false
        for key in ["CidrIp", "CidrIpv6", "CidrBlock"] {
            if let old = was[key]?.string.flatMap(prefixLength), let new = now[key]?.string.flatMap(prefixLength) {
                compared = true
                if new < old { return true }
            }
        }
        if let old = ports(was), let new = ports(now) {
            compared = true
            if new > old { return true }
        }
        return compared ? false : nil
    }

    /// How many ports a rule opens: all of them for protocol -1.
    static func ports(_ rule: Node) -> Int? {
        if rule["IpProtocol"]?.string == "-1" || rule["IpProtocol"]?.scalar == .int(-1) { return 65_536 }
        guard let from = rule["FromPort"].flatMap(number), let to = rule["ToPort"].flatMap(number) else { return nil }
        return to < 0 || from < 0 ? 65_536 : Int(to - from) + 1
    }
}
