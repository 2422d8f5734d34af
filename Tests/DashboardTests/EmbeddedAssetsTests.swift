import Foundation
import Testing
@testable import Dashboard

/// The EmbedDashboardAssets plugin embeds `Sources/Dashboard/Assets/` at build time; this checks the binary holds
/// exactly the repository's files, none missing, none extra, none changed.
@Suite struct EmbeddedAssetsTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Dashboard/Assets")

    @Test func theEmbeddedFilesAreTheRepositorysAssets() throws {
        let root = Self.assets.standardizedFileURL.path
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        var onDisk: [String: String] = [:]
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = root + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            onDisk[path] = try String(contentsOfFile: full, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(onDisk.keys) == Set(EmbeddedAssets.files.keys))
        for (path, text) in onDisk {
            #expect(EmbeddedAssets.files[path] == text, "\(path) differs from its embedded copy")
        }
    }
}
