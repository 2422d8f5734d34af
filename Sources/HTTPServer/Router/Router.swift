internal import Synchronization

/// A route handler: answers a request whose path matched the route's pattern.
public typealias RouteHandler = @Sendable (HTTPRequest, inout RequestContext) throws -> HTTPResponse

/// An attempt to answer on the event-loop thread from what is at hand (a cache): the response, or `nil` when
/// answering would block, and the route's ``RouteHandler`` then runs on the worker pool. It must never block.
public typealias RouteAttempt = @Sendable (HTTPRequest, RequestContext) -> HTTPResponse?

/// A responder that dispatches on method and path through a segment tree.
///
/// Patterns are paths whose segments are literals or parameters written `{name}`:
/// `/api/v1/chatbots/{chatbotId}/webhooks`. Literal segments beat parameters at every level. A path that
/// matches with another method answers 405 with `Allow`; no match answers 404; a method that no route and no
/// standard of HTTP defines answers 501, and so does `CONNECT`; `OPTIONS *` answers 200 with every method some
/// route answers in `Allow`. `HEAD` uses the `GET` handler
/// when no `HEAD` route exists (the server drops the body). Middleware runs after matching, for every
/// request including 404 and 405. Routes and middleware are meant to be registered before the server starts.
public final class Router: HTTPResponder {
    private struct State: Sendable {
        var root = RouteNode()
        var middleware: [any HTTPMiddleware] = []
    }

    private let state = Mutex(State())

    /// Creates an empty router.
    public init() {}

    /// Registers `handler` for `method` and the path `pattern`.
    ///
    /// With `runsOnEventLoop`, the handler and the router's middleware run directly on the event-loop
    /// thread: use it only when none of them ever blocks (health checks, static answers).
    /// A malformed pattern or a duplicate registration is a programming error and traps.
    ///
    /// With `eventLoopAttempt`, a request is first offered to the attempt on the event loop; when it answers, the
    /// middleware runs there too around its answer, otherwise the request goes to `handler` as usual.
    public func on(method: HTTPMethod, path pattern: String, runsOnEventLoop: Bool = false,
                   eventLoopAttempt: RouteAttempt? = nil, handler: @escaping RouteHandler) {
        guard let segments = PatternSegment.parse(pattern) else {
            preconditionFailure("Malformed route pattern \(pattern)")
        }
        let names = segments.compactMap { segment -> String? in
            if case .parameter(let name) = segment { return name }
            return nil
        }
        let route = Route(pattern: pattern, parameterNames: names, runsOnEventLoop: runsOnEventLoop, handler: handler,
                          eventLoopAttempt: eventLoopAttempt)
        let inserted = state.withLock { $0.root.insert(route, method: method, segments: segments) }
        precondition(inserted, "Route \(method) \(pattern) is registered twice")
    }

