/// A registered route: its pattern, the names of its parameters in order, and its handler.
struct Route: Sendable {
    let pattern: String
    let parameterNames: [String]
    let runsOnEventLoop: Bool
    let handler: RouteHandler
}
