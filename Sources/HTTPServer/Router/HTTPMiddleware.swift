/// A step around request handling: logging, metrics, authentication, headers...
///
/// Middleware added to a `Router` runs after the route has been matched (so `context.route` and
/// `context.parameters` are set, or `route` is `"unmatched"` for 404/405) and before the handler,
/// in the order added. Call `next` to continue the chain, or return a response to stop it.
/// Errors thrown by the handler reach the middleware as responses already (500 or the error's own).
public protocol HTTPMiddleware: Sendable {
    /// Handles `request`, usually by calling `next` and inspecting or changing the result.
    func handle(
        _ request: HTTPRequest,
        context: inout RequestContext,
        next: (HTTPRequest, inout RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse
}
