import Foundation

/// What a CI/CD step does, from the program it runs or the action it uses — never from words in its name: a table a
/// reviewer can read. A command is split into simple commands (at `&&`, `||`, `;`, `|` and line breaks); each is
/// matched on its leading words (`npm run test`, `aws cloudformation deploy`), after `sudo`, `env X=Y`, `npx` and
/// `python -m`. An action is matched on its `owner/name` (and path), without the ref.
enum PipelineStepKinds {
    /// A kind of step: what evidence it gives.
    enum Kind: String, CaseIterable {
        case test, lint, scan, readiness, deploy
    }

    /// Leading words → kind. Longer prefixes first where one is a prefix of another.
    static let commands: [(words: [String], kind: Kind)] = [
        // Readiness review: opsready itself.
        (["opsready", "assess"], .readiness), ([".build/release/opsready", "assess"], .readiness), ([".build/debug/opsready", "assess"], .readiness),
        // Tests.
        (["make", "test"], .test), (["make", "check"], .test), (["swift", "test"], .test), (["npm", "test"], .test), (["npm", "run", "test"], .test),
        (["npm", "ci-test"], .test), (["yarn", "test"], .test), (["pnpm", "test"], .test), (["pytest"], .test), (["tox"], .test),
        (["go", "test"], .test), (["mvn", "test"], .test), (["mvn", "verify"], .test), (["gradle", "test"], .test), (["./gradlew", "test"], .test),
        (["cargo", "test"], .test), (["dotnet", "test"], .test), (["rspec"], .test), (["bundle", "exec", "rspec"], .test), (["jest"], .test),
        (["taskcat", "test"], .test), (["sam", "validate"], .test), (["terraform", "validate"], .test), (["terraform", "plan"], .test),
        (["aws", "cloudformation", "validate-template"], .test),
        // Linters.
        (["cfn-lint"], .lint), (["swiftlint"], .lint), (["eslint"], .lint), (["npm", "run", "lint"], .lint), (["yarn", "lint"], .lint),
        (["ruff"], .lint), (["flake8"], .lint), (["pylint"], .lint), (["tflint"], .lint), (["yamllint"], .lint), (["hadolint"], .lint),
        (["shellcheck"], .lint), (["golangci-lint"], .lint), (["make", "lint"], .lint), (["terraform", "fmt"], .lint),
        // Security and policy scanners.
        (["checkov"], .scan), (["trivy"], .scan), (["snyk"], .scan), (["grype"], .scan), (["tfsec"], .scan), (["cfn_nag_scan"], .scan),
        (["cfn-guard"], .scan), (["semgrep"], .scan), (["gitleaks"], .scan), (["npm", "audit"], .scan), (["pip-audit"], .scan),
        // Deployments.
        (["aws", "cloudformation", "deploy"], .deploy), (["aws", "cloudformation", "create-stack"], .deploy),
        (["aws", "cloudformation", "update-stack"], .deploy), (["aws", "cloudformation", "execute-change-set"], .deploy),
        (["sam", "deploy"], .deploy), (["cdk", "deploy"], .deploy), (["terraform", "apply"], .deploy), (["rain", "deploy"], .deploy),
        (["aws", "ecs", "update-service"], .deploy), (["aws", "deploy", "create-deployment"], .deploy), (["copilot", "deploy"], .deploy),
        (["copilot", "svc", "deploy"], .deploy), (["serverless", "deploy"], .deploy), (["sls", "deploy"], .deploy),
        (["kubectl", "apply"], .deploy), (["helm", "upgrade"], .deploy), (["helm", "install"], .deploy), (["make", "deploy"], .deploy),
    ]

    /// `owner/name[/path]` of an action → kind.
    static let actions: [(prefix: String, kind: Kind)] = [
        ("aws-actions/aws-cloudformation-github-deploy", .deploy), ("aws-actions/amazon-ecs-deploy-task-definition", .deploy),
        ("aws-actions/aws-codebuild-run-build", .test), ("github/codeql-action/analyze", .scan), ("aquasecurity/trivy-action", .scan),
        ("bridgecrewio/checkov-action", .scan), ("snyk/actions", .scan), ("github/super-linter", .lint), ("super-linter/super-linter", .lint),
        ("scottbrenner/cfn-lint-action", .lint), ("aws-cloudformation/cfn-lint-action", .lint), ("hashicorp/setup-terraform", .test),
    ]

    /// The kinds of a shell script (a `run:` step, a CodeBuild command, a GitLab `script:` line).
    static func kinds(ofScript script: String) -> Set<Kind> {
        var kinds: Set<Kind> = []
        for command in simpleCommands(script) {
            var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            // Wrappers that run the command after them.
            while let first = words.first, ["sudo", "env", "npx", "exec", "time", "poetry", "pipenv", "uv"].contains(first) || first.contains("=") {
                words.removeFirst()
                if first == "poetry" || first == "pipenv" || first == "uv", words.first == "run" { words.removeFirst() }
            }
            if words.count >= 2, words[0].hasPrefix("python"), words[1] == "-m" { words.removeFirst(2) }
            if let first = words.first, first.hasPrefix("./") && first != "./gradlew" { words[0] = String(first.dropFirst(2)) }
            for entry in commands where words.count >= entry.words.count && Array(words.prefix(entry.words.count)) == entry.words {
                kinds.insert(entry.kind)
            }
        }
        return kinds
    }

    /// The kinds of a `uses:` reference (`owner/name/path@ref`).
    static func kinds(ofAction reference: String) -> Set<Kind> {
        let name = reference.split(separator: "@", maxSplits: 1).first.map(String.init) ?? reference
        return Set(actions.filter { name == $0.prefix || name.hasPrefix($0.prefix + "/") }.map(\.kind))
    }

    /// A script's simple commands: split at line breaks, `&&`, `||`, `;` and `|`, trimmed, comments dropped.
    static func simpleCommands(_ script: String) -> [String] {
        var commands: [String] = []
        for line in script.split(whereSeparator: \.isNewline) {
            var text = String(line)
            if let hash = text.firstIndex(of: "#"), text[..<hash].allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            for separator in ["&&", "||", ";", "|"] { text = text.replacingOccurrences(of: separator, with: "\u{0}") }
            commands += text.split(separator: "\u{0}").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return commands
    }
}
