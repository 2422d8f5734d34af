public import Foundation

/// One request an inbox received, as kept (see ``InboxLimits``).
public struct InboxRequest: Sendable, Equatable {
    /// The request's id.
    public let id: UUID
    /// Its place in the inbox's order: later requests have larger sequence numbers (the polling cursor).
    public let sequence: Int64
    /// When it arrived.
    public let receivedAt: Date
    /// The HTTP method.
    public let method: String
    /// The path as sent.
    public let path: String
    /// The query string without `?`, or `nil`.
    public let query: String?
    /// The headers in the order received.
    public let headers: [(name: String, value: String)]
    /// The body bytes kept (at most ``InboxLimits/bodyBytes``).
    public let body: [UInt8]
    /// The size of the whole body received, in bytes.
    public let size: Int
    /// Whether the body or the headers were cut.
    public let truncated: Bool

    /// Creates a request value.
    public init(id: UUID, sequence: Int64, receivedAt: Date, method: String, path: String, query: String?,
                headers: [(name: String, value: String)], body: [UInt8], size: Int, truncated: Bool) {
        self.id = id
        self.sequence = sequence
        self.receivedAt = receivedAt
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.size = size
        self.truncated = truncated
    }

    public static func == (lhs: InboxRequest, rhs: InboxRequest) -> Bool {
        lhs.id == rhs.id && lhs.sequence == rhs.sequence && lhs.receivedAt == rhs.receivedAt && lhs.method == rhs.method
            && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body && lhs.size == rhs.size
            && lhs.truncated == rhs.truncated && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
    }
}
