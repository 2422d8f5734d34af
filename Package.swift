// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "webhooks",
    targets: [
        .target(name: "WebhookCore", swiftSettings: strict),
        .testTarget(name: "WebhookCoreTests", dependencies: ["WebhookCore"]),
    ]
)
