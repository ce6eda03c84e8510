import Foundation
@testable import OpsAssessment
import OpsDocument
import XCTest

/// The repository as evidence: GitHub Actions workflows (in the shape of docs.github.com's workflow syntax, written
/// here), CodeBuild buildspecs and Dependabot configuration read into `OpsReady::Pipeline` and
/// `OpsReady::DependencyUpdates`, each step classified by the program it runs, never by words in it.
final class PipelineEvidenceTests: XCTestCase {
    func testStepsAreClassifiedByTheProgramTheyRun() {
        let cases: [(String, Set<PipelineStepKinds.Kind>)] = [
            ("make test", [.test]), ("echo \"make test\"", []), ("# make test", []), ("cd infra && cfn-lint template.yaml", [.lint]),
            ("python3 -m pytest -q", [.test]), ("npx cdk deploy --all", [.deploy]), ("TF_IN_AUTOMATION=1 terraform apply -auto-approve", [.deploy]),
            ("opsready assess --manifest opsready.yaml", [.readiness]), ("opsready checks list", []), ("sudo make deploy", [.deploy]),
            ("checkov -d . | tee out.txt", [.scan]), ("aws cloudformation describe-stacks", []), ("make testdata", []),
            ("aws cloudformation validate-template --template-body file://t.yaml\naws cloudformation deploy --stack-name s", [.test, .deploy]),
        ]
        for (script, expected) in cases {
            XCTAssertEqual(PipelineStepKinds.kinds(ofScript: script), expected, script)
        }
        XCTAssertEqual(PipelineStepKinds.kinds(ofAction: "aws-actions/aws-cloudformation-github-deploy@v1"), [.deploy])
        XCTAssertEqual(PipelineStepKinds.kinds(ofAction: "github/codeql-action/analyze@v3"), [.scan])
        XCTAssertEqual(PipelineStepKinds.kinds(ofAction: "github/codeql-action/upload-sarif@v3"), [], "uploading results is not scanning")
        XCTAssertEqual(PipelineStepKinds.kinds(ofAction: "actions/checkout@v4"), [])
    }

    func testAWorkflowBecomesAPipelineWithItsTriggersJobsAndLines() throws {
        let text = """
            name: release
            'on':
              push:
                branches: [main, 'release/*']
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: make test
              production:
                needs: test
                runs-on: ubuntu-latest
                environment: {name: production, url: https://example.com}
                steps:
                  - uses: aws-actions/aws-cloudformation-github-deploy@v1
            """
        let document = try DocumentLoader.parse(text, file: ".github/workflows/release.yml")[0]
        XCTAssertTrue(GitHubActionsAdapter.recognizes(document), "a quoted 'on' is read too")
        XCTAssertEqual(try InputAdapters.adapter(for: document).map { "\($0)" }, "GitHubActionsAdapter")
        let pipeline = try XCTUnwrap(GitHubActionsAdapter.resources(in: document).first)
        XCTAssertEqual(pipeline.type, "OpsReady::Pipeline")
        XCTAssertEqual(pipeline.id, "release")
        let properties = try XCTUnwrap(pipeline.properties)
        XCTAssertEqual(properties["Triggers"]?.items?.compactMap(\.string), ["push", "pull_request"])
        XCTAssertEqual(properties["PushBranches"]?.items?.compactMap(\.string), ["main", "release/*"])
        let jobs = try XCTUnwrap(properties["Jobs"]?.items)
        XCTAssertEqual(jobs.map { $0["Id"]?.string }, ["test", "production"])
        XCTAssertEqual(jobs[0]["Kinds"]?.items?.compactMap(\.string), ["test"])
        XCTAssertEqual(jobs[0]["Kinds"]?.items?.first?.location.line, 11, "a kind is located at the step that gave it")
        XCTAssertEqual(jobs[1]["Needs"]?.items?.compactMap(\.string), ["test"], "needs: one job, as a string")
        XCTAssertEqual(jobs[1]["Environment"]?.string, "production", "environment: {name:}")
        XCTAssertEqual(jobs[1]["Kinds"]?.items?.compactMap(\.string), ["deploy"])
        // A workflow is not a CloudFormation template, and a template is not a workflow.
        let template = try DocumentLoader.parse("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", file: "t.yaml")[0]
        XCTAssertFalse(GitHubActionsAdapter.recognizes(template))
        let composite = try DocumentLoader.parse("name: x\nruns:\n  using: composite\n  steps: []\n", file: "action.yml")[0]
        XCTAssertFalse(GitHubActionsAdapter.recognizes(composite), "an action's own definition is not a workflow")
    }

