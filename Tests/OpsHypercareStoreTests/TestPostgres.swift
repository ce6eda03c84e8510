import Foundation
import XCTest

/// The PostgreSQL server the tests may use, named by the environment. Without it the tests skip, unless
/// `OPSREADY_REQUIRE_POSTGRES=1` (as `.ci/run` sets) makes the missing server a failure.
enum TestPostgres {
    /// `OPSREADY_TEST_POSTGRES`: a `postgres://` URL of a database the tests may write to.
    static func url() throws -> String { try setting("OPSREADY_TEST_POSTGRES", "a postgres://user:password@host/database URL") }

    /// `OPSREADY_TEST_POSTGRES_CA`: the server's self-signed certificate, for the `sslmode` tests.
    static func certificate() throws -> String { try setting("OPSREADY_TEST_POSTGRES_CA", "the server's certificate file") }

    private static func setting(_ name: String, _ what: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[name], !value.isEmpty { return value }
        if environment["OPSREADY_REQUIRE_POSTGRES"] == "1" { XCTFail("OPSREADY_REQUIRE_POSTGRES=1 but \(name) is not set") }
        throw XCTSkip("set \(name) to \(what) to run the PostgreSQL tests")
    }
}
