/// The outcome of matching a request, with the middleware snapshot to run.
struct ResolvedRoute: Sendable {
    enum Outcome: Sendable {
        case matched(Route)
        case methodNotAllowed(allow: String)
        case notFound
        /// A method this server implements for no resource (RFC 9110 §9.1: 501).
        case notImplemented
        /// `OPTIONS *`, about the server as a whole (RFC 9110 §9.3.7), with every method some route answers.
        case serverOptions(allow: String)
    }

    let outcome: Outcome
    let middleware: [any HTTPMiddleware]
}
