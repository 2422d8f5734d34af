/// What one attempt got back, as far as ``RetryPolicy`` reads it.
public struct AttemptResponse: Sendable, Equatable {
    /// The HTTP status of the final response, or `nil` when none arrived.
    public var statusCode: Int?
    /// Whether the response arrived whole (no timeout, reset or refused connection on the way).
    public var isComplete: Bool
    /// The wait the response's `Retry-After` asks for (see ``RetryPolicy/parseRetryAfter(_:now:)``), if valid.
    public var retryAfter: Duration?

    /// A response.
    public init(statusCode: Int?, isComplete: Bool, retryAfter: Duration? = nil) {
        self.statusCode = statusCode
        self.isComplete = isComplete
        self.retryAfter = retryAfter
    }

    /// No response at all: the attempt never reached the network (the delivery could not be signed).
    public static let none = AttemptResponse(statusCode: nil, isComplete: false)

    /// Whether this is a success as webhooks define it: a complete response with a 2xx status.
    public var isSuccess: Bool {
        isComplete && statusCode.map { (200..<300).contains($0) } == true
    }
}
