// swift-tools-version: 6.2
// A reference server for Benchmarks/run: Hummingbird 2 answering GET /healthz with the same
// 15-byte JSON body as webhooksd. A separate package, never a dependency of the product.
// Build: swift build -c release --package-path Benchmarks/HummingbirdPeer
import PackageDescription

let package = Package(
    name: "HummingbirdPeer",
    platforms: [.macOS(.v14)],
    dependencies: [
        // Default traits off: no swift-configuration or full Foundation needed for one route.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0", traits: []),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdPeer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
    ]
)
