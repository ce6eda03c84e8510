/// A function the host application adds to the language (`ofType('AWS::SNS::Topic')`).
public struct HostFunction: Sendable {
    public let name: String
    /// Called as `target.name(args)` rather than `name(args)`.
    public let receiver: Bool
    public let arity: ClosedRange<Int>
    public let body: @Sendable (_ args: [Value], _ activation: Activation) throws(EvalError) -> Value

    public init(_ name: String, receiver: Bool = false, arity: ClosedRange<Int>,
                body: @escaping @Sendable (_ args: [Value], _ activation: Activation) throws(EvalError) -> Value) {
        self.name = name
        self.receiver = receiver
        self.arity = arity
        self.body = body
    }
}

/// What an expression sees when it runs: variable values and host functions.
///
/// The variables are a short list searched in order, not a dictionary: an activation binds a handful of names, each
/// read many times per evaluation and rebound for every resource, and comparing a few short names costs a fraction
/// of hashing one.
public struct Activation: Sendable {
    private var names: [String] = []
    private var values: [Value] = []
    public var functions: [String: HostFunction]
    private(set) var hasQualifiedNames = false

    public init(variables: [String: Value] = [:], functions: [HostFunction] = []) {
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { self[name] = value }
    }

    public subscript(name: String) -> Value? {
        get { slot(of: name).map { values[$0] } }
        set {
            if let index = slot(of: name) {
                if let newValue { values[index] = newValue } else { names.remove(at: index); values.remove(at: index) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
                if name.contains(".") { hasQualifiedNames = true }
            }
        }
    }

    /// Gives the name bound at `slot` (from `slot(of:)`) a new value.
    public mutating func rebind(_ slot: Int, to value: Value) { values[slot] = value }

    /// Where `name` is bound, for rebinding it with `rebind(_:to:)` without looking it up each time. Lengths are
    /// compared first: the names bound together rarely share one.
    public func slot(of name: String) -> Int? {
        let length = name.utf8.count
        for i in names.indices where names[i].utf8.count == length && names[i] == name { return i }
        return nil
    }
}

/// Bounds on one evaluation, so that no expression can hang the tool.
public struct EvalLimits: Sendable {
    /// Most evaluation steps (sub-expressions and loop iterations) one evaluation may take.
    public var maxSteps: Int
    /// Largest value one evaluation may build: a string's or bytes' length, a list's or map's entries × 16.
    public var maxValueBytes: Int
    /// All the values one evaluation builds together (strings joined or concatenated, lists made by `map` and
    /// `filter`, literals), measured like `maxValueBytes`: a size-aware budget like Kubernetes' CEL cost limit.
    public var maxAllocatedBytes: Int

    public init(maxSteps: Int = 10_000_000, maxValueBytes: Int = 4 << 20, maxAllocatedBytes: Int = 64 << 20) {
        self.maxSteps = maxSteps
        self.maxValueBytes = maxValueBytes
        self.maxAllocatedBytes = maxAllocatedBytes
    }

    public static let `default` = EvalLimits()

}
