/// One webhook POST to send.
public struct OutboundRequest: Sendable {
    /// The absolute `http` or `https` URL; any other scheme is refused by curl.
    public var url: String
    /// Request headers in order, sent as given; names and values must not contain CR, LF or NUL.
    /// curl adds `Host`, `Accept: */*`, `Content-Length`, the configured `User-Agent` and, unless given here,
    /// `Content-Type: application/x-www-form-urlencoded`; an empty `Expect:` is always added to turn off
    /// `Expect: 100-continue`.
    public var headers: [(String, String)]
    /// The exact body bytes; curl copies them when the request is submitted.
    public var body: [UInt8]
    /// The longest the whole transfer may take, including waiting for a connection slot (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration
    /// A connect timeout for this request; `nil` uses ``HTTPClientConfiguration/connectTimeout``.
    /// It never exceeds ``timeout``.
    public var connectTimeout: Duration?

    /// A POST request.
    public init(
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8],
        timeout: Duration = .seconds(10),
        connectTimeout: Duration? = nil
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}
