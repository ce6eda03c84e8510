// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "opsready",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "opsready", targets: ["opsready"]),
        .library(name: "OpsReadyKit", targets: ["OpsReadyKit"]),
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
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "OpsDocument", dependencies: ["CYAML", .product(name: "CSV", package: "CSV.swift")]),
        .target(name: "OpsExpr", dependencies: ["OpsDocument"]),
        .target(name: "OpsReadyKit", dependencies: ["OpsDocument", "OpsExpr"]),
        .target(name: "OpsReporters", dependencies: ["OpsReadyKit", "OpsDocument"]),
        .target(
            name: "OpsProbes",
            dependencies: [
                "OpsReadyKit", "OpsExpr", "OpsDocument",
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
                "OpsReadyKit",
                "OpsReporters",
                "OpsProbes",
                "OpsHypercareStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "OpsHypercareStore",
            dependencies: [
                "OpsReadyKit", "OpsDocument",
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
        .executableTarget(name: "opsready-fuzz", dependencies: ["OpsReadyKit", "OpsDocument", "OpsExpr"]),
        .executableTarget(name: "opsready-bench", dependencies: ["OpsReadyKit", "OpsReporters", "OpsProbes", "OpsHypercareStore", "LoopbackEndpoints", "CYAML"]),
        .testTarget(name: "OpsDocumentTests", dependencies: ["OpsDocument"]),
        .testTarget(name: "OpsExprTests", dependencies: ["OpsExpr"]),
        .testTarget(name: "OpsReadyKitTests", dependencies: ["OpsReadyKit"]),
        .testTarget(name: "OpsReportersTests", dependencies: ["OpsReporters", "OpsReadyKit"], exclude: ["Golden"]),
        .testTarget(name: "OpsProbesTests", dependencies: [
            "OpsProbes", "OpsReadyKit", "LoopbackEndpoints",
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "OpsHypercareStoreTests", dependencies: [
            "OpsHypercareStore", "OpsReadyKit", "OpsDocument",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "opsreadyTests", dependencies: ["OpsReadyKit", "LoopbackEndpoints"]),
    ],
    swiftLanguageModes: [.v6]
)
