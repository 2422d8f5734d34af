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
