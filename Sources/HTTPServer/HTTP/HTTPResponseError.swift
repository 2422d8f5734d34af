/// An error that knows the HTTP response it should produce.
///
/// A handler (or middleware) that throws such an error gets `response()` sent to the client;
/// any other error becomes a logged 500 `internal_error`.
public protocol HTTPResponseError: Error {
    /// The status of the response.
    var status: HTTPStatus { get }
    /// The complete response to send.
    func response() -> HTTPResponse
}

extension HTTPResponseError {
    /// The standard JSON error body with the status's snake_case name as the code and its reason phrase as the message.
    public func response() -> HTTPResponse {
        .error(status, code: status.snakeCaseName, message: status.reasonPhrase + ".")
    }
}
