import OpsDocument

/// One evaluation's state and the operations compiled expressions (`Compiler`) call, with CEL's error semantics:
/// errors are values that `&&`, `||`, `all` and `exists` may absorb.
struct Evaluator {
    /// The activation of the `Program.evaluate` call that made this evaluator, read in place: an evaluator lives only
    /// within that call, and copying the activation in (a count on each of its arrays) cost as much as a short check.
    private let bound: UnsafePointer<Activation>
    var activation: Activation { unsafeAddress { bound } }
    let maxSteps: Int
    let limits: EvalLimits
    private var steps = 0
    /// Bytes of the values built so far (see `EvalLimits.maxAllocatedBytes`).
    private var allocated = 0
    /// The values of the comprehension variables in scope, outermost first (the compiler knows which is which).
    private var locals: [Value] = []
    /// Document nodes read during evaluation, in order: the key of each entry read, and the mapping itself
    /// when `has()` finds a key missing. nil when not tracing.
    var trace: [Node]?

    init(activation: UnsafePointer<Activation>, limits: EvalLimits, tracing: Bool) {
        bound = activation
        maxSteps = limits.maxSteps
        self.limits = limits
        trace = tracing ? [] : nil
    }

    /// `value`, counted against the evaluation's memory budget; too large a value, or too much built in all, is an error.
    mutating func charge(_ value: Value) throws(EvalError) -> Value {
        let size: Int
        switch value {
        case .string(let s): size = s.utf8.count
        case .bytes(let b): size = b.count
        case .list(let l): size = l.count * 16
        case .map(let m): size = m.count * 16
        default: return value
        }
        guard size <= limits.maxValueBytes else { throw EvalError("a value of \(size) bytes is larger than the \(limits.maxValueBytes)-byte limit") }
        allocated += size
        guard allocated <= limits.maxAllocatedBytes else { throw EvalError("evaluation built more than \(limits.maxAllocatedBytes) bytes of values") }
        return value
    }

    @inline(__always)
    mutating func step() throws(EvalError) {
        steps += 1
        if steps > maxSteps { throw EvalError("evaluation exceeded \(maxSteps) steps") }
    }

    /// The comprehension variable at `slot`.
    func local(_ slot: Int) -> Value { locals[slot] }

    /// A variable of the activation, else a type's name.
    func variable(_ name: String) throws(EvalError) -> Value {
        if let value = activation[name] { return value }
        if let type = CELType.denotations[name] { return .type(type) }
        throw EvalError("unknown variable '\(name)'")
    }

    /// `has(target.field)`.
    mutating func presence(_ target: Value, _ field: String) throws(EvalError) -> Value {
        guard case .map(let map) = target else { throw EvalError("has() needs a map, not \(target.celType.name)") }
        if let entry = map.nodeEntry(field) { record(entry.key); return .bool(true) }
        if let node = map.node { record(node); return .bool(false) }
        return .bool(map.field(field) != nil)
    }

    /// The values of `expressions` (a list's items, a call's receiver and arguments), in order.
    mutating func values(_ expressions: [Compiled]) throws(EvalError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(expressions.count)
        for expression in expressions { values.append(try expression(&self)) }
        return values
    }

    /// A builtin's operands, in order.
    mutating func arguments(_ first: Compiled, _ second: Compiled?) throws(EvalError) -> Builtin.Arguments {
        let value = try first(&self)
        guard let second else { return Builtin.Arguments(first: value, second: nil) }
        return Builtin.Arguments(first: value, second: try second(&self))
    }

    /// A map literal: each key, checked, then its value.
    mutating func map(_ entries: [(key: Compiled, value: Compiled)]) throws(EvalError) -> Value {
        var pairs: [(key: Value, value: Value)] = []
        for entry in entries {
            let key = try entry.key(&self)
            switch key {
            case .string, .int, .uint, .bool: break
            default: throw EvalError("unsupported map key type \(key.celType.name)")
            }
            if pairs.contains(where: { Equality.keyEquals($0.key, key) }) { throw EvalError("duplicate map key") }
            pairs.append((key: key, value: try entry.value(&self)))
        }
        return .map(MapValue(pairs))
    }

    private mutating func record(_ node: Node) {
        if trace != nil { trace!.append(node) }
    }

    mutating func select(_ target: Value, _ field: String) throws(EvalError) -> Value {
        guard case .map(let map) = target else { throw EvalError("type '\(target.celType.name)' does not support field selection") }
        if let entry = map.nodeEntry(field) {
            record(entry.key)
            return Value(entry.value)
        }
        guard let value = map.field(field) else { throw EvalError("no such key: '\(field)'") }
        return value
    }

