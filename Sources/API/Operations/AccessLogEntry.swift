/// One answered request, as the access log records it.
public struct AccessLogEntry: Sendable {
    /// The request method.
    public let method: String
    /// The decoded path.
    public let path: String
    /// The matched route pattern, or `unmatched`.
    public let route: String
    /// The answer's status code.
    public let status: Int
    /// Time from the complete request to the answer, in milliseconds.
    public let milliseconds: Double
    /// The request id (also sent back in `X-Request-Id`).
    public let requestID: String
    /// The client's address: the socket peer's, or behind a trusted proxy the one it forwarded.
    public let remoteAddress: String
}
