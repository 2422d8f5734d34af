// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "webhooks",
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Cryptography", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "Postgres", dependencies: ["CLibPQ"], swiftSettings: strict),
        .target(name: "WebhookCore", dependencies: ["Cryptography"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["WebhookCore", "Postgres"], swiftSettings: strict),
        .target(name: "Tenancy", dependencies: ["WebhookCore", "Storage", "Cryptography"], swiftSettings: strict),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "Delivery", dependencies: ["WebhookCore", "Storage", "CCurl", "Cryptography"], swiftSettings: strict),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "WebhookCore"]),
        .target(name: "TestSupport", dependencies: ["Postgres", "Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "WebhookCoreTests", dependencies: ["WebhookCore"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Postgres", "TestSupport"]),
        .testTarget(name: "TenancyTests", dependencies: ["Tenancy", "Storage", "WebhookCore", "TestSupport"]),
    ]
)
