/// The components an alert is on, from the resources its dimensions name: a target group's alarm is also on the ECS
/// services registered in it; a load balancer's alarm is on its target group and services only when it has one target
/// group (with several, one group's errors drown in the others'), and the other way round. The most specific dimension
/// decides: `LoadBalancer` with `TargetGroup` is on the group, `ClusterName` with `ServiceName` on the service. A DB
/// cluster's alarm is also on the instances of the cluster.
struct AlertTargets {
    private let snapshot: Snapshot
    /// For each load balancer, the target groups its listeners (and their rules) forward to.
    private var groupsOfBalancer: [Int: Set<Int>] = [:]
    private var balancersOfGroup: [Int: Set<Int>] = [:]

    static let balancer = "AWS::ElasticLoadBalancingV2::LoadBalancer"
    static let targetGroup = "AWS::ElasticLoadBalancingV2::TargetGroup"
    static let service = "AWS::ECS::Service"

    init(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        let listenerTypes: Set<String> = ["AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule"]
        for group in snapshot.indexByType[Self.targetGroup] ?? [] {
            // A listener or rule that forwards to the group refers to it; the listener refers to its balancer.
            var listeners = snapshot.referrers[group].filter { listenerTypes.contains(snapshot.resources[$0].type) }
            listeners += listeners.flatMap { l in snapshot.resources[l].properties.map { Array(snapshot.references(in: $0, from: l)) } ?? [] }
                .filter { listenerTypes.contains(snapshot.resources[$0].type) }
            for l in listeners {
                guard let properties = snapshot.resources[l].properties else { continue }
                for b in snapshot.references(in: properties, from: l) where snapshot.resources[b].type == Self.balancer {
                    groupsOfBalancer[b, default: []].insert(group)
                    balancersOfGroup[group, default: []].insert(b)
                }
            }
        }
    }

    func expand(_ named: Set<Int>) -> [Int] {
        var direct = named
        let types = Set(direct.map { snapshot.resources[$0].type })
        if types.contains(Self.targetGroup) { direct = direct.filter { snapshot.resources[$0].type != Self.balancer } }
        if types.contains(Self.service) { direct = direct.filter { snapshot.resources[$0].type != "AWS::ECS::Cluster" } }
        var result = direct
        for index in direct {
            switch snapshot.resources[index].type {
            case Self.targetGroup:
                result.formUnion(services(of: index))
                for b in balancersOfGroup[index] ?? [] where groupsOfBalancer[b]?.count == 1 { result.insert(b) }
            case "AWS::RDS::DBCluster":
                result.formUnion(snapshot.referrers[index].filter { snapshot.resources[$0].type == "AWS::RDS::DBInstance" })
            case Self.balancer:
                if let groups = groupsOfBalancer[index], groups.count == 1, let group = groups.first {
                    result.insert(group)
                    result.formUnion(services(of: group))
                }
            default: break
            }
        }
        return result.sorted()
    }

    private func services(of group: Int) -> [Int] {
        snapshot.referrers[group].filter { snapshot.resources[$0].type == Self.service }
    }
}
