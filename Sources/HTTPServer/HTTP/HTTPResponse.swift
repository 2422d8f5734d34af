/// A response produced by a responder.
///
/// The server adds `Content-Length`, `Date` and, when needed, `Connection`; any such headers set here are
/// replaced. The body is not sent for `HEAD` requests (its length still is) nor for 1xx, 204 and 304.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields to send, in order.
    public var headers: HTTPHeaders
    /// The complete body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with `Content-Type: application/json` and `bytes` as the body.
    public static func json(_ status: HTTPStatus = .ok, bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: bytes)
    }

    /// A response with `Content-Type: text/plain; charset=utf-8` and the UTF-8 of `text` as the body.
    public static func text(_ status: HTTPStatus = .ok, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The standard error shape, `{"error":{"code":"<code>","message":"<message>"}}`, as JSON.
    public static func error(_ status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        .json(status, bytes: JSONText.errorBody(code: code, message: message))
    }

    /// Whether the responder asked for the connection to be closed after this response (`Connection: close`).
    var asksToClose: Bool {
        for field in headers where ASCII.equalsIgnoringCase(field.name.utf8, "connection".utf8) {
            let options = field.value.split(separator: ",")
            if options.contains(where: { ASCII.equalsIgnoringCase($0.trimmingSpacesAndTabs.utf8, "close".utf8) }) {
                return true
            }
        }
        return false
    }
}
