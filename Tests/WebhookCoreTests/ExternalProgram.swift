import Foundation

/// Runs the command-line tools the cross-checks need (`node`, `python3`), found on `PATH`.
enum ExternalProgram {
    /// What a finished run left behind.
    struct Run {
        let status: Int32
        let standardError: String
    }

    /// The folder holding the verifier scripts, next to this file.
    static let verifiersFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Verifiers")

    /// Whether `tool` is an executable on `PATH`.
    static func isAvailable(_ tool: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { directory in
            FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)")
        }
    }

    /// Runs `tool arguments...` to completion with extra environment variables; stdout is discarded.
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, standardError: errors)
    }

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
