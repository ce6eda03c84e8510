import OpsExpr

/// A check's activation with the variables of one resource (`resource`, `self`, its index) bound in place: rebinding
/// them for the next resource changes three values, without looking up or copying the others.
struct ResourceActivation {
    private(set) var activation: Activation
    private let slots: (resource: Int, record: Int, index: Int)

    init(_ base: Activation) {
        var activation = base
        for name in ["resource", "self", CheckEnvironment.currentIndex] where activation[name] == nil { activation[name] = .null }
        slots = (activation.slot(of: "resource")!, activation.slot(of: "self")!, activation.slot(of: CheckEnvironment.currentIndex)!)
        self.activation = activation
    }

    mutating func bind(_ resource: Resource, record: Value, index: Int) {
        activation.rebind(slots.resource, to: resource.properties.map(Value.init) ?? .map(MapValue(fields: [])))
        activation.rebind(slots.record, to: record)
        activation.rebind(slots.index, to: .int(Int64(index)))
    }
}
