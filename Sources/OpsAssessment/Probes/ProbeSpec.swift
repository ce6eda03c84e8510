import Foundation
import OpsCore
import OpsDocument
import OpsExpr

/// A live check declared in the manifest's `probes:` or a pack's `probes/` directory: what to reach, how, and the
/// condition (CEL over `result`) that says it is healthy. Pack probes name an `endpoint` the manifest binds.
public struct ProbeSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case http, tls, tcp, dns
    }

    /// A header value: written in the manifest, or read from an environment variable (secrets).
    public enum HeaderValue: Sendable {
        case literal(String)
        case environment(String)
    }

    /// An HTTP(S) request and what may happen on the way (redirects, credentials).
    public struct HTTPRequest: Sendable {
        public let url: String
        public let method: String
        public let headers: [(name: String, value: HeaderValue)]
        public let followRedirects: Bool
        /// Hosts a redirect may go to besides the probe's own.
        public let allowedRedirectHosts: [String]
        /// Origins (`https://auth.example.com`, port when not the scheme's) that may receive the probe's credential
        /// headers after a redirect; any other origin gets the request without them.
        public let sendCredentialsTo: [String]
        public let maxBodyBytes: Int
    }

    /// A TLS handshake, for the certificate and protocol version.
    public struct TLSHandshake: Sendable {
        public let host: String
        public let port: Int
        /// The server name sent, when it differs from `host`.
        public let sni: String?
        /// PEM file of the CA certificates trusted instead of the system's (a private CA).
        public let caFile: String?
    }

    /// A TCP connection.
    public struct TCPConnect: Sendable {
        public let host: String
        public let port: Int
    }

    /// A name resolution.
    public struct DNSLookup: Sendable {
        public let name: String
        /// Addresses the name must resolve to (any of them present is enough).
        public let expectedAddresses: [String]
    }

    /// What the probe does, with the fields of its kind only. A pack's probe whose endpoint the manifest does not
    /// bind is `unbound` (and skipped).
    public enum Request: Sendable {
        case http(HTTPRequest)
        case tls(TLSHandshake)
        case tcp(TCPConnect)
        case dns(DNSLookup)
        case unbound(Kind, endpoint: String)
    }

    public let id: String
    public let request: Request
    public let title: LocalizedText
    public let severity: Severity
    public let practices: [String]
    public let timeoutSeconds: Double
    public let assertion: Program
    public let seed: String
    /// Why the probe is not run (an endpoint unreachable from CI, say).
    public let skip: String?
    public let location: SourceLocation

    public var kind: Kind {
        switch request {
        case .http: .http
        case .tls: .tls
        case .tcp: .tcp
        case .dns: .dns
        case .unbound(let kind, _): kind
        }
    }

    /// Header names whose values must come from the environment: credentials, cookies, tokens, keys.
    public static func carriesSecret(_ header: String) -> Bool {
        let name = header.lowercased()
        return ["authorization", "proxy-authorization", "cookie"].contains(name)
            || ["token", "secret", "api-key", "apikey", "password"].contains(where: name.contains)
    }

    /// `https://host:port` with the scheme's default port filled in: what a redirect must keep for credentials to follow.
    public static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(host):\(port)"
    }

    /// What the probe goes to: its URL, host and port, or name.
    public var target: String {
        switch request {
        case .http(let http): http.url
        case .tls(let tls): "\(tls.host):\(tls.port)"
        case .tcp(let tcp): "\(tcp.host):\(tcp.port)"
        case .dns(let dns): dns.name
        case .unbound(_, let endpoint): "endpoint \(endpoint)"
        }
    }

    /// Defaults traced to the seeds: responses within 2 s (000 §3.3.1, 003 §6.1.1) and, when repeated, P50/P95/P99
    /// within 1 s/2 s/5 s (001 §성능 지표 정의); certificates valid for more than 30 days (000 §6.2.1); TLS 1.2 or later
    /// (001 §데이터 보호).
    public static func defaultAssertion(_ kind: Kind) -> (String, String) {
        switch kind {
        case .http: return ("result.status >= 200 && result.status < 400 && result.latency_ms <= 2000.0 && !has(result.redirect_blocked)"
                            + " && (result.samples == 1 || (result.p50_ms <= 1000.0 && result.p95_ms <= 2000.0 && result.p99_ms <= 5000.0))",
                            "000_c7c979390889ab9b.txt §3.3.1 주요 성능 지표 (API 응답시간: < 2초); 003_1ec64f736b1b26b4.txt §6.1.1 시스템 안정성 (평균 응답시간: 2초 이하);"
                            + " 001_b6b4008f66e644b8.txt §성능 지표 정의 (P50: 1초 이하 … P95: 2초 이하 … P99: 5초 이하)")
        case .tls: return ("result.days_to_expiry > 30 && result.chain_valid && result.hostname_match && result.tls_version in ['TLSv1.2', 'TLSv1.3']",
                           "000_c7c979390889ab9b.txt §6.2.1 SSL 인증서 갱신 (만료 예정 인증서 확인 (30일 이내)); 001_b6b4008f66e644b8.txt §데이터 분류 및 보호 (TLS 1.3 (전송))")
        case .tcp: return ("result.connected && result.connect_ms <= 2000.0", "000_c7c979390889ab9b.txt §3.1.1 전체 시스템 헬스체크 (서비스 가용성)")
        case .dns: return ("result.resolved", "000_c7c979390889ab9b.txt §2.2 주요 서비스 접근 URL (| Amazon Connect | https://aicc-instance.awsapps.com/connect | 콜센터 관리 |)")
        }
    }

    /// The fields only some kinds read.
    static let kindFields: [(String, Set<Kind>)] = [
        ("url", [.http]), ("path", [.http]), ("method", [.http]), ("headers", [.http]), ("follow_redirects", [.http]),
        ("allow_redirect_hosts", [.http]), ("send_credentials_to", [.http]), ("max_body_bytes", [.http]),
        ("sni", [.tls]), ("ca_file", [.tls]), ("port", [.tls, .tcp]), ("expect_addresses", [.dns]),
    ]

    /// What a probe's `assert` can read: `result` (the measurements of its kind).
    public static let environment = Environment(variables: ["result"])

    /// Reads one probe; `practiceIds`, when given, are the best practices it may name; `endpoints` are the
    /// manifest's named endpoints a probe's `endpoint:` refers to.
    public static func parse(_ node: Node, practiceIds: Set<String>?, endpoints: [String: String] = [:]) throws(DocumentError) -> ProbeSpec {
        var r = try NodeReader(node, what: "probe")
        let id = try r.string("id")
        let kind = try r.enumeration("kind", Kind.self)
        let title = try r.optionalLocalized("title") ?? LocalizedText("\(kind.rawValue) \(id)")
        let severity = try r.optional("severity").map { (n) throws(DocumentError) in try NodeReader.enumeration(n, key: "severity", Severity.self) } ?? .high
        let practicesNode = r.optional("practices")
        let practices = try r.strings("practices")
        if let known = practiceIds, let unknown = practices.first(where: { !known.contains($0) }) {
            throw DocumentError(at: practicesNode?.location ?? node.location, "probe \(id) names best practice '\(unknown)', which no loaded rubric defines")
        }
        var url = try r.optionalString("url")
        var host = try r.optionalString("host")
        var port = try r.optional("port").map { (n) throws(DocumentError) -> Int in
            guard case .scalar(.int(let p)) = n.content, (1...65535).contains(p) else { throw DocumentError(at: n.location, "'port' must be 1 to 65535") }
            return Int(p)
        }
        let endpointName = try r.optionalString("endpoint")
        let path = try r.optionalString("path")
        var unbound: String?
        if let endpointName {
            if let endpoint = endpoints[endpointName] {
                let parsed = URL(string: endpoint)
                url = kind == .http ? (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + (path ?? "") : nil
                host = parsed?.host ?? endpoint
                port = port ?? parsed?.port ?? (parsed?.scheme == "http" ? 80 : 443)
            } else {
                // Declared by a pack for workloads that have this endpoint; this one names none.
                unbound = "the manifest binds no endpoint '\(endpointName)' (endpoints:)"
            }
        }
        let sni = try r.optionalString("sni")
        let caNode = r.optional("ca_file")
        let caFile = try caNode.map { (n) throws(DocumentError) -> String in
            let given = try NodeReader.string(n, key: "ca_file")
            let base = (n.location.file as NSString).deletingLastPathComponent
            let path = given.hasPrefix("/") || base.isEmpty ? given : base + "/" + given
            guard FileManager.default.fileExists(atPath: path) else { throw DocumentError(at: n.location, "ca_file \(given) does not exist") }
            return path
        }
        // A field of another kind would be silently ignored: refuse it instead.
        for (key, kinds) in Self.kindFields {
            if !kinds.contains(kind), let given = node[key] {
                throw DocumentError(at: given.location, "'\(key)' applies to \(kinds.map(\.rawValue).sorted().joined(separator: " and ")) probes only")
            }
        }
        let method = try r.optionalString("method")?.uppercased() ?? "GET"
        var headers: [(name: String, value: HeaderValue)] = []
        if let headerNode = r.optional("headers") {
            for entry in headerNode.entries ?? [] {
                let name = entry.key.keyText ?? ""
                if let env = entry.value["env"]?.string {
                    headers.append((name, .environment(env)))
                } else {
                    let text = try NodeReader.string(entry.value, key: name)
                    if Self.carriesSecret(name) {
                        throw DocumentError(at: entry.value.location, "header \(name) carries a secret: give {env: VARIABLE} instead of the value")
                    }
                    headers.append((name, .literal(text)))
                }
            }
        }
        let follow: Bool = { if case .scalar(.bool(let b))? = r.optional("follow_redirects")?.content { return b }; return false }()
        let allowed = try r.strings("allow_redirect_hosts")
        let credentialOrigins = try r.strings("send_credentials_to").map { origin in
            guard let parsed = URL(string: origin), let scheme = parsed.scheme, parsed.host != nil else { return origin }
            return ProbeSpec.origin(of: parsed) ?? scheme
        }
        let maxBody = try r.optional("max_body_bytes").map { (n) throws(DocumentError) -> Int in
            guard case .scalar(.int(let v)) = n.content, v > 0 else { throw DocumentError(at: n.location, "'max_body_bytes' must be a positive number") }
            return Int(v)
        } ?? 1_048_576
        let expected = try r.strings("expect_addresses")
        let timeout = try r.optional("timeout").map { (n) throws(DocumentError) -> Double in
            guard let text = n.scalar?.description, let d = try? Duration(parsing: text.allSatisfy(\.isNumber) ? text + "s" : text) else {
                throw DocumentError(at: n.location, "'timeout' is a duration like 5s")
            }
            return d.timeInterval
        } ?? 5
        let (defaultSource, defaultSeed) = defaultAssertion(kind)
        let assertNode = r.optional("assert")
        let source = try assertNode.map { (n) throws(DocumentError) in try NodeReader.string(n, key: "assert") } ?? defaultSource
        let assertion: Program
        do { assertion = try Program(source, environment: environment) } catch {
            throw DocumentError(at: assertNode?.location ?? node.location, "'assert' expression, column \(error.column): \(error.message)")
        }
        let seed = try r.optionalString("seed") ?? defaultSeed
        let skip = try r.optionalString("skip") ?? unbound
        try r.finish()
        let request: Request
        if let endpointName, unbound != nil {
            request = .unbound(kind, endpoint: endpointName)
        } else {
            switch kind {
            case .http:
                guard let url, let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil else {
                    throw DocumentError(at: node.location, "http probe \(id) needs a 'url' starting with http:// or https://")
                }
                request = .http(HTTPRequest(url: url, method: method, headers: headers, followRedirects: follow, allowedRedirectHosts: allowed,
                                            sendCredentialsTo: credentialOrigins, maxBodyBytes: maxBody))
            case .tls, .tcp:
                guard let host, let port else { throw DocumentError(at: node.location, "\(kind.rawValue) probe \(id) needs 'host' and 'port'") }
                request = kind == .tls ? .tls(TLSHandshake(host: host, port: port, sni: sni, caFile: caFile)) : .tcp(TCPConnect(host: host, port: port))
            case .dns:
                guard let host else { throw DocumentError(at: node.location, "dns probe \(id) needs 'host' (the name to resolve)") }
                request = .dns(DNSLookup(name: host, expectedAddresses: expected))
            }
        }
        return ProbeSpec(id: id, request: request, title: title, severity: severity, practices: practices, timeoutSeconds: timeout,
                         assertion: assertion, seed: seed, skip: skip, location: node.location)
    }
}
