/// A snapshot of the server's load, for metrics endpoints and tests.
public struct HTTPServerMetrics: Sendable, Equatable {
    /// Connections currently open (accepted and not yet closed).
    public var openConnections: Int
    /// Requests waiting in the worker queue.
    public var queuedRequests: Int
    /// Workers currently running a responder.
    public var busyWorkers: Int
}
