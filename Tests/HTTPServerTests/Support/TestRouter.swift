import HTTPServer

struct UnexpectedTestError: Error {}

/// Routes shared by the socket tests.
func makeTestRouter() -> Router {
    let router = Router()
    router.get("/hello", runsOnEventLoop: true) { _, _ in .text(.ok, "hello") }
    router.get("/worker") { _, _ in .text(.ok, "worker") }
    router.get("/items/{id}") { _, context in .text(.ok, "item \(context.parameter("id") ?? "")") }
    router.post("/echo") { request, _ in
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
    }
    router.get("/big") { request, _ in
        let size = Int(request.queryParameter("size") ?? "") ?? 0
        return HTTPResponse(status: .ok, body: (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) })
    }
    router.get("/boom") { _, _ in throw UnexpectedTestError() }
    router.get("/limited") { _, _ in
        throw HTTPError(.tooManyRequests, code: "rate_limited", message: "Slow down.", headers: ["Retry-After": "7"])
    }
    router.get("/request-id", runsOnEventLoop: true) { _, context in .text(.ok, context.requestID) }
    router.get("/close", runsOnEventLoop: true) { _, _ in
        HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("bye".utf8))
    }
    return router
}
