import XCTest
import OpsDocument
@testable import OpsExpr

final class LanguageTests: XCTestCase {
    private func eval(_ source: String, _ variables: [String: Value] = [:]) throws -> Value {
        try Program(source).evaluate(Activation(variables: variables))
    }

    private func render(_ source: String, _ variables: [String: Value] = [:]) -> String {
        do { return ConformanceSuite.render(try eval(source, variables)) } catch { return "error: \(error)" }
    }

    func testParseErrorsCarryTheColumn() {
        for (source, column, message) in [
            ("1 + ", 5, "unexpected end of expression"),
            ("a.b(", 5, "unexpected end of expression"),
            ("'unterminated", 1, "unterminated string literal"),
            ("x == 1 1", 8, "unexpected number 1 after the expression"),
            ("a.all(1, true)", 7, "all() needs a variable name as its first argument"),
            ("has(a)", 1, "has() takes a single field selection, such as has(resource.Name)"),
            ("9223372036854775808", 1, "integer literal 9223372036854775808 is out of range"),
            ("\"\\q\"", 2, "invalid escape sequence '\\q'"),
        ] {
            XCTAssertThrowsError(try Program(source), source) { error in
                XCTAssertEqual(error as? ExprError, ExprError(column: column, message), source)
            }
        }
    }

    func testNestingIsBounded() {
        let deep = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        XCTAssertThrowsError(try Program(deep)) { error in
            XCTAssertTrue((error as? ExprError)?.message.contains("nested deeper than") ?? false)
        }
    }

    /// Operator chains build a tree as tall as the chain is long: past the limit they are refused at parse time, with
    /// a column, instead of overflowing the stack while checking or evaluating (20,000 terms did).
    func testOperatorChainsAreBounded() throws {
        let hostile = [
            Array(repeating: "1", count: 20_000).joined(separator: "+"), "!(" + String(repeating: "!(", count: 300) + "true" + String(repeating: ")", count: 301),
            "a" + String(repeating: ".b", count: 20_000), Array(repeating: "true", count: 20_000).joined(separator: " || "),
            "1" + String(repeating: " ? 1 : 1", count: 5_000),
            "x" + String(repeating: "[0]", count: 5_000), "x" + String(repeating: ".f()", count: 5_000),
        ]
        for source in hostile {
            XCTAssertThrowsError(try Program(source), String(source.prefix(20))) { error in
                XCTAssertTrue((error as? ExprError)?.message.contains("nested deeper than") ?? false, "\(error)")
            }
        }
        let chain = Array(repeating: "1", count: 200).joined(separator: " + ")
        XCTAssertEqual(try Program(chain).evaluate(Activation()), .int(200), "a long but reasonable chain still works")
        // As in cel-go and cel-cpp, a run of `!` or `-` is one operator or none: 30,000 of them build no tree at all.
        XCTAssertEqual(try Program(String(repeating: "!", count: 30_000) + "true").evaluate(Activation()), .bool(true))
        XCTAssertEqual(try Program(String(repeating: "!", count: 30_001) + "true").evaluate(Activation()), .bool(false))
        XCTAssertEqual(try Program(String(repeating: "-", count: 30_000) + "5").evaluate(Activation()), .int(5))
        XCTAssertThrowsError(try Program("--9223372036854775808"), "an even run leaves the literal unsigned, and out of range")
    }

    /// Values that double at each level (`[1,2].map(v, S).join()` 40 deep reached 4 GB) or many copies of a large
    /// string stop at the evaluation's size budget with an error, not the machine's memory.
    func testEvaluationMemoryIsBounded() throws {
        var doubling = "\"x\""
        for _ in 0..<40 { doubling = "[1,2].map(v, \(doubling)).join()" }
        XCTAssertThrowsError(try Program(doubling).evaluate(Activation())) { error in
            XCTAssertTrue((error as? EvalError)?.message.contains("bytes") ?? false, "\(error)")
        }
        let big = "\"" + String(repeating: "x", count: 100_000) + "\""
        let range = "[" + (0..<300).map(String.init).joined(separator: ",") + "]"
        XCTAssertThrowsError(try Program("size(\(range).map(a, \(range).map(b, \(big) + string(b))))").evaluate(Activation())) { error in
            XCTAssertEqual((error as? EvalError)?.message, "evaluation built more than 67108864 bytes of values")
        }
        XCTAssertEqual(try Program("[1,2].map(v, 'ab').join()").evaluate(Activation()), .string("abab"), "ordinary values are untouched")
    }

