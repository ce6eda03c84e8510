/// A value type's fields kept in one shared box and copied only when a shared copy is changed: for values that are
/// copied far more often than changed (findings, resources), a copy is one reference count instead of one per field.
public struct CopyOnWrite<Fields> {
    private final class Box {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(_ fields: Fields) { box = Box(fields) }

    public var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }
}

// The box is changed only when no other copy shares it.
extension CopyOnWrite: @unchecked Sendable where Fields: Sendable {}
