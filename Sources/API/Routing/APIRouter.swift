import HTTPServer
import Logging

/// Where the API's routes are declared: each route names its method, its path, its ``Access`` rule and a handler
/// that receives the caller the rule let in.
///
/// The rule runs before the handler; errors from the rule, the handler and the layers below become their JSON
/// answers (`APIError(mapping:)`), and anything unexpected is logged and answered with a 500 that reveals nothing.
///
/// Every answer, errors included, carries `Cache-Control: no-store`: answers show secrets, session tokens, API keys
/// and tenants' data, and no browser or proxy should keep any of them (as Stripe and Svix answer their APIs).
struct APIRouter {
    /// A handler: the request, its context (path parameters, logger) and the caller.
    typealias Handler<Caller> = @Sendable (HTTPRequest, RequestContext, Caller) throws -> HTTPResponse

    private let router: Router
    private let authentication: RequestAuthentication

    init(router: Router, authentication: RequestAuthentication) {
        self.router = router
        self.authentication = authentication
    }

    /// Registers `handler` for `method` and `path`, behind `access`.
    func on<Caller>(_ method: HTTPMethod, _ path: String, access: Access<Caller>, _ handler: @escaping Handler<Caller>) {
        router.on(method: method, path: path) { [authentication] request, context in
            Self.answer(context) { try handler(request, context, try access.authenticate(request, context, authentication)) }
        }
    }

    /// Registers `handler` behind `access`, and offers each request first to `answerFromCache` on the event loop
    /// when `access` can tell the caller from the read cache. `answerFromCache` must never block; its `nil` sends
    /// the request to `handler` on the worker pool.
    func on<Caller>(_ method: HTTPMethod, _ path: String, access: Access<Caller>,
                    answerFromCache: @escaping @Sendable (HTTPRequest, RequestContext, Caller) -> HTTPResponse?,
                    _ handler: @escaping Handler<Caller>) {
        let authentication = authentication
        router.on(method: method, path: path, eventLoopAttempt: { request, context in
            guard let caller = access.authenticateFromCache(request, context, authentication),
                  var response = answerFromCache(request, context, caller)
            else { return nil }
            response.headers.set(name: "Cache-Control", value: "no-store")
            return response
        }) { request, context in
            Self.answer(context) { try handler(request, context, try access.authenticate(request, context, authentication)) }
        }
    }

    /// Registers a public `handler` that answers on the event loop: it must never block.
    func onEventLoop(_ method: HTTPMethod, _ path: String, access: Access<Void>,
                     _ handler: @escaping @Sendable (HTTPRequest, RequestContext) -> HTTPResponse) {
        router.on(method: method, path: path, runsOnEventLoop: true) { request, context in
            var response = handler(request, context)
            response.headers.set(name: "Cache-Control", value: "no-store")
            return response
        }
    }

    private static func answer(_ context: RequestContext, _ body: () throws -> HTTPResponse) -> HTTPResponse {
        var response: HTTPResponse
        do {
            response = try body()
        } catch {
            if let mapped = APIError(mapping: error) {
                response = mapped.response()
            } else {
                context.logger.error("unhandled error", metadata: ["error": "\(error)", "route": "\(context.route)"])
                response = APIError.internal.response()
            }
        }
        response.headers.set(name: "Cache-Control", value: "no-store")
        return response
    }
}
