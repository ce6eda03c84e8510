/// Recursive-descent parser for CEL's grammar, expanding the macros `has`, `all`, `exists`,
/// `exists_one`, `map` and `filter` as it goes.
struct Parser {
    /// Deepest nesting of parentheses, calls, lists and maps accepted.
    static let maxDepth = 96
    /// Tallest expression tree accepted, operator chains included (`1 + 1 + …`, `!!!…`, `a.b.c…`): cel-go's default
    /// recursion limit.
    static let maxHeight = 250

    private let tokens: [Token]
    private var position = 0
    private var depth = 0

    private static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while", "in", "true", "false", "null",
    ]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ source: String) throws(ExprError) -> Expr {
        var lexer = Lexer(source)
        var parser = Parser(tokens: try lexer.tokenize())
        let expr = try parser.expression()
        guard case .end = parser.current.kind else {
            throw ExprError(column: parser.current.column, "unexpected \(parser.current.describe) after the expression")
        }
        return expr
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let s) = current.kind { return s == symbol }
        return false
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        _ = advance()
        return true
    }

    private mutating func expect(_ symbol: String) throws(ExprError) {
        guard accept(symbol) else { throw ExprError(column: current.column, "expected '\(symbol)' but found \(current.describe)") }
    }

    /// `expr`, or an error at its column when the tree has grown taller than the limit.
    private func bounded(_ expr: Expr) throws(ExprError) -> Expr {
        guard expr.height <= Self.maxHeight else {
            throw ExprError(column: expr.column, "expression nested deeper than \(Self.maxHeight) levels (operator chains count)")
        }
        return expr
    }

    private mutating func enter() throws(ExprError) {
        depth += 1
        if depth > Self.maxDepth { throw ExprError(column: current.column, "expression nested deeper than \(Self.maxDepth) levels") }
    }

    mutating func expression() throws(ExprError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let condition = try conditionalOr()
        guard isSymbol("?") else { return condition }
        let column = advance().column
        let whenTrue = try conditionalOr()
        try expect(":")
        let whenFalse = try expression()
        return try bounded(Expr(.conditional(condition, whenTrue, whenFalse), column: column))
    }

    private mutating func conditionalOr() throws(ExprError) -> Expr {
        var left = try conditionalAnd()
        while isSymbol("||") {
            let column = advance().column
            left = try bounded(Expr(.or(left, try conditionalAnd()), column: column))
        }
        return left
    }

    private mutating func conditionalAnd() throws(ExprError) -> Expr {
        var left = try binary(level: 0)
        while isSymbol("&&") {
            let column = advance().column
            left = try bounded(Expr(.and(left, try binary(level: 0)), column: column))
        }
        return left
    }

    /// Binary operators by precedence, loosest first: relations, then additive, then multiplicative.
    private static let binaryLevels: [[String: BinaryOperator]] = [
        ["==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual, "in": .in],
        ["+": .add, "-": .subtract],
        ["*": .multiply, "/": .divide, "%": .modulo],
    ]

    /// One precedence level of left-associative binary operators; below the last level come unary operators.
    private mutating func binary(level: Int) throws(ExprError) -> Expr {
        guard level < Self.binaryLevels.count else { return try unary() }
        var left = try binary(level: level + 1)
        while let op = binaryOperator(at: level) {
            let column = advance().column
            left = try bounded(Expr(.binary(op, left, try binary(level: level + 1)), column: column))
        }
        return left
    }

    private func binaryOperator(at level: Int) -> BinaryOperator? {
        switch current.kind {
        case .symbol(let s): return Self.binaryLevels[level][s]
        case .identifier("in"): return Self.binaryLevels[level]["in"]
        default: return nil
        }
    }

    private mutating func unary() throws(ExprError) -> Expr {
        if isSymbol("!") {
            let column = current.column
            var count = 0
            while accept("!") { count += 1 }
            // As in cel-go and cel-cpp, an even run of `!` is no operator at all and an odd run is one.
            let operand = try member()
            return count % 2 == 0 ? operand : try bounded(Expr(.not(operand), column: column))
        }
        if isSymbol("-") {
            let column = current.column
            var count = 0
            while accept("-") { count += 1 }
            // An even run of `-` is no operator (`--x` is `x`, and `--9223372036854775808` an out-of-range literal); an odd
            // run is one negation. A single `-` right before an integer is part of the literal, so that
            // -9223372036854775808 is representable (as in the grammar's `MINUS? NUM_INT`).
            if count % 2 == 0 { return try member() }
            if count == 1, case .int(let digits) = current.kind, !tokens[position + 1].startsMemberAccess,
               let literal = Self.intLiteral("-" + digits) {
                let token = advance()
                return Expr(.literal(.int(literal)), column: token.column)
            }
            return try bounded(Expr(.negate(try member()), column: column))
        }
        return try member()
    }

    private static func intLiteral(_ text: String) -> Int64? {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            guard let magnitude = UInt64(body.dropFirst(2), radix: 16) else { return nil }
            if negative { return magnitude == UInt64(Int64.max) + 1 ? .min : (magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil) }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
        return Int64(text)
    }

    private mutating func member() throws(ExprError) -> Expr {
        try memberSuffix(try primary())
    }

    private mutating func memberSuffix(_ base: Expr) throws(ExprError) -> Expr {
        var operand = base
        while true {
            if isSymbol(".") {
                _ = advance()
                let token = advance()
                let name: String
                switch token.kind {
                case .identifier(let n): name = n
                case .quotedIdentifier(let n): name = n
                default: throw ExprError(column: token.column, "expected a field name after '.' but found \(token.describe)")
                }
                if isSymbol("("), case .identifier = token.kind {
                    _ = advance()
                    let args = try arguments(closing: ")")
                    operand = try bounded(try receiverCall(name, target: operand, args: args, column: token.column))
                } else {
                    operand = try bounded(Expr(.select(operand, name), column: token.column))
                }
            } else if isSymbol("[") {
                let column = advance().column
                try enter()
                let index = try expression()
                depth -= 1
                try expect("]")
                operand = try bounded(Expr(.index(operand, index), column: column))
            } else {
                return operand
            }
        }
    }

    private mutating func arguments(closing: String) throws(ExprError) -> [Expr] {
        try enter()
        defer { depth -= 1 }
        var args: [Expr] = []
        if accept(closing) { return args }
        repeat {
            args.append(try expression())
        } while accept(",")
        try expect(closing)
        return args
    }

    private mutating func primary() throws(ExprError) -> Expr {
        let token = advance()
        switch token.kind {
        case .int(let text):
            guard let value = Self.intLiteral(text) else { throw ExprError(column: token.column, "integer literal \(text) is out of range") }
            return Expr(.literal(.int(value)), column: token.column)
        case .uint(let text):
            let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            guard let value else { throw ExprError(column: token.column, "unsigned literal \(text) is out of range") }
            return Expr(.literal(.uint(value)), column: token.column)
        case .double(let text):
            guard let value = Double(text) else { throw ExprError(column: token.column, "invalid number \(text)") }
            return Expr(.literal(.double(value)), column: token.column)
        case .string(let s):
            return Expr(.literal(.string(s)), column: token.column)
        case .bytes(let b):
            return Expr(.literal(.bytes(b)), column: token.column)
        case .identifier(let name):
            switch name {
            case "true": return Expr(.literal(.bool(true)), column: token.column)
            case "false": return Expr(.literal(.bool(false)), column: token.column)
            case "null": return Expr(.literal(.null), column: token.column)
            default: break
            }
            guard !Self.reserved.contains(name) else { throw ExprError(column: token.column, "reserved identifier '\(name)'") }
            if accept("(") {
                let args = try arguments(closing: ")")
                return try globalCall(name, args: args, column: token.column)
            }
            return Expr(.identifier(name), column: token.column)
        case .symbol("."):
            // A leading dot names the root scope: `.x` is `x`.
            let next = advance()
            guard case .identifier(let name) = next.kind, !Self.reserved.contains(name) else {
                throw ExprError(column: next.column, "expected an identifier after '.'")
            }
            if accept("(") { return try globalCall(name, args: try arguments(closing: ")"), column: next.column) }
            return Expr(.identifier(name), column: next.column)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            try enter()
            defer { depth -= 1 }
            var items: [Expr] = []
            while !isSymbol("]") {
                items.append(try expression())
                if !accept(",") { break }
            }
            try expect("]")
            return Expr(.list(items), column: token.column)
        case .symbol("{"):
            try enter()
            defer { depth -= 1 }
            var entries: [MapEntryExpr] = []
            while !isSymbol("}") {
                let key = try expression()
                try expect(":")
                entries.append(MapEntryExpr(key: key, value: try expression()))
                if !accept(",") { break }
            }
            try expect("}")
            return Expr(.map(entries), column: token.column)
        default:
            throw ExprError(column: token.column, "unexpected \(token.describe)")
        }
    }

    private func globalCall(_ name: String, args: [Expr], column: Int) throws(ExprError) -> Expr {
        if name == "has" {
            guard args.count == 1, case .select(let operand, let field) = args[0].kind else {
                throw ExprError(column: column, "has() takes a single field selection, such as has(resource.Name)")
            }
            return Expr(.presence(operand, field), column: column)
        }
        return Expr(.call(name, target: nil, args: args), column: column)
    }

    private func receiverCall(_ name: String, target: Expr, args: [Expr], column: Int) throws(ExprError) -> Expr {
        let kind: MacroKind?
        switch (name, args.count) {
        case ("all", 2): kind = .all
        case ("exists", 2): kind = .exists
        case ("exists_one", 2): kind = .existsOne
        case ("map", 2), ("map", 3): kind = .map
        case ("filter", 2): kind = .filter
        default: kind = nil
        }
        guard let kind else { return Expr(.call(name, target: target, args: args), column: column) }
        guard case .identifier(let variable) = args[0].kind else {
            throw ExprError(column: args[0].column, "\(name)() needs a variable name as its first argument")
        }
        let comprehension: Comprehension
        switch kind {
        case .map where args.count == 3:
            comprehension = Comprehension(kind: .map, range: target, variable: variable, predicate: args[1], transform: args[2])
        case .map:
            comprehension = Comprehension(kind: .map, range: target, variable: variable, predicate: nil, transform: args[1])
        default:
            comprehension = Comprehension(kind: kind, range: target, variable: variable, predicate: args[1], transform: nil)
        }
        return Expr(.comprehension(comprehension), column: column)
    }
}

extension Token {
    var startsMemberAccess: Bool {
        if case .symbol(let s) = kind { return s == "." || s == "[" }
        return false
    }

    var describe: String {
        switch kind {
        case .end: return "end of expression"
        case .symbol(let s): return "'\(s)'"
        case .identifier(let s), .quotedIdentifier(let s): return "'\(s)'"
        case .int(let s), .uint(let s), .double(let s): return "number \(s)"
        case .string: return "string literal"
        case .bytes: return "bytes literal"
        }
    }
}
