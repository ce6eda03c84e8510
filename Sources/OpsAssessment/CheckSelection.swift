import Foundation
import OpsCore
import OpsDocument

/// Which checks run: the manifest's `checks: {skip: [{id, reason}], only: [id]}` and the command line's
/// `--skip-check` / `--check`. Ids may be globs (`AICC-LOG-*`). A skipped check is reported as skipped with its
/// reason and is no evidence either way; checks outside `only` are left out. A pattern that matches no loaded check
/// is an error where it is written: a typo would otherwise select nothing, silently.
public struct CheckSelection: Sendable {
    public struct Skip: Sendable {
        public let pattern: String
        public let reason: String
        /// Where it is written; nil on the command line.
        public let location: SourceLocation?

        public init(pattern: String, reason: String, location: SourceLocation?) {
            (self.pattern, self.reason, self.location) = (pattern, reason, location)
        }
    }

    public struct Only: Sendable {
        public let pattern: String
        public let location: SourceLocation?

        public init(pattern: String, location: SourceLocation?) {
            (self.pattern, self.location) = (pattern, location)
        }
    }

    public var skip: [Skip] = []
    public var only: [Only] = []

    public init(skip: [Skip] = [], only: [Only] = []) {
        self.skip = skip
        self.only = only
    }

    /// Reads the manifest's `checks:` mapping.
    static func parse(_ node: Node) throws(DocumentError) -> CheckSelection {
        var reader = try NodeReader(node, what: "checks")
        var selection = CheckSelection()
        for item in try reader.list("skip") {
            var r = try NodeReader(item, what: "skipped check")
            let pattern = try r.string("id")
            let reason = try r.string("reason")
            try r.finish()
            guard !reason.allSatisfy(\.isWhitespace) else { throw DocumentError(at: item.location, "skipping \(pattern) needs a reason") }
            selection.skip.append(Skip(pattern: pattern, reason: reason, location: item["id"]?.location ?? item.location))
        }
        for item in try reader.list("only") {
            selection.only.append(Only(pattern: try NodeReader.string(item, key: "only"), location: item.location))
        }
        try reader.finish()
        return selection
    }

    /// Every pattern names at least one loaded check.
    public func validate(_ checks: [Check]) throws(DocumentError) {
        let ids = checks.map(\.id)
        for (pattern, location, flag) in skip.map({ ($0.pattern, $0.location, "--skip-check") }) + only.map({ ($0.pattern, $0.location, "--check") })
        where !ids.contains(where: { Self.matches(pattern, $0) }) {
            let message = "'\(pattern)' matches no loaded check"
            if let location { throw DocumentError(at: location, message) }
            throw DocumentError(file: flag, line: 1, column: 1, message: message)
        }
    }

    /// The checks to run, and those skipped with why.
    public func apply(to checks: [Check]) -> (run: [Check], skipped: [(check: Check, skip: Skip)]) {
        var run: [Check] = []
        var skipped: [(check: Check, skip: Skip)] = []
        for check in checks where only.isEmpty || only.contains(where: { Self.matches($0.pattern, check.id) }) {
            if let reason = skip.first(where: { Self.matches($0.pattern, check.id) }) {
                skipped.append((check, reason))
            } else {
                run.append(check)
            }
        }
        return (run, skipped)
    }

    /// Glob matching on ids, as shells match file names (the C library's `fnmatch`): `*` any run of characters, `?`
    /// one character, `[234]` or `[0-9]` one of a set, anything else itself.
    public static func matches(_ pattern: String, _ id: String) -> Bool {
        fnmatch(pattern, id, 0) == 0
    }
}
