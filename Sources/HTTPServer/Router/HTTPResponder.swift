/// Produces the response to a request. Implementations must be safe to call from several threads at once.
public protocol HTTPResponder: Sendable {
    /// Answers `request`. Runs on a worker thread unless `executionMode(for:context:)` said otherwise, so it may block.
    /// Throwing an `HTTPResponseError` sends its response; any other error becomes a logged 500.
    func respond(to request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse

    /// Decides, on the event-loop thread, where `respond(to:context:)` runs for this request.
    ///
    /// It must be quick and must never block. It may fill `context` (the `Router` resolves the route here,
    /// once). The default runs everything on the worker pool.
    func executionMode(for request: HTTPRequest, context: inout RequestContext) -> HTTPExecutionMode

    /// Called on the event-loop thread, after `executionMode(for:context:)` chose the worker pool: answers at once
    /// when that needs no blocking (say, from a cache), or returns `nil` to send the request to the pool.
    /// Throwing an `HTTPResponseError` sends its response. The default returns `nil`.
    func respondWithoutBlocking(to request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse?
}

extension HTTPResponder {
    /// Every request runs on the worker pool.
    public func executionMode(for request: HTTPRequest, context: inout RequestContext) -> HTTPExecutionMode {
        .workerPool
    }

    /// Never answers on the event loop.
    public func respondWithoutBlocking(to request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse? {
        nil
    }
}
