extension String {
    /// The text safe to print on a terminal or a CI log: every control character (line breaks, ESC, BEL, C1 controls),
    /// and the bidirectional overrides that reorder what a reader sees, shown as `\u{1B}` instead of acting; a `::`
    /// at the start (a GitHub Actions workflow command) gets a space before it. Text from inputs goes through this
    /// before it reaches a text report.
    public var terminalSafe: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out.hasPrefix("::") ? " " + out : out
    }
}
