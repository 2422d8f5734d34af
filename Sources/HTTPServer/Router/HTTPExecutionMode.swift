/// Where the server runs a responder for one request.
public enum HTTPExecutionMode: Sendable {
    /// Directly on the event-loop thread that read the request: fastest, for work that never blocks
    /// (no database, no file or network I/O, no long computation).
    case eventLoop
    /// On the bounded worker pool: for anything that may block. A full queue answers 503 `server_busy`.
    case workerPool
}
