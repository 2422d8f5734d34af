/// Turns errors thrown by handlers and middleware into responses.
enum ErrorRendering {
    /// The body of every 500 produced for an unexpected error.
    static let internalErrorCode = "internal_error"
    static let internalErrorMessage = "Internal server error"

    /// The response for `error`: its own for an `HTTPResponseError`, otherwise a 500 after logging the error.
    static func response(for error: any Error, request: HTTPRequest, context: RequestContext) -> HTTPResponse {
        if let error = error as? any HTTPResponseError {
            return error.response()
        }
        context.logger.error(
            "Unhandled error while responding",
            metadata: [
                "error": "\(String(reflecting: error))",
                "method": "\(request.method)",
                "path": "\(request.path)",
                "route": "\(context.route)",
            ]
        )
        return .error(.internalServerError, code: internalErrorCode, message: internalErrorMessage)
    }

    /// Calls `responder`, converting any thrown error to its response.
    static func respond(with responder: any HTTPResponder, to request: HTTPRequest, context: inout RequestContext) -> HTTPResponse {
        do {
            return try responder.respond(to: request, context: &context)
        } catch {
            return response(for: error, request: request, context: context)
        }
    }
}
