import Foundation
import Hummingbird
import Logging
import OpsCore
import OpsHypercare
import OpsHypercareStore
import OpsPortfolio
import OpsReporters
import ServiceLifecycle

/// `opsready serve`: the portfolio, each workload and the JSON API over HTTP, read-only over the store. The store is
/// the only state, so any number of servers on one PostgreSQL database give the same answers; each page reads it with
/// a fixed number of queries. SIGTERM or SIGINT stops accepting, lets requests in flight finish (at most 3 s) and ends.
public struct PortfolioServer: Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// When set, every request must carry it (`Authorization: Bearer …`, or as the password of Basic auth).
        public var token: String?
        public var plan: HypercarePlan
        /// The seed-choice catalogue: each workload's plan takes the choices its records carry.
        public var choices = SeedChoices()
        /// The OpenAPI description served at `/api/openapi.yaml`.
        public var openAPI: String
        /// Hypercare is judged at noon of this day in each workload's time zone instead of now.
        public var asOf: CalendarDate?

        public init(host: String, port: Int, token: String?, plan: HypercarePlan, openAPI: String) {
            self.host = host
            self.port = port
            self.token = token
            self.plan = plan
            self.openAPI = openAPI
        }
    }

    let store: any PortfolioStore
    let options: Options

    public init(store: any PortfolioStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Serves until SIGTERM or SIGINT; `onListening` gets the bound port (the one asked for, or the system's for 0).
    public func run(onListening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(ResponseHeadersMiddleware())
        if let token = options.token { router.middlewares.add(BearerTokenMiddleware(token: token)) }
        PortfolioRoutes(store: store, options: options).add(to: router)
        let quiet = Logger(label: "opsready.serve", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(router: router, configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) }, logger: quiet)
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet)
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        configuration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// Whether `host` is a loopback address (the only kind `serve` binds without a token).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }
}
