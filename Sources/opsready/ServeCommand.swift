import ArgumentParser
import Foundation
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Every workload's readiness and hypercare in the browser, and as a JSON API, read-only over the store.",
        discussion: """
        Pages: / (portfolio), /workloads/NAME. API: /api/workloads, /api/workloads/NAME, /api/workloads/NAME/assessments/ID, \\
        /api/workloads/NAME/hypercare, described at /api/openapi.yaml. Binds 127.0.0.1 unless --host is given; a host that is \\
        not loopback needs --token-file. SIGTERM or SIGINT ends it after the requests in flight (at most 3 s).
        """
    )

    @Option(help: "The store `assess --store` and `hypercare record --store` write: a SQLite file or a postgres:// URL.")
    var store: String

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed when listening).")
    var port = 8080

    @Option(help: "A file holding the token every request must carry (Authorization: Bearer TOKEN); required off loopback.")
    var tokenFile: String?

    @Option(help: "The hypercare plan (default: rubrics/hypercare/plan.yaml).")
    var plan: String?

    @Option(help: "Judge hypercare as of this day (YYYY-MM-DD, noon in each workload's time zone) instead of now.")
    var asOf: CalendarDate?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    }

    func run() async throws {
        let token = try tokenFile.map(Self.readToken)
        guard token != nil || PortfolioServer.isLoopback(host) else {
            throw CLIError("--host \(host) is not loopback: give --token-file so the portfolio is not open to the network")
        }
        if !HypercareHistory.isPostgres(store) && !FileManager.default.fileExists(atPath: store) {
            throw CLIError("\(store): no such store (write one with `opsready assess --store \(store)` or `opsready hypercare record --store \(store)`)")
        }
        let hypercarePlan = try HypercarePlan.load(path: plan ?? ResourceLocator.path("rubrics/hypercare/plan.yaml"))
        let openAPIPath = ResourceLocator.path("docs/openapi.yaml")
        guard let openAPI = FileManager.default.contents(atPath: openAPIPath) else { throw CLIError("\(openAPIPath): cannot read the API description") }
        let portfolio = try await Portfolio.open(store)
        var options = PortfolioServer.Options(host: host, port: port, token: token, plan: hypercarePlan, openAPI: String(decoding: openAPI, as: UTF8.self))
        options.asOf = asOf
        options.choices = try SeedChoices.bundled()
        let server = PortfolioServer(store: portfolio, options: options)
        let shown = HypercareHistory.name(store), host = self.host
        do {
            try await server.run { port in
                let address = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardError.write(Data("opsready: serving \(shown) at http://\(address):\(port)/\n".utf8))
            }
        } catch {
            await portfolio.close()
            throw CLIError("cannot serve on \(host):\(port): \(error)")
        }
        await portfolio.close()
    }

    /// The token: the file's text without surrounding white space; an empty or unreadable file is an error.
    static func readToken(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the token file") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16 else { throw CLIError("\(path): the token must have at least 16 characters") }
        return token
    }
}
