import Foundation
import Glibc

/// A throw-away PostgreSQL cluster of its own (initdb in a temporary folder, run as the `postgres` user when the
/// tests run as root), for tests that restart the server without disturbing the suite's shared one.
public final class PrivateCluster: @unchecked Sendable {
    /// The connection URL of its `postgres` database.
    public let url: String
    private let directory: String
    private let bin: String

    /// Creates and starts the cluster.
    public init() throws {
        bin = Self.binaryFolder()
        directory = "/tmp/webhooks-cluster-\(UUID().uuidString.prefix(8).lowercased())"
        let port = try ServiceProcess.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.shell(["chown", "postgres:", directory]) }
        try Self.asPostgres([bin + "/initdb", "-D", directory, "-U", "webhooks", "--auth=trust", "-E", "UTF8"])
        let config = "\nlisten_addresses = '127.0.0.1'\nport = \(port)\nunix_socket_directories = '\(directory)'\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(config.utf8))
        try handle.close()
        url = "postgresql://webhooks@127.0.0.1:\(port)/postgres"
        try start()
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        try Self.asPostgres([bin + "/pg_ctl", "-D", directory, "-l", directory + "/server.log", "-w", "-t", "60", "start"])
    }

    /// Stops the server (fast shutdown: open connections are dropped, as in a restart).
    public func stop() throws {
        try Self.asPostgres([bin + "/pg_ctl", "-D", directory, "-m", "fast", "-w", "stop"])
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func asPostgres(_ command: [String]) throws {
        try shell(getuid() == 0 ? ["runuser", "-u", "postgres", "--"] + command : command)
    }

    /// Runs a command through `system(3)`: Foundation's Process waited forever here once pg_ctl had left a
    /// daemon behind.
    private static func shell(_ arguments: [String]) throws {
        let command = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system(command + " >/dev/null 2>&1")
        guard status == 0 else {
            throw TestSupportError("\(arguments.joined(separator: " ")) exited with \(status)")
        }
    }

    private static func binaryFolder() -> String {
        if let bin = ProcessInfo.processInfo.environment["WEBHOOKS_PG_BIN"], !bin.isEmpty { return bin }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newest = versions.compactMap(Int.init).max().map(String.init) ?? "15"
        return "/usr/lib/postgresql/\(newest)/bin"
    }
}
