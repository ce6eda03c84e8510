/// The `${…}` placeholders of an `Fn::Sub` template, found by scanning its bytes (templates are full of them, and
/// Foundation's substring search was a tenth of loading a large stack).
enum SubPlaceholders {
    /// Each placeholder's full range (`${` to `}`) and the text between the braces, in order; an unclosed `${` ends
    /// the list and is reported as `unclosed`.
    static func scan(_ template: String) -> (placeholders: [(range: Range<String.Index>, name: Substring)], unclosed: Bool) {
        var found: [(range: Range<String.Index>, name: Substring)] = []
        let utf8 = template.utf8
        var i = utf8.startIndex
        while let dollar = utf8[i...].firstIndex(of: UInt8(ascii: "$")) {
            let brace = utf8.index(after: dollar)
            guard brace < utf8.endIndex else { break }
            guard utf8[brace] == UInt8(ascii: "{") else { i = brace; continue }
            let nameStart = utf8.index(after: brace)
            guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { return (found, true) }
            found.append((dollar..<utf8.index(after: close), template[nameStart..<close]))
            i = utf8.index(after: close)
        }
        return (found, false)
    }
}
