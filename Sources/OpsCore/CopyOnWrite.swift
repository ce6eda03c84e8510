/// A value type's fields kept in one shared box and copied only when a shared copy is changed: for values that are
/// copied far more often than changed (findings, resources), a copy is one reference count instead of one per field.
/// Inlinable and read in place (`_read`), so that reading one field never copies the others.
public struct CopyOnWrite<Fields> {
    @usableFromInline
    final class Box {
        // Not checked for overlapping access at run time: a box is changed only through `_modify` when no other copy
        // shares it, and those checks were a tenth of reading a finding's fields.
        @exclusivity(unchecked) @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(_ fields: Fields) { box = Box(fields) }

    @inlinable
    public var fields: Fields {
        _read { yield box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }
}

// The box is changed only when no other copy shares it.
extension CopyOnWrite: @unchecked Sendable where Fields: Sendable {}
