import HTTPServer

/// A ready-made `HTTPResponseError` for the tests' handlers to throw: a status, a machine-readable code, a human sentence and optional headers.
struct HTTPError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The status of the response.
    let status: HTTPStatus
    /// The snake_case code placed in `error.code`.
    let code: String
    /// The sentence placed in `error.message`.
    let message: String
    /// Extra headers, e.g. `Retry-After` or `WWW-Authenticate`.
    let headers: HTTPHeaders

    /// Creates an error; `code` defaults to the status's snake_case name and `message` to its reason phrase.
    init(_ status: HTTPStatus, code: String? = nil, message: String? = nil, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.code = code ?? status.snakeCaseName
        self.message = message ?? status.reasonPhrase + "."
        self.headers = headers
    }

    /// The JSON error response, with `headers` added.
    func response() -> HTTPResponse {
        var response = HTTPResponse.error(status, code: code, message: message)
        for field in headers {
            response.headers.add(name: field.name, value: field.value)
        }
        return response
    }

    /// `"<status>: <code>: <message>"`.
    var description: String { "\(status): \(code): \(message)" }
}
