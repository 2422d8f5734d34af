/// A request handed to the worker pool, with the way back to its connection.
struct WorkItem: Sendable {
    let request: HTTPRequest
    let context: RequestContext
    let loop: EventLoop
    let connection: ConnectionID
}
