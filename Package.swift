// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "opsready",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "opsready", targets: ["opsready"]),
        .library(name: "OpsAssessment", targets: ["OpsAssessment"]),
        .library(name: "OpsHypercare", targets: ["OpsHypercare"]),
        .library(name: "OpsReporters", targets: ["OpsReporters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "OpsDocument", dependencies: ["CYAML", .product(name: "CSV", package: "CSV.swift")]),
        .target(name: "OpsExpr", dependencies: ["OpsDocument"]),
        // PromQL parsed and type-checked as Prometheus does (ours, like the CEL subset).
        .target(name: "OpsPromQL"),
        // What every other module shares: text in two languages, calendar days, strict node reading, JSON, atomic writes.
        .target(name: "OpsCore", dependencies: ["OpsDocument", "OpsExpr"]),
        // Rubrics, checks, input adapters, the engine, scoring and the assessment (pure; no network).
        .target(name: "OpsAssessment", dependencies: ["OpsCore", "OpsDocument", "OpsExpr", "OpsPromQL"]),
        // The hypercare plan, its records and the judged status (pure; no storage).
        .target(name: "OpsHypercare", dependencies: ["OpsCore", "OpsDocument", "OpsExpr"]),
        // The portfolio: assessments as stored, every workload's row, comparisons (pure; no storage).
        .target(name: "OpsPortfolio", dependencies: ["OpsCore", "OpsAssessment", "OpsHypercare", "OpsDocument"]),
        // Every rendering of every command.
        .target(name: "OpsReporters", dependencies: ["OpsCore", "OpsAssessment", "OpsHypercare", "OpsPortfolio", "OpsDocument", "OpsExpr"]),
        // `opsready serve`: the portfolio over HTTP (Hummingbird), read-only over the store.
        .target(name: "OpsServer", dependencies: [
            "OpsCore", "OpsHypercare", "OpsPortfolio", "OpsReporters", "OpsHypercareStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(
            name: "OpsProbes",
            dependencies: [
                "OpsCore", "OpsAssessment", "OpsExpr", "OpsDocument",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "opsready",
            dependencies: [
                "OpsCore", "OpsAssessment", "OpsHypercare", "OpsReporters", "OpsProbes", "OpsHypercareStore", "OpsDocument", "OpsExpr",
                "OpsPortfolio", "OpsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "OpsHypercareStore",
            dependencies: [
                "OpsCore", "OpsHypercare", "OpsDocument", "OpsPortfolio",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LoopbackEndpoints",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "opsready-demo-endpoint", dependencies: ["LoopbackEndpoints"]),
        // libFuzzer targets with `make fuzz` (built with -DFUZZING); otherwise a replayer of the corpus and past crashes.
        .executableTarget(name: "opsready-fuzz", dependencies: ["OpsCore", "OpsAssessment", "OpsDocument", "OpsExpr", "OpsPromQL"]),
        .executableTarget(name: "opsready-bench", dependencies: [
            "OpsCore", "OpsAssessment", "OpsHypercare", "OpsReporters", "OpsProbes", "OpsHypercareStore", "OpsDocument", "OpsExpr",
            "LoopbackEndpoints", "CYAML", "OpsPortfolio",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // For the tests: the checkout's root, scratch directories, running the built CLI.
        .target(name: "OpsTestSupport", path: "Tests/OpsTestSupport"),
        .testTarget(name: "OpsDocumentTests", dependencies: ["OpsDocument", "OpsTestSupport"]),
        .testTarget(name: "OpsExprTests", dependencies: ["OpsExpr", "OpsTestSupport"]),
        .testTarget(name: "OpsPromQLTests", dependencies: ["OpsPromQL"]),
        .testTarget(name: "OpsAssessmentTests", dependencies: ["OpsAssessment", "OpsCore", "OpsDocument", "OpsExpr", "OpsTestSupport"]),
        .testTarget(name: "OpsHypercareTests", dependencies: ["OpsHypercare", "OpsReporters", "OpsCore", "OpsDocument", "OpsExpr", "OpsTestSupport"]),
        .testTarget(name: "OpsReportersTests", dependencies: [
            "OpsReporters", "OpsAssessment", "OpsHypercare", "OpsCore", "OpsDocument", "OpsExpr", "OpsTestSupport",
        ], exclude: ["Golden"]),
        .testTarget(name: "OpsProbesTests", dependencies: [
            "OpsProbes", "OpsAssessment", "OpsReporters", "OpsCore", "OpsDocument", "OpsExpr", "LoopbackEndpoints", "OpsTestSupport",
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "OpsHypercareStoreTests", dependencies: [
            "OpsHypercareStore", "OpsHypercare", "OpsReporters", "OpsCore", "OpsDocument", "OpsTestSupport", "OpsPortfolio", "OpsServer",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "opsreadyTests", dependencies: ["OpsAssessment", "OpsHypercare", "OpsCore", "OpsDocument", "LoopbackEndpoints", "OpsTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
