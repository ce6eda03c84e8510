/// An expression compiled to nested closures, run by an `Evaluator` that holds one evaluation's state.
typealias Compiled = @Sendable (inout Evaluator) throws(EvalError) -> Value

/// Turns a checked expression into closures once, so that evaluating it many times (once per resource) neither walks
/// the tree nor works out again what compiling knows: which comprehension variable a name is, a dotted name's text,
/// which builtin a call falls back to. Each closure takes one evaluation step, as each node did, so step limits and
/// errors are those of the tree.
struct Compiler {
    /// Comprehension variables in scope, outermost first: a name found here is the evaluator's local at that index.
    private var scope: [String] = []

    mutating func compile(_ expr: Expr) -> Compiled {
        switch expr.kind {
        case .literal(let value):
            return { e throws(EvalError) in
                try e.step()
                return value
            }
        case .identifier(let name):
            if let slot = scope.lastIndex(of: name) {
                return { e throws(EvalError) in
                    try e.step()
                    return e.local(slot)
                }
            }
            return { e throws(EvalError) in
                try e.step()
                return try e.variable(name)
            }
        case .select(let operand, let field):
            let target = compile(operand)
            // A dotted name bound whole (`a.b.c`) reads as that binding, unless its first name is a loop variable.
            if let qualified = expr.dottedName, let root = expr.rootIdentifier, !scope.contains(root) {
                return { e throws(EvalError) in
                    try e.step()
                    if e.activation.hasQualifiedNames, let value = e.activation[qualified] { return value }
                    return try e.select(try target(&e), field)
                }
            }
            return { e throws(EvalError) in
                try e.step()
                return try e.select(try target(&e), field)
            }
        case .presence(let operand, let field):
            let target = compile(operand)
            return { e throws(EvalError) in
                try e.step()
                return try e.presence(try target(&e), field)
            }
        case .index(let operand, let key):
            let (target, index) = (compile(operand), compile(key))
            return { e throws(EvalError) in
                try e.step()
                return try e.index(try target(&e), try index(&e))
            }
        case .not(let operand):
            let value = compile(operand)
            return { e throws(EvalError) in
                try e.step()
                let result = try value(&e)
                guard case .bool(let b) = result else { throw EvalError.noOverload("!_", result) }
                return .bool(!b)
            }
        case .negate(let operand):
            let value = compile(operand)
            return { e throws(EvalError) in
                try e.step()
                return try Arithmetic.negate(try value(&e))
            }
        case .binary(let op, let left, let right):
            let (a, b) = (compile(left), compile(right))
            return { e throws(EvalError) in
                try e.step()
                return try e.charge(try Evaluator.binary(op, try a(&e), try b(&e)))
            }
        case .and(let left, let right):
            let (a, b) = (compile(left), compile(right))
            return { e throws(EvalError) in
                try e.step()
                return try e.logical(a, b, absorbing: false)
            }
        case .or(let left, let right):
            let (a, b) = (compile(left), compile(right))
            return { e throws(EvalError) in
                try e.step()
                return try e.logical(a, b, absorbing: true)
            }
        case .conditional(let condition, let whenTrue, let whenFalse):
            let (test, yes, no) = (compile(condition), compile(whenTrue), compile(whenFalse))
            return { e throws(EvalError) in
                try e.step()
                let value = try test(&e)
                guard case .bool(let b) = value else { throw EvalError.noOverload("_?_:_", value) }
                return try b ? yes(&e) : no(&e)
            }
        case .list(let items):
            let elements = items.map { compile($0) }
            return { e throws(EvalError) in
                try e.step()
                return try e.charge(.list(ListValue(try e.values(elements))))
            }
        case .map(let entries):
            let pairs = entries.map { (key: compile($0.key), value: compile($0.value)) }
            return { e throws(EvalError) in
                try e.step()
                return try e.charge(try e.map(pairs))
            }
        case .builtin(let builtin, let target, let args):
            let (first, second) = Self.operands(compile(target: target, args))
            return { e throws(EvalError) in
                try e.step()
                return try e.charge(try builtin.call(try e.arguments(first, second)))
            }
        case .match(let operand, let regex):
            let value = compile(operand)
            return { e throws(EvalError) in
                try e.step()
                let result = try value(&e)
                guard case .string(let s) = result else { throw EvalError.noOverload("matches", result) }
                return .bool(regex.matches(s))
            }
        case .call(let name, let target, let args):
            let arguments = compile(target: target, args)
            // The builtin the call falls back to when no host function has its name, with its operands.
            let fallback = Builtin.resolve(name, receiver: target != nil, arguments: args.count).map { (builtin: $0, operands: Self.operands(arguments)) }
            return { e throws(EvalError) in
                try e.step()
                guard let function = e.activation.functions[name] else {
                    guard let fallback else { throw EvalError("no such function '\(name)'") }
                    // The call stands for the builtin node it would have been: one more step, then the same call.
                    try e.step()
                    return try e.charge(try fallback.builtin.call(try e.arguments(fallback.operands.0, fallback.operands.1)))
                }
                return try function.body(try e.values(arguments), e.activation)
            }
        case .comprehension(let c):
            let range = compile(c.range)
            scope.append(c.variable)
            let predicate = c.predicate.map { compile($0) }
            let transform = c.transform.map { compile($0) }
            scope.removeLast()
            let kind = c.kind
            return { e throws(EvalError) in
                try e.step()
                return try e.charge(try e.comprehend(kind, range: range, predicate: predicate, transform: transform))
            }
        }
    }

    /// A call's receiver, when it has one, then its arguments.
    private mutating func compile(target: Expr?, _ args: [Expr]) -> [Compiled] {
        (target.map { [compile($0)] } ?? []) + args.map { compile($0) }
    }

    /// A builtin's one or two operands (`Builtin.resolve` allows no other count).
    private static func operands(_ compiled: [Compiled]) -> (Compiled, Compiled?) {
        precondition((1...2).contains(compiled.count), "a builtin takes one or two operands")
        return (compiled[0], compiled.count == 2 ? compiled[1] : nil)
    }
}
