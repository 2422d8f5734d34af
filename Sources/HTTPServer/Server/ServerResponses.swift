/// The answers the server produces by itself.
enum ServerResponses {
    /// `HTTP/1.1 100 Continue` for `Expect: 100-continue`.
    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// 503 when the worker queue is full.
    static let serverBusy: HTTPResponse = {
        var response = HTTPResponse.error(
            .serviceUnavailable, code: "server_busy", message: "The server is too busy to handle this request; retry later."
        )
        response.headers.add(name: "Retry-After", value: "1")
        return response
    }()

    /// 408 when a request is not received within the header or body timeout.
    static let requestTimeout = HTTPResponse.error(
        .requestTimeout, code: "request_timeout", message: "The request was not received in time."
    )

    /// The answer to a request that could not be parsed.
    static func response(for error: HTTPParseError) -> HTTPResponse {
        .error(error.status, code: error.code, message: error.message)
    }
}
