import Foundation

/// Parses PromQL into a `PromQLExpr` and checks it as Prometheus does before running it: operand and argument types,
/// `bool` on comparisons of scalars, vector matching only between vectors, selectors that select something, regular
/// expressions that compile, offsets and `@` only where they are allowed.
public struct PromQLParser {
    private var tokens: [PromQLToken]
    private var position = 0
    private var depth = 0
    private var operators = 0

    /// Deeper nesting, or more binary operators, and an expression is refused: its tree is walked recursively.
    public static let maximumDepth = 250
    public static let maximumOperators = 500

    /// Parses and checks `text`; the error carries the offset where the problem is.
    public static func parse(_ text: String) throws(PromQLError) -> PromQLExpr {
        var lexer = PromQLLexer(text)
        var parser = PromQLParser(tokens: try lexer.tokens())
        if parser.peek.kind == .end { throw PromQLError(offset: 0, "no expression found in input") }
        let expression = try parser.expression(minimum: 1)
        guard parser.peek.kind == .end else { throw parser.unexpected() }
        return expression
    }

    private init(tokens: [PromQLToken]) { self.tokens = tokens }

    private var peek: PromQLToken { tokens[position] }
    private func peek(_ ahead: Int) -> PromQLToken { tokens[min(position + ahead, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> PromQLToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func unexpected(_ expecting: String? = nil) -> PromQLError {
        let what = peek.kind == .end ? "end of input" : "\"\(peek.text)\""
        return PromQLError(offset: peek.offset, "unexpected \(what)" + (expecting.map { ", expected \($0)" } ?? ""))
    }

    private mutating func expect(_ kind: PromQLToken.Kind, _ description: String) throws(PromQLError) {
        guard peek.kind == kind else { throw unexpected(description) }
        advance()
    }

    /// The keyword the next token spells (keywords are case-insensitive), if it is an identifier.
    private func keyword(_ token: PromQLToken) -> String? {
        if case .identifier(let word) = token.kind { return word.lowercased() }
        return nil
    }

    // MARK: Binary expressions

    private func binaryOperator(_ token: PromQLToken) -> PromQLExpr.BinaryOperator? {
        switch token.kind {
        case .op(let text): return PromQLExpr.BinaryOperator(rawValue: text)
        case .identifier: return keyword(token).flatMap { ["and", "or", "unless", "atan2"].contains($0) ? PromQLExpr.BinaryOperator(rawValue: $0) : nil }
        default: return nil
        }
    }

    private mutating func expression(minimum: Int) throws(PromQLError) -> PromQLExpr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw PromQLError(offset: peek.offset, "expression nested deeper than \(Self.maximumDepth) levels") }
        var lhs = try unary()
        while let op = binaryOperator(peek), op.precedence >= minimum {
            operators += 1
            guard operators <= Self.maximumOperators else {
                throw PromQLError(offset: peek.offset, "more than \(Self.maximumOperators) binary operators in one expression")
            }
            let at = advance().offset
            let modifiers = try binaryModifiers(op)
            let rhs = try expression(minimum: op == .power ? op.precedence : op.precedence + 1)
            lhs = try checkedBinary(op, lhs, rhs, modifiers: modifiers, at: at)
        }
        return lhs
    }

    private mutating func binaryModifiers(_ op: PromQLExpr.BinaryOperator) throws(PromQLError) -> PromQLExpr.BinaryModifiers {
        var modifiers = PromQLExpr.BinaryModifiers()
        if keyword(peek) == "bool" {
            guard op.isComparison else { throw PromQLError(offset: peek.offset, "bool modifier can only be used on comparison operators") }
            advance()
            modifiers.returnsBool = true
        }
        guard let word = keyword(peek), word == "on" || word == "ignoring" else { return modifiers }
        advance()
        let labels = try labelList()
        modifiers.matching = word == "on" ? .on(labels) : .ignoring(labels)
        if let group = keyword(peek), group == "group_left" || group == "group_right" {
            advance()
            let included = peek.kind == .leftParen ? try labelList() : []
            modifiers.group = group == "group_left" ? .left(included) : .right(included)
        }
        return modifiers
    }

    private func checkedBinary(_ op: PromQLExpr.BinaryOperator, _ lhs: PromQLExpr, _ rhs: PromQLExpr, modifiers: PromQLExpr.BinaryModifiers,
                               at: Int) throws(PromQLError) -> PromQLExpr {
        let (l, r) = (lhs.type, rhs.type)
        if op.isComparison, !modifiers.returnsBool, l == .scalar, r == .scalar {
            throw PromQLError(offset: at, "comparisons between scalars must use BOOL modifier")
        }
        if case .on(let labels)? = modifiers.matching, let group = modifiers.group {
            let included: [String]
            switch group { case .left(let g), .right(let g): included = g }
            if let both = labels.first(where: included.contains) {
                throw PromQLError(offset: at, "label \"\(both)\" must not occur in ON and GROUP clause at once")
            }
        }
        for side in [lhs, rhs] where side.type != .scalar && side.type != .vector {
            throw PromQLError(offset: side.offset, "binary expression must contain only scalar and instant vector types")
        }
        if l != .vector || r != .vector {
            let labels: [String]
            switch modifiers.matching { case .on(let m)?, .ignoring(let m)?: labels = m; case nil: labels = [] }
            if !labels.isEmpty { throw PromQLError(offset: at, "vector matching only allowed between instant vectors") }
        } else if op.isSet, modifiers.group != nil {
            throw PromQLError(offset: at, "no grouping allowed for \"\(op.rawValue)\" operation")
        }
        if op.isSet, l == .scalar || r == .scalar {
            throw PromQLError(offset: at, "set operator \"\(op.rawValue)\" not allowed in binary scalar expression")
        }
        return .binary(op, lhs, rhs, modifiers: modifiers, at: at)
    }

    // MARK: Unary and primary expressions

    private mutating func unary() throws(PromQLError) -> PromQLExpr {
        guard case .op(let sign) = peek.kind, sign == "-" || sign == "+" else { return try postfix(primary()) }
        let at = advance().offset
        // A sign binds tighter than `*` and looser than `^`.
        let operand = try expression(minimum: PromQLExpr.BinaryOperator.power.precedence)
        guard operand.type == .scalar || operand.type == .vector else {
            throw PromQLError(offset: at, "unary expression only allowed on expressions of type scalar or instant vector")
        }
        if case .number(let value, _) = operand { return .number(sign == "-" ? -value : value, at: at) }
        return .unary(negated: sign == "-", operand, at: at)
    }

    private mutating func primary() throws(PromQLError) -> PromQLExpr {
        let token = peek
        switch token.kind {
        case .number(let value):
            advance()
            return .number(value, at: token.offset)
        case .string(let value):
            advance()
            return .string(value, at: token.offset)
        case .leftParen:
            advance()
            let inner = try expression(minimum: 1)
            try expect(.rightParen, "\")\"")
            return .parenthesized(inner, at: token.offset)
        case .leftBrace:
            return .selector(try selector(name: nil, at: token.offset))
        case .metricIdentifier(let name):
            advance()
            return .selector(try selector(name: name, at: token.offset))
        case .identifier(let word):
            let lowered = word.lowercased()
            let next = peek(1)
            if PromQLFunctions.aggregations[lowered] != nil, next.kind == .leftParen || ["by", "without"].contains(keyword(next)) {
                return try aggregation(lowered)
            }
            if next.kind == .leftParen {
                guard PromQLFunctions.all[word] != nil else { throw PromQLError(offset: token.offset, "unknown function with name \"\(word)\"") }
                return try call(word)
            }
            if Self.reserved.contains(lowered) { throw unexpected() }
            advance()
            return .selector(try selector(name: word, at: token.offset))
        case .duration:
            throw PromQLError(offset: token.offset, "unexpected duration \"\(token.text)\"")
        default:
            throw unexpected()
        }
    }

    /// Words that cannot name a metric where an expression starts (`sum`, `by`, `offset` and `and` can).
    static let reserved: Set<String> = ["atan2", "on", "ignoring", "group_left", "group_right", "bool"]

    private mutating func selector(name: String?, at: Int) throws(PromQLError) -> PromQLExpr.VectorSelector {
        var matchers: [PromQLExpr.LabelMatcher] = []
        // Whether each matcher matches a missing label (the empty string); a regex is compiled once, here.
        var matchesEmpty: [Bool] = []
        if peek.kind == .leftBrace {
            advance()
            while peek.kind != .rightBrace {
                let labelToken = peek
                let label: String
                switch labelToken.kind {
                case .identifier(let word): label = word
                case .string(let quoted): label = quoted
                default: throw unexpected("label matching")
                }
                advance()
                guard case .op(let opText) = peek.kind, let kind = PromQLExpr.LabelMatcher.Kind(rawValue: opText) else {
                    throw unexpected("label matching operator")
                }
                advance()
                guard case .string(let value) = peek.kind else { throw unexpected("label value") }
                switch kind {
                case .equal: matchesEmpty.append(value.isEmpty)
                case .notEqual: matchesEmpty.append(!value.isEmpty)
                case .regex, .notRegex:
                    let full = try Self.compile(value, at: peek.offset).firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil
                    matchesEmpty.append(kind == .regex ? full : !full)
                }
                advance()
                matchers.append(PromQLExpr.LabelMatcher(label: label, kind: kind, value: value))
                if peek.kind == .comma { advance() } else if peek.kind != .rightBrace { throw unexpected("\",\" or \"}\"") }
            }
            advance()
        }
        if let name, let named = matchers.first(where: { $0.label == "__name__" }) {
            throw PromQLError(offset: at, "metric name must not be set twice: \"\(name)\" or \"\(named.value)\"")
        }
        if name == nil, matchesEmpty.allSatisfy({ $0 }) {
            throw PromQLError(offset: at, "vector selector must contain at least one non-empty matcher")
        }
        return PromQLExpr.VectorSelector(name: name, matchers: matchers, modifiers: .none, at: at)
    }

    /// A label matcher's regular expression, anchored as Prometheus anchors it.
    static func compile(_ pattern: String, at offset: Int) throws(PromQLError) -> NSRegularExpression {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(RE2Pattern.icu(pattern)))$") else {
            throw PromQLError(offset: offset, "invalid regular expression \"\(pattern)\"")
        }
        return regex
    }

    private mutating func labelList() throws(PromQLError) -> [String] {
        try expect(.leftParen, "\"(\"")
        var labels: [String] = []
        while peek.kind != .rightParen {
            guard case .identifier(let label) = peek.kind else { throw unexpected("label name") }
            advance()
            labels.append(label)
            if peek.kind == .comma { advance() } else if peek.kind != .rightParen { throw unexpected("\",\" or \")\"") }
        }
        advance()
        return labels
    }

    private mutating func aggregation(_ op: String) throws(PromQLError) -> PromQLExpr {
        let at = advance().offset
        var labels: [String] = []
        var without = false
        var grouped = false
        if let word = keyword(peek), word == "by" || word == "without" {
            advance()
            (labels, without, grouped) = (try labelList(), word == "without", true)
        }
        let arguments = try argumentList()
        if !grouped, let word = keyword(peek), word == "by" || word == "without" {
            advance()
            (labels, without, grouped) = (try labelList(), word == "without", true)
        }
        let parameterType = PromQLFunctions.aggregations[op] ?? nil
        let wanted = parameterType == nil ? 1 : 2
        guard arguments.count == wanted else {
            throw PromQLError(offset: at, "wrong number of arguments for aggregate expression provided, expected \(wanted), got \(arguments.count)")
        }
        let expression = arguments[wanted - 1]
        try Self.expectType(expression, .vector, "aggregation expression")
        if let parameterType { try Self.expectType(arguments[0], parameterType, "aggregation parameter") }
        return .aggregate(PromQLExpr.Aggregation(op: op, expression: expression, parameter: wanted == 2 ? arguments[0] : nil, labels: labels,
                                                 without: without, grouped: grouped, at: at))
    }

    private mutating func call(_ name: String) throws(PromQLError) -> PromQLExpr {
        let at = advance().offset
        let arguments = try argumentList()
        guard let signature = PromQLFunctions.all[name] else { throw PromQLError(offset: at, "unknown function with name \"\(name)\"") }
        let declared = signature.arguments.count
        let fewest = signature.variadic > 0 ? declared - signature.variadic : declared
        let most = signature.variadic < 0 ? Int.max : declared
        guard arguments.count >= fewest, arguments.count <= most else {
            throw PromQLError(offset: at, "expected \(fewest == most ? "\(declared)" : "at least \(fewest)") argument(s) in call to \"\(name)\", got \(arguments.count)")
        }
        for (i, argument) in arguments.enumerated() {
            try Self.expectType(argument, signature.arguments[min(i, declared - 1)], "call to function \"\(name)\"")
        }
        return .call(name: name, arguments: arguments, at: at)
    }

    /// `( expr, expr, … )`, possibly empty.
    private mutating func argumentList() throws(PromQLError) -> [PromQLExpr] {
        try expect(.leftParen, "\"(\"")
        var arguments: [PromQLExpr] = []
        if peek.kind != .rightParen {
            arguments.append(try expression(minimum: 1))
            while peek.kind == .comma {
                advance()
                arguments.append(try expression(minimum: 1))
            }
        }
        try expect(.rightParen, "\")\"")
        return arguments
    }

    static func expectType(_ expression: PromQLExpr, _ wanted: PromQLExpr.ValueType, _ context: String) throws(PromQLError) {
        guard expression.type == wanted else {
            throw PromQLError(offset: expression.offset, "expected type \(wanted.rawValue) in \(context), got \(expression.type.rawValue)")
        }
    }

    // MARK: Ranges, subqueries, offset and @

    private mutating func postfix(_ base: PromQLExpr) throws(PromQLError) -> PromQLExpr {
        var expression = base
        while true {
            if peek.kind == .leftBracket {
                let at = advance().offset
                let range = try positiveDuration()
                if peek.kind == .rightBracket {
                    advance()
                    guard case .selector(let selector) = expression else { throw PromQLError(offset: at, "ranges only allowed for vector selectors") }
                    guard selector.modifiers == .none else { throw PromQLError(offset: at, "no offset or @ modifiers allowed before range") }
                    expression = .matrix(selector, range: range, at: selector.at)
                    continue
                }
                try expect(.colon, "\":\" or \"]\"")
                var step: Double?
                if case .duration = peek.kind { step = try positiveDuration() }
                try expect(.rightBracket, "\"]\"")
                operators += 1
                guard operators <= Self.maximumOperators else { throw PromQLError(offset: at, "more than \(Self.maximumOperators) operators in one expression") }
                guard expression.type == .vector else {
                    throw PromQLError(offset: at, "subquery is only allowed on instant vector, got \(expression.type.rawValue)")
                }
                expression = .subquery(expression, range: range, step: step, modifiers: .none, at: expression.offset)
                continue
            }
            if keyword(peek) == "offset" {
                let at = advance().offset
                var sign = 1.0
                if case .op(let s) = peek.kind, s == "-" || s == "+" {
                    sign = s == "-" ? -1 : 1
                    advance()
                }
                let seconds = try positiveDuration()
                expression = try modified(expression, at: at, "offset") { m throws(PromQLError) in
                    guard m.offset == nil else { throw PromQLError(offset: at, "offset may not be set multiple times") }
                    m.offset = sign * seconds
                }
                continue
            }
            if peek.kind == .at {
                let at = advance().offset
                let value: String
                if let word = keyword(peek), word == "start" || word == "end" {
                    advance()
                    try expect(.leftParen, "\"(\"")
                    try expect(.rightParen, "\")\"")
                    value = word + "()"
                } else {
                    var sign = ""
                    if case .op(let s) = peek.kind, s == "-" || s == "+" {
                        sign = s == "-" ? "-" : ""
                        advance()
                    }
                    guard case .number(let n) = peek.kind, n.isFinite else { throw unexpected("timestamp") }
                    advance()
                    value = sign + String(n)
                }
                expression = try modified(expression, at: at, "@") { m throws(PromQLError) in
                    guard m.at == nil else { throw PromQLError(offset: at, "@ <timestamp> may not be set multiple times") }
                    m.at = value
                }
                continue
            }
            return expression
        }
    }

    private mutating func positiveDuration() throws(PromQLError) -> Double {
        guard case .duration(let seconds) = peek.kind else { throw unexpected("duration") }
        guard seconds > 0 else { throw PromQLError(offset: peek.offset, "duration must be greater than 0") }
        advance()
        return seconds
    }

    private func modified(_ expression: PromQLExpr, at: Int, _ what: String,
                          _ change: (inout PromQLExpr.Modifiers) throws(PromQLError) -> Void) throws(PromQLError) -> PromQLExpr {
        switch expression {
        case .selector(var s):
            try change(&s.modifiers)
            return .selector(s)
        case .matrix(var s, let range, let start):
            try change(&s.modifiers)
            return .matrix(s, range: range, at: start)
        case .subquery(let inner, let range, let step, var m, let start):
            try change(&m)
            return .subquery(inner, range: range, step: step, modifiers: m, at: start)
        default:
            throw PromQLError(offset: at, "\(what) modifier must be preceded by an instant vector selector or range vector selector or a subquery")
        }
    }
}
