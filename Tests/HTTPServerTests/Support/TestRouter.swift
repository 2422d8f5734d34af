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
        // "xxx...x!" (built with stdlib calls only: closures are slow in debug builds).
        let size = Int(request.queryParameter("size") ?? "") ?? 0
        var body = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        if size > 0 { body[size - 1] = UInt8(ascii: "!") }
        return HTTPResponse(status: .ok, body: body)
    }
    router.get("/boom") { _, _ in throw UnexpectedTestError() }
    router.get("/limited") { _, _ in
        throw HTTPError(.tooManyRequests, code: "rate_limited", message: "Slow down.", headers: ["Retry-After": "7"])
    }
    router.get("/request-id", runsOnEventLoop: true) { _, context in .text(.ok, context.requestID) }
    router.get("/close", runsOnEventLoop: true) { _, _ in
        HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("bye".utf8))
    }
    router.get("/host", runsOnEventLoop: true) { request, _ in .text(.ok, request.headers.values(for: "Host").joined(separator: "|")) }
    router.get("/empty", runsOnEventLoop: true) { _, _ in HTTPResponse(status: .noContent, headers: ["X-Empty": "yes"]) }
    return router
}