    /// Registers a `GET` route (also used for `HEAD` unless a `HEAD` route exists).
    public func get(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .get, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Registers a `HEAD` route.
    public func head(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .head, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Registers a `POST` route.
    public func post(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .post, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Registers a `PUT` route.
    public func put(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .put, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Registers a `PATCH` route.
    public func patch(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .patch, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Registers a `DELETE` route.
    public func delete(_ pattern: String, runsOnEventLoop: Bool = false, handler: @escaping RouteHandler) {
        on(method: .delete, path: pattern, runsOnEventLoop: runsOnEventLoop, handler: handler)
    }

    /// Appends `middleware` to the chain run for every request, in the order added.
    public func add(middleware: any HTTPMiddleware) {
        state.withLock { $0.middleware.append(middleware) }
    }

    /// Resolves the route (once; `respond` reuses it) and runs matched routes marked `runsOnEventLoop`
    /// on the event loop. 404/405 answers run there too when there is no middleware.
    public func executionMode(for request: HTTPRequest, context: inout RequestContext) -> HTTPExecutionMode {
        let resolved = resolve(request, context: &context)
        context.resolvedRoute = resolved
        switch resolved.outcome {
        case .matched(let route):
            return route.runsOnEventLoop ? .eventLoop : .workerPool
        case .methodNotAllowed, .notFound, .notImplemented, .serverOptions:
            return resolved.middleware.isEmpty ? .eventLoop : .workerPool
        }
    }

    /// Offers the request to its route's ``RouteAttempt``, if it has one; when the attempt answers, runs the
    /// middleware chain around that answer and returns it. Uses the route that `executionMode` resolved.
    public func respondWithoutBlocking(to request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse? {
        guard let resolved = context.resolvedRoute, case .matched(let route) = resolved.outcome,
              let attempt = route.eventLoopAttempt, let answer = attempt(request, context)
        else { return nil }
        context.resolvedRoute = nil
        return try Self.run(resolved.middleware[...], request: request, context: &context) { _, _ in answer }
    }

    /// Matches the route (unless already resolved), then runs the middleware chain and the handler.
    public func respond(to request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse {
        let resolved: ResolvedRoute
        if let alreadyResolved = context.resolvedRoute {
            resolved = alreadyResolved
            context.resolvedRoute = nil
        } else {
            resolved = resolve(request, context: &context)
        }
        return try Self.run(resolved.middleware[...], request: request, context: &context) { request, context in
            switch resolved.outcome {
            case .matched(let route):
                do {
                    return try route.handler(request, &context)
                } catch {
                    return ErrorRendering.response(for: error, request: request, context: context)
                }
            case .methodNotAllowed(let allow):
                var response = HTTPResponse.error(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "The method \(request.method) is not allowed for this resource."
                )
                response.headers.add(name: "Allow", value: allow)
                return response
            case .notFound:
                return .error(.notFound, code: "not_found", message: "No resource matches this path.")
            case .notImplemented:
                return .error(
                    .notImplemented, code: "not_implemented", message: "The method \(request.method) is not supported by this server."
                )
            case .serverOptions(let allow):
                return HTTPResponse(status: .ok, headers: ["Allow": allow])
            }
        }
    }

    private static func run(
        _ chain: ArraySlice<any HTTPMiddleware>,
        request: HTTPRequest,
        context: inout RequestContext,
        endpoint: (HTTPRequest, inout RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard let first = chain.first else { return try endpoint(request, &context) }
        return try first.handle(request, context: &context) { request, context in
            try run(chain.dropFirst(), request: request, context: &context, endpoint: endpoint)
        }
    }

    /// Matches `request` against the tree and records the route and parameters in `context`.
    private func resolve(_ request: HTTPRequest, context: inout RequestContext) -> ResolvedRoute {
        let (root, middleware) = state.withLock { ($0.root, $0.middleware) }
        context.route = RequestContext.unmatchedRoute
        if request.path == "*" {
            return ResolvedRoute(outcome: .serverOptions(allow: Self.allowHeader(for: root.allMethods())), middleware: middleware)
        }
        let segments = request.rawPath.utf8.split(separator: ASCII.slash, omittingEmptySubsequences: true).map { bytes in
            let segment = Substring(bytes)
            return PercentDecoding.decode(segment, plusAsSpace: false, strict: false) ?? String(segment)
        }
        var values: [String] = []
        // A matched route implies a known method, so only the misses ask whether the method is known at all.
        guard let routes = root.match(segments, values: &values) else {
            let outcome: ResolvedRoute.Outcome = Self.isImplemented(request.method, root: root) ? .notFound : .notImplemented
            return ResolvedRoute(outcome: outcome, middleware: middleware)
        }
        guard let route = routes[request.method] ?? (request.method == .head ? routes[.get] : nil) else {
            guard Self.isImplemented(request.method, root: root) else {
                return ResolvedRoute(outcome: .notImplemented, middleware: middleware)
            }
            return ResolvedRoute(outcome: .methodNotAllowed(allow: Self.allowHeader(for: routes.keys)), middleware: middleware)
        }
        context.route = route.pattern
        if !route.parameterNames.isEmpty {
            context.parameters = Dictionary(zip(route.parameterNames, values)) { first, _ in first }
        }
        return ResolvedRoute(outcome: .matched(route), middleware: middleware)
    }

    /// Whether some resource could answer `method`: a standard one, or one a route was registered for; not CONNECT.
    private static func isImplemented(_ method: HTTPMethod, root: RouteNode) -> Bool {
        method.rawValue != "CONNECT" && (Self.standardMethods.contains(method) || root.allMethods().contains(method))
    }

    /// The methods of RFC 9110 §9, PATCH (RFC 5789) and QUERY: known, so a resource without them answers 405, not 501.
    /// CONNECT is left out: no route can take a tunnel.
    private static let standardMethods: Set<HTTPMethod> = [
        .get, .head, .post, .put, .delete, .options, .patch,
        HTTPMethod(rawValue: "TRACE"), HTTPMethod(rawValue: "QUERY"),
    ]

    /// `GET, HEAD, POST...`: the registered methods in a conventional order, with HEAD implied by GET.
    private static func allowHeader(for methods: some Sequence<HTTPMethod>) -> String {
        let order: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]
        var allowed = Set(methods)
        if allowed.contains(.get) { allowed.insert(.head) }
        let known = order.filter { allowed.contains($0) }
        let others = allowed.subtracting(order).map(\.rawValue).sorted()
        return (known.map(\.rawValue) + others).joined(separator: ", ")
    }
}
