public import HTTPServer

/// Every error answer of the API: a status and `{"error": {"code", "message", "field"?}}`.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPStatus
    /// A stable snake_case code clients can switch on.
    public let code: String
    /// A sentence for people.
    public let message: String
    /// The input field at fault, when there is one.
    public let field: String?
    /// Extra response headers (`Retry-After`, `Allow`, ...).
    public let headers: [(String, String)]
    /// Extra string members of the `error` object (e.g. what to buy on a 402).
    public let details: [(String, String)]

    /// Creates an error answer.
    public init(_ status: HTTPStatus, code: String, message: String, field: String? = nil,
                headers: [(String, String)] = [], details: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
        self.details = details
    }

    /// The answer to a failure that is our fault; details go to the log, never to the client.
    public static let `internal` = APIError(.internalServerError, code: "internal_error",
                                            message: "Something went wrong on our side; it has been logged.")

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The JSON rendering.
    public func response() -> HTTPResponse {
        var error: [String: JSON.Value] = ["code": .string(code), "message": .string(message)]
        if let field { error["field"] = .string(field) }
        for (key, value) in details { error[key] = .string(value) }
        var response = Responses.json(status, ["error": .object(error)])
        for (name, value) in headers { response.headers.add(name: name, value: value) }
        return response
    }
}
