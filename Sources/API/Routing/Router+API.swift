import HTTPServer
import Logging

extension Router {
    /// Registers an API handler: errors from the layers below become their JSON answers (`APIError(mapping:)`),
    /// and anything unexpected is logged and answered with a 500 that reveals nothing.
    func api(_ method: HTTPMethod, _ path: String, eventLoopAttempt: RouteAttempt? = nil,
             _ handler: @escaping @Sendable (HTTPRequest, inout RequestContext) throws -> HTTPResponse) {
        on(method: method, path: path, eventLoopAttempt: eventLoopAttempt) { request, context in
            do {
                return try handler(request, &context)
            } catch {
                if let mapped = APIError(mapping: error) { return mapped.response() }
                context.logger.error("unhandled error", metadata: ["error": "\(error)", "route": "\(context.route)"])
                return APIError.internal.response()
            }
        }
    }
}
