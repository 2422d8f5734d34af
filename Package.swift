// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "webhooks",
    products: [
        .executable(name: "webhooksd", targets: ["webhooksd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries, each imported by exactly one Swift module.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "Cryptography", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "Postgres", dependencies: ["CLibPQ"], swiftSettings: strict),
        // The thread wrapper and the start/stop protocol every long-lived part follows (Glibc only).
        .target(name: "Lifecycle", swiftSettings: strict),
        .target(name: "HTTPServer", dependencies: ["Lifecycle", .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        // The dashboard's files (Assets/, embedded by scripts/embed-dashboard into Embedded/) and routes.
        .target(name: "Dashboard", dependencies: ["HTTPServer"], exclude: ["Assets"], swiftSettings: strict,
                plugins: ["EmbedDashboardAssets"]),
        .executableTarget(name: "embed-dashboard-assets", swiftSettings: strict),
        .plugin(name: "EmbedDashboardAssets", capability: .buildTool(), dependencies: ["embed-dashboard-assets"]),
        .target(name: "WebhookCore", dependencies: ["Cryptography"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["WebhookCore", "Postgres", "Lifecycle"], swiftSettings: strict),
        .target(name: "Tenancy", dependencies: ["WebhookCore", "Storage", "Cryptography"], swiftSettings: strict),
        .target(name: "Delivery", dependencies: ["WebhookCore", "Storage", "CCurl", "Cryptography", "Lifecycle",
                                                 .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .target(name: "API", dependencies: ["WebhookCore", "Tenancy", "Storage", "Delivery", "HTTPServer",
                                            .product(name: "Logging", package: "swift-log"),
                                            .product(name: "CoreMetrics", package: "swift-metrics"),
                                            .product(name: "Prometheus", package: "swift-prometheus")], swiftSettings: strict),
        .executableTarget(name: "webhooksd", dependencies: [
            "API", "Dashboard", "Tenancy", "Storage", "HTTPServer", "Delivery", "WebhookCore", "Lifecycle",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ], swiftSettings: strict),

        // Shared by the test targets: a fresh database per test, the real binary as a child process, a raw client.
        .target(name: "TestProcess", path: "Tests/TestProcess"),
        .target(name: "TestSupport", dependencies: ["Postgres", "Storage", "TestProcess"], path: "Tests/TestSupport"),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "LifecycleTests", dependencies: ["Lifecycle"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "HTTPServer", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "WebhookCoreTests", dependencies: ["WebhookCore", "TestProcess"], exclude: ["Verifiers", "Golden"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Postgres", "WebhookCore", "TestSupport"]),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "Storage", "WebhookCore", "Postgres", "Cryptography", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "Storage", "Postgres", "WebhookCore", "Cryptography", "TestSupport"]),
        .testTarget(name: "APITests", dependencies: ["API", "HTTPServer", "Storage", "Tenancy", "Delivery", "WebhookCore",
                                                 "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "IntegrationTests", dependencies: ["webhooksd", "TestSupport"], exclude: ["Receivers"]),
    ]
)
