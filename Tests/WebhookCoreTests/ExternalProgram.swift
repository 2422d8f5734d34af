import Foundation
import TestProcess

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
        let run = try ChildProcess.run(tool, arguments,
                                       environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        return Run(status: run.status, standardError: run.stderr)
    }

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
