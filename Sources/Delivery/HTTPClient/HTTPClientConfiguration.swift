import WebhookCore
/// Settings of one ``CurlMultiClient``, fixed for its lifetime.
public struct HTTPClientConfiguration: Sendable {
    /// The `User-Agent` sent with every request.
    public var userAgent: String
    /// At most this many connections to one host name and port at once; further requests to that host wait inside
    /// curl for a free connection, and that wait counts against their timeout (`CURLMOPT_MAX_HOST_CONNECTIONS`).
    public var maxConcurrentPerHost: Int
    /// At most this many open connections in all, and the size of the keep-alive connection cache
    /// (`CURLMOPT_MAX_TOTAL_CONNECTIONS`, `CURLMOPT_MAXCONNECTS`); also how many idle easy handles are kept for reuse.
    public var maxTotalConnections: Int
    /// How many bytes of each response body are kept in ``OutboundResult/responseBody`` (4 KiB by default).
    /// Bytes past this are read and discarded, so the connection stays reusable.
    public var maxResponseBodyBytes: Int
    /// How many response body bytes are read at most; past this the transfer is aborted (its connection is closed)
    /// and the result keeps the status code and the excerpt, with no error. Bounds the work a huge or endless body
    /// can cause before the timeout does.
    public var maxResponseDrainBytes: Int
    /// Whether loopback, private, link-local and other non-public addresses may be reached
    /// (see ``AddressPolicy``); `false` in production, `true` only for local development and tests.
    public var allowPrivateTargets: Bool
    /// The longest a connection (DNS, TCP and TLS) may take, unless a request sets a shorter one.
    public var connectTimeout: Duration

    /// A configuration; the defaults suit production.
    public init(
        userAgent: String = "Webhooks/1.0",
        maxConcurrentPerHost: Int = 8,
        maxTotalConnections: Int = 256,
        maxResponseBodyBytes: Int = 4_096,
        maxResponseDrainBytes: Int = 1 << 20,
        allowPrivateTargets: Bool = false,
        connectTimeout: Duration = .seconds(5)
    ) {
        self.userAgent = userAgent
        self.maxConcurrentPerHost = maxConcurrentPerHost
        self.maxTotalConnections = maxTotalConnections
        self.maxResponseBodyBytes = maxResponseBodyBytes
        self.maxResponseDrainBytes = maxResponseDrainBytes
        self.allowPrivateTargets = allowPrivateTargets
        self.connectTimeout = connectTimeout
    }
}