    mutating func index(_ target: Value, _ key: Value) throws(EvalError) -> Value {
        switch target {
        case .list(let list):
            let position: Int64
            switch key {
            case .int(let i): position = i
            case .uint(let u): position = u > UInt64(Int64.max) ? -1 : Int64(u)
            case .double(let d) where d.rounded(.towardZero) == d && d.magnitude < 9.2e18: position = Int64(d)
            default: throw EvalError.noOverload("_[_]", target, key)
            }
            guard position >= 0, position < list.count else { throw EvalError("index out of bounds: \(position)") }
            if let node = list.node(at: Int(position)) { return Value(node) }
            return list[Int(position)]
        case .map(let map):
            if case .string(let s) = key { return try select(target, s) }
            switch key {
            case .int, .uint, .bool, .double: break
            default: throw EvalError("no such key: unsupported key type \(key.celType.name)")
            }
            guard let value = map.lookup(key) else { throw EvalError("no such key: \(key)") }
            return value
        default:
            throw EvalError.noOverload("_[_]", target, key)
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvalError) -> Value {
        switch op {
        case .equal: return .bool(Equality.equals(a, b))
        case .notEqual: return .bool(!Equality.equals(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = try Equality.order(a, b, op.rawValue) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            switch b {
            case .list(let list):
                for i in 0..<list.count where Equality.equals(list[i], a) { return .bool(true) }
                return .bool(false)
            case .map(let map):
                if case .string(let s) = a { return .bool(map.field(s) != nil) }
                return .bool(map.lookup(a) != nil)
            default:
                throw EvalError.noOverload("@in", a, b)
            }
        default:
            return try Arithmetic.apply(op, a, b)
        }
    }

    /// `&&` (absorbing false) and `||` (absorbing true), commutative over errors as CEL specifies.
    mutating func logical(_ left: Compiled, _ right: Compiled, absorbing: Bool) throws(EvalError) -> Value {
        var firstError: EvalError?
        do throws(EvalError) {
            let value = try left(&self)
            guard case .bool(let b) = value else { throw EvalError.noOverload(absorbing ? "_||_" : "_&&_", value) }
            if b == absorbing { return .bool(absorbing) }
        } catch {
            firstError = error
        }
        let value = try right(&self)
        guard case .bool(let b) = value else {
            throw firstError ?? EvalError.noOverload(absorbing ? "_||_" : "_&&_", value)
        }
        if b == absorbing { return .bool(absorbing) }
        if let firstError { throw firstError }
        return .bool(!absorbing)
    }

    /// A comprehension macro over `range`, its variable the next local.
    mutating func comprehend(_ kind: MacroKind, range rangeExpr: Compiled, predicate: Compiled?, transform: Compiled?) throws(EvalError) -> Value {
        let range = try rangeExpr(&self)
        let count: Int
        let element: (Int) -> Value
        switch range {
        case .list(let list):
            count = list.count
            element = { list[$0] }
        case .map(let map):
            let keys = map.keys
            count = keys.count
            element = { keys[$0] }
        default:
            throw EvalError("\(kind.rawValue)() needs a list or map, not \(range.celType.name)")
        }
        locals.append(.null)
        defer { locals.removeLast() }
        let slot = locals.count - 1
        var firstError: EvalError?
        var matched = 0
        var results: [Value] = []
        for i in 0..<count {
            try step()
            locals[slot] = element(i)
            switch kind {
            case .all, .exists:
                do throws(EvalError) {
                    let value = try predicate!(&self)
                    guard case .bool(let b) = value else { throw EvalError.noOverload(kind.rawValue, value) }
                    if kind == .all && !b { return .bool(false) }
                    if kind == .exists && b { return .bool(true) }
                } catch {
                    if firstError == nil { firstError = error }
                }
            case .existsOne:
                let value = try predicate!(&self)
                guard case .bool(let b) = value else { throw EvalError.noOverload(kind.rawValue, value) }
                if b { matched += 1 }
            case .filter:
                let value = try predicate!(&self)
                guard case .bool(let b) = value else { throw EvalError.noOverload(kind.rawValue, value) }
                if b { results.append(element(i)) }
            case .map:
                if let predicate {
                    let value = try predicate(&self)
                    guard case .bool(let b) = value else { throw EvalError.noOverload(kind.rawValue, value) }
                    if !b { continue }
                }
                results.append(try transform!(&self))
            }
        }
        switch kind {
        case .all:
            if let firstError { throw firstError }
            return .bool(true)
        case .exists:
            if let firstError { throw firstError }
            return .bool(false)
        case .existsOne: return .bool(matched == 1)
        case .filter, .map: return .list(ListValue(results))
        }
    }
}
