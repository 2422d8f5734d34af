/// The outcome of matching a request, with the middleware snapshot to run.
struct ResolvedRoute: Sendable {
    enum Outcome: Sendable {
        case matched(Route)
        case methodNotAllowed(allow: String)
        case notFound
    }

    let outcome: Outcome
    let middleware: [any HTTPMiddleware]
}
