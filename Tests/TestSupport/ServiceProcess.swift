import Foundation
@_exported import TestProcess

/// Runs the real `webhooksd` binary as a child process, as a user or an operator would.
public final class ServiceProcess: @unchecked Sendable {
    /// The result of a command that ran to completion.
    public struct Outcome: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything written to standard output.
        public let stdout: String
        /// Everything written to standard error.
        public let stderr: String
    }

    private let process: ChildProcess
    private let folder: URL
    /// The port a `serve` process listens on.
    public let port: Int

    /// A base environment for the service: the database, a master key, private targets allowed, quiet logs.
    public static func environment(databaseURL: String?, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["WEBHOOKS_MASTER_KEY"] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
        environment["WEBHOOKS_MIGRATIONS_DIR"] = TestPaths.migrations
        environment["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] = "true"
        environment["LOG_LEVEL"] = "warning"
        environment["DATABASE_POOL_SIZE"] = "4"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs `webhooksd arguments...` to completion.
    public static func run(_ arguments: [String], environment: [String: String]) throws -> Outcome {
        let run = try ChildProcess.run(TestPaths.webhooksd, arguments, environment: environment)
        return Outcome(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    /// Starts `webhooksd serve` on a free port and waits until `/healthz` answers.
    ///
    /// Its output goes to a file (a pipe nobody reads would stall a chatty server), shown when it fails to start.
    public init(serveWith environment: [String: String], arguments: [String] = []) throws {
        port = try Self.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("output.txt").path
        process = try ChildProcess(TestPaths.webhooksd, ["serve", "--port", String(port)] + arguments,
                                   environment: environment, standardOutput: .file(output), standardError: .file(output))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let status = process.terminationStatus {
                throw TestSupportError("webhooksd serve exited with \(status): \(Self.tail(of: output))")
            }
            if let response = try? TestHTTPClient(port: port).send(method: "GET", path: "/healthz"), response.status == 200 {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.kill()
        throw TestSupportError("webhooksd serve did not answer /healthz within 20 s: \(Self.tail(of: output))")
    }

    private static func tail(of path: String) -> String {
        String(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").suffix(2000))
    }

    /// The process id.
    public var pid: Int32 { process.pid }

    /// Everything the `serve` process has written so far (standard output and error: its logs).
    public var output: String {
        (try? String(contentsOfFile: folder.appendingPathComponent("output.txt").path, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` and waits for the process to exit; returns the exit status (128 + n for signal n).
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 20) -> Int32 {
        process.send(signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.kill() }
        return process.waitUntilExit()
    }

    deinit {
        process.kill()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A TCP port on 127.0.0.1 for a child process to listen on: free a moment ago, handed out once per test
    /// process, and below Linux's ephemeral range (32768-60999), so no outgoing connection on the machine can take it
    /// as its local port between this check and the child's `bind` (which then failed with `EADDRINUSE`).
    public static func freePort() throws -> Int {
        for _ in 0..<PortAllocator.range.count {
            let port = PortAllocator.next()
            if isBindable(port) { return port }
        }
        throw TestSupportError("no free port in \(PortAllocator.range)")
    }

    /// Whether a listener could bind `port` now (with `SO_REUSEADDR`, as every server these tests start does).
    private static func isBindable(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// Hands out ports of a fixed range in turn, from a random start, each once per test process.
private enum PortAllocator {
    static let range = 20_000..<32_000
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cursor = Int.random(in: range)

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        cursor = cursor + 1 < range.upperBound ? cursor + 1 : range.lowerBound
        return cursor
    }
}

extension ServiceProcess {
    /// Runs one SQL query with `psql` and returns its unaligned output (for checks of what is stored).
    public static func runPSQL(url: String, _ sql: String) throws -> String {
        try ChildProcess.run("psql", [url, "-tAc", sql]).stdout
    }
}

/// A `webhooksd worker` child process (delivery only, no HTTP port).
public final class WorkerProcess: @unchecked Sendable {
    private let process: ChildProcess

    /// Starts `webhooksd worker` with `environment`.
    public init(environment: [String: String]) throws {
        process = try ChildProcess(TestPaths.webhooksd, ["worker"], environment: environment)
    }

    /// Kills the worker at once, as a crash would (SIGKILL: nothing is finished or released).
    public func crash() {
        process.kill()
    }

    /// Stops the worker with `signal` and returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        process.send(signal)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { crash() }
        return process.waitUntilExit()
    }

    deinit {
        process.kill()
    }
}
