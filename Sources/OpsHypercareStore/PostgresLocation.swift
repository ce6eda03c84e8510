import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import OpsDocument
import PostgresNIO

/// A `postgres://` URL, read the way libpq reads it: user, password (or `PGPASSWORD`), host, port (5432), database
/// `sslmode` (`disable`, `prefer` — the default —, `require`, `verify-full`) and `sslrootcert` (the CA file
/// `verify-full` trusts instead of the system roots). Errors never show the password.
struct PostgresLocation {
    let host: String
    let port: Int
    let user: String
    let password: String?
    let database: String?
    let sslMode: String
    let rootCertificate: String?

    init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let host = parts.host, !host.isEmpty else {
            throw DocumentError(file: "--store", message: "not a PostgreSQL URL: expected postgres://user@host[:port]/database")
        }
        guard let user = parts.user ?? environment["PGUSER"], !user.isEmpty else {
            throw DocumentError(file: "--store", message: "postgres://\(host): give a user, as postgres://user@\(host)/database")
        }
        self.host = host
        port = parts.port ?? 5432
        self.user = user
        password = parts.password ?? environment["PGPASSWORD"]
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? nil : path
        sslMode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        rootCertificate = parts.queryItems?.first(where: { $0.name == "sslrootcert" })?.value
        guard ["disable", "prefer", "require", "verify-full"].contains(sslMode) else {
            throw DocumentError(file: redacted, message: "sslmode must be disable, prefer, require or verify-full, got '\(sslMode)'")
        }
    }

    /// The URL as errors and messages show it: no password.
    var redacted: String { "postgres://\(user)@\(host):\(port)/\(database ?? "")" }

    func configuration() throws -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if sslMode != "verify-full" { tls.certificateVerification = .none }
        if let rootCertificate {
            guard FileManager.default.isReadableFile(atPath: rootCertificate) else {
                throw DocumentError(file: redacted, message: "sslrootcert: cannot read '\(rootCertificate)'")
            }
            tls.trustRoots = .file(rootCertificate)
        }
        let mode: PostgresConnection.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require", "verify-full": .require(try NIOSSLContext(configuration: tls))
        default: .prefer(try NIOSSLContext(configuration: tls))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    /// A database error as a one-line input error naming the database (the server's message when it sent one).
    /// The same settings for a pool of connections (a server's).
    func clientConfiguration() throws -> PostgresClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if sslMode != "verify-full" { tls.certificateVerification = .none }
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        let mode: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require", "verify-full": .require(tls)
        default: .prefer(tls)
        }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    func error(_ error: any Error) -> any Error {
        if error is DocumentError { return error }
        return DocumentError(file: redacted, message: "hypercare history: \(reason(error))")
    }

    private func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if error.code == .sslUnsupported { return "the server does not offer TLS (sslmode=\(sslMode)); use sslmode=prefer or disable" }
        if error.code == .connectionError || error.underlying is NIOConnectionError {
            let failure = (error.underlying as? NIOConnectionError)?.connectionErrors.first?.error ?? error.underlying
            if let tls = failure as? NIOSSLError {
                let untrusted = "\(tls)".contains("CERTIFICATE_VERIFY_FAILED")
                return "TLS with \(host):\(port) failed: " + (untrusted
                    ? "the server's certificate is not trusted (sslmode=verify-full checks it against \(rootCertificate ?? "the system roots") and the host name)"
                    : "\(tls)")
            }
            let cause = failure.map { ($0 as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\($0)" }
            return "cannot connect to \(host):\(port)" + (cause.map { ": \($0)" } ?? "")
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
