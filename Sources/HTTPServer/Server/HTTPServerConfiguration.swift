/// Settings of an `HTTPServer`: address, threads, limits and timeouts.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: a numeric IPv4/IPv6 address or a host name. Default `"0.0.0.0"`.
    public var host: String
    /// The TCP port; 0 lets the kernel choose (read it back from `HTTPServer.port`). Default 8080.
    public var port: Int
    /// Threads running epoll loops (accepting, reading, parsing, writing). Default 1.
    public var eventLoopThreads: Int
    /// Threads running responders that may block. Default 16.
    public var workerThreads: Int
    /// Requests waiting for a free worker; one more is answered 503 `server_busy` at once. Default 256.
    public var maxQueuedRequests: Int
    /// Open connections. When full, a new connection from an address holding at least two fewer connections than
    /// the busiest address replaces one of that address's connections that waits for a request; any other new
    /// connection is accepted and closed at once. Default 10,000.
    public var maxConnections: Int
    /// Open connections one client address may hold (an IPv6 client counts by its /64); a connection beyond is
    /// accepted and closed at once. `nil` (the default) allows a tenth of `maxConnections`, at least 32; 0 means
    /// no per-address limit.
    public var maxConnectionsPerAddress: Int?
    /// Bytes of request line plus header section; beyond is 431 (414 when the request line alone is too long). Default 16 KiB.
    public var maxHeaderBytes: Int
    /// Bytes of a request target; beyond is 414. Default 8 KiB.
    public var maxRequestTargetBytes: Int
    /// Bytes of a request body; beyond is 413 and the connection is closed. Default 1 MiB.
    public var maxBodyBytes: Int
    /// Time allowed for a request's header section: for the first request of a connection counted from accept,
    /// for a later one from its first byte (waiting for that byte is idle time); then 408 and close, or a close
    /// without an answer when nothing arrived. Default 10 s.
    public var headerReadTimeout: Duration
    /// Time allowed to receive a body once its head is read; then 408 and close. Default 30 s.
    public var bodyReadTimeout: Duration
    /// Time a keep-alive connection may stay idle between requests before it is closed. Default 60 s.
    public var idleTimeout: Duration
    /// Time a response may make no progress because the client does not read it; then the connection is closed. Default 30 s.
    public var writeTimeout: Duration
    /// The `listen` backlog (the kernel caps it at `net.core.somaxconn`). Default 1024.
    public var backlog: Int

    /// Creates a configuration; every parameter has the default documented on its property.
    public init(
        host: String = "0.0.0.0",
        port: Int = 8080,
        eventLoopThreads: Int = 1,
        workerThreads: Int = 16,
        maxQueuedRequests: Int = 256,
        maxConnections: Int = 10_000,
        maxConnectionsPerAddress: Int? = nil,
        maxHeaderBytes: Int = 16 * 1024,
        maxRequestTargetBytes: Int = 8 * 1024,
        maxBodyBytes: Int = 1024 * 1024,
        headerReadTimeout: Duration = .seconds(10),
        bodyReadTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        writeTimeout: Duration = .seconds(30),
        backlog: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.eventLoopThreads = eventLoopThreads
        self.workerThreads = workerThreads
        self.maxQueuedRequests = maxQueuedRequests
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRequestTargetBytes = maxRequestTargetBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.backlog = backlog
    }

    /// The per-address limit in force, or `nil` for none. The floor of 32 keeps an office behind one NAT
    /// address working on a small server.
    var connectionsPerAddressLimit: Int? {
        let limit = maxConnectionsPerAddress ?? min(maxConnections, max(maxConnections / 10, 32))
        return limit > 0 ? limit : nil
    }

    /// The parser limits derived from this configuration.
    var parserLimits: HTTPParserLimits {
        var limits = HTTPParserLimits()
        limits.maxHeaderBytes = max(maxHeaderBytes, 256)
        limits.maxRequestTargetBytes = max(maxRequestTargetBytes, 16)
        limits.maxBodyBytes = max(maxBodyBytes, 0)
        return limits
    }
}
