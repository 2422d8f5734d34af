internal import Logging
internal import Synchronization

/// What every event loop of one server shares. Immutable apart from the atomic counter.
struct ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    let logger: Logger
    let listener: ListeningSocket
    let workerPool: WorkerPool
    let counters: ServerCounters
}

/// Counters shared by the event loops.
final class ServerCounters: Sendable {
    /// Connections accepted and not yet closed, over all loops (checked against `maxConnections`).
    let openConnections = Atomic<Int>(0)
}

/// How the response to one request must be written.
struct ResponsePlan {
    /// `HEAD`: send the head only.
    let omitsBody: Bool
    /// The client wants to keep the connection.
    let keepAlive: Bool
    /// An HTTP/1.0 client, which needs an explicit `Connection: keep-alive`.
    let isHTTP10: Bool

    /// The plan for `request`.
    init(for request: HTTPRequest) {
        omitsBody = request.method == .head
        keepAlive = request.wantsKeepAlive
        isHTTP10 = request.version == .http1_0
    }

    /// The plan for an error answered before a request was understood: body sent, connection closed.
    static let closing = ResponsePlan(omitsBody: false, keepAlive: false, isHTTP10: false)

    private init(omitsBody: Bool, keepAlive: Bool, isHTTP10: Bool) {
        self.omitsBody = omitsBody
        self.keepAlive = keepAlive
        self.isHTTP10 = isHTTP10
    }
}

/// The per-connection timeouts of a loop, in nanoseconds.
struct ConnectionTimeouts {
    let header: UInt64
    let body: UInt64
    let idle: UInt64
    let write: UInt64
    /// How long a closing connection keeps reading (and discarding) so the client gets the last response
    /// before the close; without it, unread input makes the kernel send a reset that can destroy that response.
    let linger: UInt64

    init(_ configuration: HTTPServerConfiguration) {
        header = configuration.headerReadTimeout.clampedNanoseconds
        body = configuration.bodyReadTimeout.clampedNanoseconds
        idle = configuration.idleTimeout.clampedNanoseconds
        write = configuration.writeTimeout.clampedNanoseconds
        linger = min(2_000_000_000, idle)
    }

    /// The shortest timeout, which sets how often the loop checks deadlines.
    var shortest: UInt64 { min(header, body, idle, write, linger) }
}
