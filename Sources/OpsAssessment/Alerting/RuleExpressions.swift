import OpsDocument
import OpsPromQL

/// The PromQL `expr` of each rule in a Prometheus rule file or `PrometheusRule`, parsed. An expression that is not
/// PromQL is an input error at its `expr` value, with the column inside the expression where it goes wrong.
public enum RuleExpressions {
    /// Parses one rule's `expr`; the error is located at the value in the file.
    public static func parse(_ expr: Node) throws(DocumentError) -> PromQLExpr {
        guard let text = expr.string else { throw DocumentError(at: expr.location, "'expr' must be a PromQL expression (a string)") }
        do {
            return try PromQLParser.parse(text)
        } catch {
            throw DocumentError(at: expr.location, "expr: \(position(of: error.offset, in: text)): \(error.message)")
        }
    }

    /// Every rule expression of a document that does not parse, in file order (`opsready alerts check`).
    public static func problems(in document: Node) -> [DocumentError] {
        var result: [DocumentError] = []
        for group in PrometheusRulesAdapter.groups(of: document)?.items ?? [] {
            for rule in group["rules"]?.items ?? [] {
                guard let expr = rule["expr"] else {
                    result.append(DocumentError(at: rule.location, "a rule needs an 'expr'"))
                    continue
                }
                do { _ = try parse(expr) } catch { result.append(error) }
            }
        }
        return result
    }

    /// `line:column` of a UTF-8 offset in the expression text, as promtool prints it.
    static func position(of offset: Int, in text: String) -> String {
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == 0x0A { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return "\(line):\(column)"
    }
}
