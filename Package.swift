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
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "OpsDocument", dependencies: ["CYAML"]),
        .target(name: "OpsExpr", dependencies: ["OpsDocument"]),
        .target(name: "OpsReadyKit", dependencies: ["OpsDocument", "OpsExpr"]),
        .target(name: "OpsReporters", dependencies: ["OpsReadyKit", "OpsDocument"]),
        .executableTarget(
            name: "opsready",
            dependencies: [
                "OpsReadyKit",
                "OpsReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "opsready-bench", dependencies: ["OpsReadyKit", "OpsReporters", "CYAML"]),
        .testTarget(name: "OpsDocumentTests", dependencies: ["OpsDocument"]),
        .testTarget(name: "OpsExprTests", dependencies: ["OpsExpr"]),
        .testTarget(name: "OpsReadyKitTests", dependencies: ["OpsReadyKit"]),
        .testTarget(name: "OpsReportersTests", dependencies: ["OpsReporters", "OpsReadyKit"], exclude: ["Golden"]),
        .testTarget(name: "opsreadyTests", dependencies: ["OpsReadyKit"]),
    ],
    swiftLanguageModes: [.v6]
)
