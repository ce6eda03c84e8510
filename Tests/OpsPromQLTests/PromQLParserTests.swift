import OpsPromQL
import XCTest

final class PromQLParserTests: XCTestCase {
    func accepts(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        do { _ = try PromQLParser.parse(text) } catch { XCTFail("\(text): \(error.message) at \(error.offset)", file: file, line: line) }
    }

    func refuses(_ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try PromQLParser.parse(text)
            XCTFail("accepted: \(text)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.message.contains(fragment), "\(text): \(error.message)", file: file, line: line)
        }
    }

    /// The grammar's forms, as real rule files write them (kube-prometheus, awesome-prometheus-alerts shapes).
    func testTheGrammarsForms() {
        accepts(#"sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m])) > 0.9"#)
        accepts(#"histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{job="api"}[5m])) by (le)) > 0.15"#)
        accepts(#"(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"} / node_filesystem_size_bytes < 0.10) and on (instance, device, mountpoint) node_filesystem_readonly == 0"#)
        accepts(#"max_over_time(rate(x[1m])[30m:1m] offset -5m) > bool 3"#)
        accepts(#"a * on (job) group_left (version) b"#)
        accepts(#"a / ignoring (code) group_right b"#)
        accepts(#"topk(5, sum without (instance) (up @ end()))"#)
        accepts("count_values(\"version\", build_info)")
        accepts("x offset 1h30m @ 1609746000")
        accepts("-x ^ 2 + 0x1F * .5e1 - Inf")
        accepts("{__name__=~\"job:.*\", job!=\"\"}")
        accepts("time() - probe_ssl_earliest_cert_expiry < 86400 * 30")
        accepts("absent(up{job=\"api\"} == 1)")
        accepts("label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\") # a comment")
        accepts("SUM(x) BY (a)")
        accepts("x{a='single', b=`raw\\n`}")
    }

    func testTheTreeReadsAsPrometheusReadsIt() throws {
        // `^` is right-associative and binds tighter than a sign; `*` tighter than `+`; comparisons looser still.
        guard case .binary(.greater, let lhs, .number(0.5, _), _, _) = try PromQLParser.parse("a + b * c > 0.5") else { return XCTFail() }
        guard case .binary(.add, _, .binary(.multiply, _, _, _, _), _, _) = lhs else { return XCTFail("\(lhs)") }
        guard case .unary(true, .binary(.power, _, .binary(.power, _, _, _, _), _, _), _) = try PromQLParser.parse("-a ^ b ^ c") else { return XCTFail() }
        guard case .aggregate(let a) = try PromQLParser.parse("sum(rate(x[5m])) by (job)") else { return XCTFail() }
        XCTAssertEqual(a.labels, ["job"])
        guard case .call("rate", let arguments, _) = a.expression, case .matrix(let s, 300, _) = arguments[0] else { return XCTFail() }
        XCTAssertEqual(s.name, "x")
        XCTAssertEqual(try PromQLParser.parse("x offset 1h30m").selectors.first?.modifiers.offset, 5_400)
    }

    func testWhatPrometheusRefuses() {
        refuses("rate(up)", "expected type range vector")
        refuses("1 > 2", "BOOL modifier")
        refuses("sum(x) by (a) without (b)", "unexpected")
        refuses("sum(rate(x[5m])[5m])", "ranges only allowed for vector selectors")
        refuses("{}", "at least one non-empty matcher")
        refuses("{job=~\".*\"}", "at least one non-empty matcher")
        refuses("foo{__name__=\"bar\"}", "must not be set twice")
        refuses("a and 1", "set operator")
        refuses("1 + on(a) b", "vector matching only allowed between instant vectors")
        refuses("a and on(x) group_left b", "no grouping allowed")
        refuses("a + bool b", "bool modifier")
        refuses("x{a=~\"(\"}", "invalid regular expression")
        refuses("topk(x, y)", "aggregation parameter")
        refuses("sum(x, y)", "wrong number of arguments")
        refuses("nosuchfunction(x)", "unknown function")
        refuses("x offset 5m offset 5m", "multiple times")
        refuses("sum(x) offset 5m", "offset modifier must be preceded")
        refuses("x[5m] > 1", "binary expression must contain only scalar and instant vector types")
        refuses("x[1.5m]", "bad number or duration")
        refuses("x[5m30h]", "bad duration")
        refuses("5m", "unexpected duration")
        refuses("rate(x[5m]", "unexpected end of input")
        refuses("x{a=\"b\"", "unexpected end of input")
        refuses("\"unterminated", "unterminated")
        refuses("x $ y", "unexpected character")
        refuses("", "no expression")
        refuses("a * on(b) group_left(b) c", "must not occur in ON and GROUP")
        refuses("-\"s\"", "unary expression only allowed")
        refuses("(x)[5m]", "ranges only allowed")
        refuses("x[5m][10m:1m]", "subquery is only allowed on instant vector")
    }
}
