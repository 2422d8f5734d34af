/// What became of one submitted ``OutboundRequest``.
public struct OutboundResult: Sendable {
    /// The tag given to ``CurlMultiClient/submit(_:tag:)``.
    public var tag: UInt64
    /// The HTTP status of the final response, or `nil` when none arrived.
    public var statusCode: Int?
    /// The headers of the final response in order, as received (at most 100 lines and 16 KiB are kept).
    public var responseHeaders: [(String, String)]
    /// The delay the `Retry-After` header asks for (seconds or HTTP-date), when it is present and valid.
    public var retryAfter: Duration?
    /// The first ``HTTPClientConfiguration/maxResponseBodyBytes`` bytes of the response body.
    public var responseBody: [UInt8]
    /// Whether the response body was longer than ``responseBody``.
    public var responseBodyTruncated: Bool
    /// How long the transfer took, from submission to completion.
    public var duration: Duration
    /// The IP address that was connected to, when a connection was made.
    public var remoteAddress: String?
    /// Why no complete response arrived, or `nil` when one did (whatever its status).
    public var error: OutboundError?

    /// A result; the client makes these, tests of its callers may too.
    public init(
        tag: UInt64,
        statusCode: Int? = nil,
        responseHeaders: [(String, String)] = [],
        retryAfter: Duration? = nil,
        responseBody: [UInt8] = [],
        responseBodyTruncated: Bool = false,
        duration: Duration = .zero,
        remoteAddress: String? = nil,
        error: OutboundError? = nil
    ) {
        self.tag = tag
        self.statusCode = statusCode
        self.responseHeaders = responseHeaders
        self.retryAfter = retryAfter
        self.responseBody = responseBody
        self.responseBodyTruncated = responseBodyTruncated
        self.duration = duration
        self.remoteAddress = remoteAddress
        self.error = error
    }
}
