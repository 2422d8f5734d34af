import Dispatch
import Glibc
import HTTPServer
import Logging

/// A logger that discards everything, so test output stays readable.
let quietLogger = Logger(label: "HTTPServerTests") { _ in SwiftLogNoOpLogHandler() }

/// Starts a server on an ephemeral port of 127.0.0.1, runs `body`, then stops the server.
func withServer(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(workerThreads: 4),
    responder: any HTTPResponder,
    _ body: (HTTPServer) throws -> Void
) throws {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let server = HTTPServer(configuration: configuration, responder: responder, logger: quietLogger)
    try server.start()
    defer { server.stop(deadline: .now + .seconds(1)) }
    try body(server)
}

/// Polls `condition` every 10 ms until it holds or `timeoutSeconds` pass.
func eventually(timeoutSeconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let attempts = Int(timeoutSeconds * 100)
    for _ in 0..<attempts {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A counting signal between handler threads and the test, with a generous timeout.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func open(count: Int = 1) {
        for _ in 0..<count { semaphore.signal() }
    }

    /// Waits for a permit; false after `timeoutSeconds`.
    @discardableResult
    func wait(timeoutSeconds: Int = 10) -> Bool {
        semaphore.wait(timeout: .now() + .seconds(timeoutSeconds)) == .success
    }
}

/// A router whose `GET /block` opens `entered` and then holds its worker until `release` opens: a request under way.
func blockingRouter(entered: Gate, release: Gate) -> Router {
    let router = Router()
    router.get("/block") { _, _ in
        entered.open()
        release.wait()
        return .text(.ok, "released")
    }
    return router
}

/// Runs `body` on another thread (for calls that block, like `stop`).
func runDetached(_ body: @escaping @Sendable () -> Void) {
    DispatchQueue.global().async(execute: body)
}