    /// Where we used to differ from cel-go and cel-cpp.
    func testSemanticsMatchTheReferenceImplementations() throws {
        XCTAssertEqual(try Program(#""abc".split("")"#).evaluate(Activation()), .list(ListValue([.string("a"), .string("b"), .string("c")])))
        // Leftmost, without overlaps, empty parts kept, multi-byte text and separators split on whole characters.
        XCTAssertEqual(try Program(#""aaa".split("aa")"#).evaluate(Activation()), .list(ListValue([.string(""), .string("a")])))
        XCTAssertEqual(try Program(#"",a,,b,".split(",")"#).evaluate(Activation()),
                       .list(ListValue(["", "a", "", "b", ""].map { .string($0) })))
        XCTAssertEqual(try Program(#""서비스-다운-서비스".split("서비스")"#).evaluate(Activation()),
                       .list(ListValue(["", "-다운-", ""].map { .string($0) })))
        XCTAssertEqual(try Program(#""abc".split("abcd")"#).evaluate(Activation()), .list(ListValue([.string("abc")])))
        XCTAssertThrowsError(try Program("uint(-0.5)").evaluate(Activation()))
        XCTAssertEqual(try Program("uint(0.5)").evaluate(Activation()), .uint(0))
        XCTAssertEqual(try Program(#"type(duration("1s")) == google.protobuf.Duration"#).evaluate(Activation()), .bool(true))
        XCTAssertEqual(try Program(#"type(timestamp("2020-01-01T00:00:00Z")) == google.protobuf.Timestamp"#).evaluate(Activation()), .bool(true))
        XCTAssertThrowsError(try Program(#"uint("-0")"#).evaluate(Activation()))
        for (source, text) in [("string(1e10)", "1e+10"), ("string(1e9 + 0.0)", "1e+09"), ("string(123456.0)", "123456"), ("string(0.0001)", "0.0001"),
                               ("string(0.00001)", "1e-05"), ("string(1.5)", "1.5")] {
            XCTAssertEqual(try Program(source).evaluate(Activation()), .string(text), source)
        }
    }

    func testHostileExpressionsHitTheStepLimit() throws {
        let program = try Program("[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d > 0))))")
        XCTAssertThrowsError(try program.evaluate(Activation(), limits: EvalLimits(maxSteps: 10_000))) { error in
            XCTAssertEqual(error as? EvalError, EvalError("evaluation exceeded 10000 steps"))
        }
        XCTAssertEqual(try program.evaluate(Activation()), .bool(true))
    }

    /// Every node is one step and every loop turn one more, however expressions are run: a step limit stops the same
    /// expression at the same place (a call left to evaluation counts the call, then the builtin it falls back to).
    func testEachNodeAndLoopTurnIsOneStep() throws {
        let cases: [(String, Int)] = [
            ("1", 1), ("1 + 2", 3), ("!(1 < 2)", 4), ("x.y.z", 3), ("has(x.y)", 2), ("x['y']", 3), ("-x.n", 3),
            ("true ? 1 : 2", 3), ("false || x.n > 0", 6), ("[1, 2].all(v, v > 0)", 12), ("{'a': 1}", 3),
            ("[1, 2, 3].map(v, v * 2)", 17), ("[1, 2, 3].filter(v, v > 1).size()", 18), ("'abc'.startsWith('a')", 3),
            ("size('abc')", 2), ("r.y", 1),
        ]
        var variables: [String: Value] = ["x": .map(MapValue([(key: .string("y"), value: .map(MapValue([(key: .string("z"), value: .int(1))]))),
                                                             (key: .string("n"), value: .int(3))])),
                                          "r.y": .int(7)]
        variables["r"] = .map(MapValue([]))
        for (source, steps) in cases {
            let program = try Program(source)
            XCTAssertNoThrow(try program.evaluate(Activation(variables: variables), limits: EvalLimits(maxSteps: steps)), source)
            XCTAssertThrowsError(try program.evaluate(Activation(variables: variables), limits: EvalLimits(maxSteps: steps - 1)), source) { error in
                XCTAssertEqual(error as? EvalError, EvalError("evaluation exceeded \(steps - 1) steps"), source)
            }
        }
        // Declared as a host function but not bound when run: the builtin of that name, one step later.
        let size = HostFunction("size", arity: 1...1) { _, _ throws(EvalError) in .int(-1) }
        let fallback = try Program("size('abc')", environment: Environment(functions: [size]))
        XCTAssertEqual(try fallback.evaluate(Activation(), limits: EvalLimits(maxSteps: 3)), .int(3))
        XCTAssertThrowsError(try fallback.evaluate(Activation(), limits: EvalLimits(maxSteps: 2)))
        XCTAssertEqual(try fallback.evaluate(Activation(functions: [size])), .int(-1))
        XCTAssertEqual(try Program("r.y").evaluate(Activation(variables: variables)), .int(7), "a dotted name bound whole")
        XCTAssertEqual(try Program("[{'y': 2}].map(r, r.y)").evaluate(Activation(variables: variables)), .list(ListValue([.int(2)])),
                       "unless its first name is a loop variable")
    }

    func testErrorsAreAbsorbedByLogicalOperatorsBothWays() {
        XCTAssertEqual(render("{}.missing || true"), "true")
        XCTAssertEqual(render("true || {}.missing"), "true")
        XCTAssertEqual(render("{}.missing && false"), "false")
        XCTAssertEqual(render("false && {}.missing"), "false")
        XCTAssertEqual(render("{}.missing && true"), "error: no such key: 'missing'")
        XCTAssertEqual(render("[1, 0].exists(x, 1 / x == 1)"), "true")
        XCTAssertEqual(render("[0, 1].all(x, 1 / x == 1)"), "error: division by zero")
    }

    func testDocumentBackedValuesBehaveLikeLiterals() throws {
        let doc = try XCTUnwrap(DocumentLoader.parse("Rules:\n  - {Port: 22, Cidr: 0.0.0.0/0}\n  - {Port: 443, Cidr: 0.0.0.0/0}\nName: web\n", file: "d.yaml").first)
        let vars: [String: Value] = ["r": Value(doc)]
        XCTAssertEqual(render("r.Rules.map(x, x.Port)", vars), "[22, 443]")
        XCTAssertEqual(render("r.Rules.exists(x, x.Port == 22)", vars), "true")
        XCTAssertEqual(render("size(r.Rules) == 2 && 'Name' in r && r.Name.startsWith('w')", vars), "true")
        XCTAssertEqual(render("r == {'Rules': [{'Port': 22, 'Cidr': '0.0.0.0/0'}, {'Port': 443, 'Cidr': '0.0.0.0/0'}], 'Name': 'web'}", vars), "true")
        XCTAssertEqual(render("r.Rules[1].Port + 1u", vars), "error: no such overload: _+_(int, uint)")
    }

    func testTracingReportsTheLastPropertyRead() throws {
        let doc = try XCTUnwrap(DocumentLoader.parse("A: 1\nB:\n  C: 2\n", file: "t.yaml").first)
        let (result, reads) = try Program("resource.A == 1 && resource.B.C > 5").evaluateTracing(Activation(variables: ["resource": Value(doc)]))
        XCTAssertEqual(try result.get(), .bool(false))
        XCTAssertEqual(reads.map(\.location.description), ["t.yaml:1:1", "t.yaml:2:1", "t.yaml:3:3"])
        let missing = try Program("has(resource.B.D)").evaluateTracing(Activation(variables: ["resource": Value(doc)]))
        XCTAssertTrue(missing.reads.last === doc["B"], "a has() miss records the mapping that lacks the key")
    }

    func testStrictEnvironmentRejectsUnknownNamesWhenCompiled() {
        let environment = Environment(variables: ["resource"], functions: [HostFunction("ofType", arity: 1...1) { _, _ throws(EvalError) in .null }])
        XCTAssertThrowsError(try Program("resourse.X == 1", environment: environment)) { error in
            XCTAssertEqual(error as? ExprError, ExprError(column: 1, "undeclared reference to 'resourse' (known: resource)"))
        }
        XCTAssertThrowsError(try Program("resource.X.lenght() > 1", environment: environment)) { error in
            XCTAssertEqual(error as? ExprError, ExprError(column: 12, "undeclared function .lenght()"))
        }
        XCTAssertThrowsError(try Program("ofType()", environment: environment)) { error in
            XCTAssertEqual(error as? ExprError, ExprError(column: 1, "ofType() takes 1 argument(s)"))
        }
        XCTAssertThrowsError(try Program("resource.Name.matches('[')", environment: environment)) { error in
            XCTAssertEqual((error as? ExprError)?.column, 23)
        }
        XCTAssertNoThrow(try Program("[1].all(x, x > 0) && ofType('T').size() == 0 && type(resource) == map", environment: environment))
    }

    func testHostFunctionsSeeTheActivation() throws {
        let twice = HostFunction("twice", arity: 1...1) { args, activation throws(EvalError) in
            guard case .int(let i) = args[0], case .int(let k)? = activation["k"] else { throw EvalError("bad") }
            return .int(i * 2 + k)
        }
        let program = try Program("twice(20)", environment: Environment(variables: ["k"], functions: [twice]))
        XCTAssertEqual(try program.evaluate(Activation(variables: ["k": .int(2)], functions: [twice])), .int(42))
    }

    func testStringExtensionsAndTimeArithmetic() {
        XCTAssertEqual(render("'18:00-19:00'.split('-')"), "[\"18:00\", \"19:00\"]")
        XCTAssertEqual(render("['a', 'b'].join('/')"), "\"a/b\"")
        XCTAssertEqual(render("'AbC'.lowerAscii() + 'x'.upperAscii()"), "\"abcX\"")
        XCTAssertEqual(render("timestamp('2026-12-01T00:00:00+09:00').getHours('Asia/Seoul')"), "0")
        XCTAssertEqual(render("timestamp('2026-12-01T00:00:00Z') + duration('30m') > timestamp('2026-12-01T00:29:59Z')"), "true")
        XCTAssertEqual(render("string(duration('1h30m'))"), "\"5400s\"")
    }
}
