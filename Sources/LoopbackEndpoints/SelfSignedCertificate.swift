import Crypto
import Foundation
import NIOSSL
import X509

/// Self-signed server certificates made on the spot: expired, expiring soon, valid, or for the wrong name.
public enum SelfSignedCertificate {
    /// A TLS server context whose certificate names `name` and stays valid for `days` from now.
    public static func serverContext(name: String, validFor days: Double, startedDaysAgo: Double = 1) throws -> NIOSSLContext {
        try make(name: name, validFor: days, startedDaysAgo: startedDaysAgo).context
    }

    /// The server context and its certificate in PEM, for a client to trust.
    public static func make(name: String, validFor days: Double, startedDaysAgo: Double = 1) throws -> (context: NIOSSLContext, pem: String) {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-startedDaysAgo * 86_400), notValidAfter: now.addingTimeInterval(days * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { SubjectAlternativeNames([.dnsName(name)]) },
            issuerPrivateKey: Certificate.PrivateKey(key))
        let pem = try certificate.serializeAsPEM().pemString
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
        return (try NIOSSLContext(configuration: configuration), pem)
    }
}
