/// A registered route: its pattern, the names of its parameters in order, its handler, and optionally an attempt
/// to answer on the event loop first.
struct Route: Sendable {
    let pattern: String
    let parameterNames: [String]
    let runsOnEventLoop: Bool
    let handler: RouteHandler
    let eventLoopAttempt: RouteAttempt?
}
