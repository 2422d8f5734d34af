#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A child process started with `posix_spawn` and reaped with `waitpid`, for tests.
///
/// Foundation's `Process` is not used in tests: on Linux its `run()` and `waitUntilExit()` depend on a run loop and
/// a process-wide lock, and with tests launching children in parallel the suite hung in them (see
/// `docs/testing.md`). This type blocks only the calling thread, and only in `waitid`.
public final class ChildProcess: @unchecked Sendable {
    /// Where a child's standard output or error goes.
    public enum Output: Sendable {
        /// `/dev/null`.
        case discard
        /// Appended to the file at this path (created if missing).
        case file(String)
    }

    /// The child's process id.
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` (a path, or a name looked up on `PATH`) with `arguments`.
    ///
    /// The child starts with no blocked signals and default dispositions, whatever the spawning test thread had.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                standardOutput: Output = .discard, standardError: Output = .discard) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (descriptor, output) in [(Int32(1), standardOutput), (Int32(2), standardError)] {
            switch output {
            case .discard: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcessError("could not start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    /// Runs `executable arguments...` to completion and returns its exit status and both outputs.
    public static func run(_ executable: String, _ arguments: [String],
                           environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdout = folder.appendingPathComponent("stdout").path
        let stderr = folder.appendingPathComponent("stderr").path
        let child = try ChildProcess(executable, arguments, environment: environment,
                                     standardOutput: .file(stdout), standardError: .file(stderr))
        let status = child.waitUntilExit()
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (status, read(stdout), read(stderr))
    }

    /// Whether the child has not exited yet (reaping it if it has).
    public var isRunning: Bool { reap() == nil }

    /// Waits for the child to exit and returns its status: the exit code, or 128 + the signal that ended it.
    @discardableResult
    public func waitUntilExit() -> Int32 {
        // Wait without reaping and without the lock, so `send` from another thread is not held up; then reap.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        return reap() ?? -1
    }

    /// The exit status once the child has exited (see `waitUntilExit()`), else nil.
    public var terminationStatus: Int32? { reap() }

    /// Sends `signal` to the child if it is still running.
    public func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if exitStatus == nil { Glibc.kill(pid, signal) }
    }

    /// Sends SIGKILL and reaps the child, so no zombie or stray process outlives its test.
    public func kill() {
        send(SIGKILL)
        waitUntilExit()
    }

    /// Reaps the child if it has exited; under the lock, so `send` never signals a reaped (reusable) pid.
    private func reap() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1 && errno == EINTR { continue }
            if result == -1 { exitStatus = -1; return -1 }
            return nil
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    deinit {
        if exitStatus == nil {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
    }
}

/// A child process could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