    /// GitLab (the shape of docs.gitlab.com's `.gitlab-ci.yml` reference, written here): jobs wait for the stages before
    /// theirs unless they say `needs`; merge-request pipelines come from a rule on `$CI_PIPELINE_SOURCE`.
    func testAGitLabConfigurationBecomesAPipeline() throws {
        let text = """
            stages: [lint, test, deploy]
            workflow:
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
            .aws: {image: amazon/aws-cli}
            cfn-lint:
              stage: lint
              script: [cfn-lint template.yaml]
            unit:
              stage: test
              script:
                - make test
            production:
              stage: deploy
              extends: .aws
              environment: {name: production}
              script:
                - aws cloudformation deploy --stack-name app --template-file template.yaml
            hotfix:
              stage: deploy
              needs: []
              script: ["echo 'deploy by hand: sam deploy'"]
            """
        let document = try DocumentLoader.parse(text, file: ".gitlab-ci.yml")[0]
        XCTAssertEqual(try InputAdapters.adapter(for: document).map { "\($0)" }, "GitLabCIAdapter")
        let pipeline = try XCTUnwrap(GitLabCIAdapter.resources(in: document).first?.properties)
        XCTAssertEqual(pipeline["Triggers"]?.items?.compactMap(\.string), ["push", "merge_request_event"])
        let jobs = try XCTUnwrap(pipeline["Jobs"]?.items)
        XCTAssertEqual(jobs.map { $0["Id"]?.string }, ["cfn-lint", "unit", "production", "hotfix"])
        XCTAssertEqual(jobs[2]["Needs"]?.items?.compactMap(\.string), ["cfn-lint", "unit"], "the stages before its own")
        XCTAssertEqual(jobs[2]["Environment"]?.string, "production")
        XCTAssertEqual(jobs[2]["Kinds"]?.items?.compactMap(\.string), ["deploy"])
        XCTAssertEqual(jobs[3]["Needs"]?.items?.count, 0, "needs: [] starts at once")
        XCTAssertEqual(jobs[3]["Kinds"]?.items?.count, 0, "an echo deploys nothing")
        let compose = try DocumentLoader.parse("services:\n  web:\n    image: nginx\n", file: "docker-compose.yml")[0]
        XCTAssertFalse(GitLabCIAdapter.recognizes(compose))
    }

    func testBuildspecsAndDependabotConfigurations() throws {
        let buildspec = try DocumentLoader.parse("""
            version: 0.2
            phases:
              install:
                commands: [pip install cfn-lint]
              build:
                commands:
                  - cfn-lint template.yaml
                  - sam deploy --no-confirm-changeset
            """, file: "buildspec.yml")[0]
        let pipeline = try XCTUnwrap(BuildspecAdapter.resources(in: buildspec).first)
        XCTAssertEqual(pipeline.properties?["Jobs"]?.items?.map { $0["Kinds"]?.items?.compactMap(\.string) ?? [] }, [[], ["lint", "deploy"]])
        let dependabot = try DocumentLoader.parse("""
            version: 2
            updates:
              - package-ecosystem: npm
                directory: /web
                schedule: {interval: monthly}
              - package-ecosystem: github-actions
                directory: /
                schedule: {interval: weekly}
            """, file: ".github/dependabot.yml")[0]
        let updates = try DependabotAdapter.resources(in: dependabot)
        XCTAssertEqual(updates.map(\.id), ["npm /web", "github-actions /"])
        XCTAssertEqual(updates.map { $0.properties?["Interval"]?.string }, ["monthly", "weekly"])
        XCTAssertEqual(updates[0].location.line, 3)
    }

    /// `inputs.repository` adds the repository's evidence files; a manifest at a git work tree's root uses its own;
    /// one that is not a directory is an error at its line.
    func testTheManifestNamesTheRepository() throws {
        let directory = NSTemporaryDirectory() + "opsready-repository-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/app/.github/workflows", withIntermediateDirectories: true)
        try "on: push\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n".write(toFile: directory + "/app/.github/workflows/ci.yml", atomically: true, encoding: .utf8)
        try "version: 2\nupdates: []\n".write(toFile: directory + "/app/.github/dependabot.yml", atomically: true, encoding: .utf8)
        try "x".write(toFile: directory + "/file.txt", atomically: true, encoding: .utf8)
        func manifest(_ inputs: String, at path: String) throws -> Manifest {
            try "workload:\n  name: w\n\(inputs)".write(toFile: path, atomically: true, encoding: .utf8)
            return try Manifest.load(path: path)
        }
        let named = try manifest("inputs:\n  repository: app\n", at: directory + "/opsready.yaml")
        XCTAssertEqual(named.repository, directory + "/app")
        XCTAssertEqual(named.inputs, [directory + "/app/.github/workflows/ci.yml", directory + "/app/.github/dependabot.yml"])
        XCTAssertNil(try manifest("", at: directory + "/opsready.yaml").repository, "no .git here: no repository")
        try FileManager.default.createDirectory(atPath: directory + "/app/.git", withIntermediateDirectories: true)
        XCTAssertEqual(try manifest("", at: directory + "/app/opsready.yaml").repository, directory + "/app", "a work tree's root is its own repository")
        XCTAssertThrowsError(try manifest("inputs:\n  repository: file.txt\n", at: directory + "/opsready.yaml")) { error in
            XCTAssertTrue("\(error)".contains("opsready.yaml:4:15: repository 'file.txt' is not a directory"), "\(error)")
        }
    }
}
