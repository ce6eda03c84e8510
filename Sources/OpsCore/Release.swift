import Dispatch

/// Dropping the last reference to a large tree somewhere else than where the work goes on.
public enum Release {
    /// Releases `value` on a background thread: what only `value` kept alive is freed there. The caller must hold no
    /// other reference, or its own release may be the last.
    public static func elsewhere<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    private final class Box<Value: Sendable>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }
}
