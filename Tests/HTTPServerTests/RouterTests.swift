import Synchronization
import Testing
@testable import HTTPServer

private func context() -> RequestContext {
    RequestContext(requestID: "test", logger: quietLogger)
}

private func respond(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> (HTTPResponse, RequestContext) {
    var context = context()
    let response = try router.respond(to: HTTPRequest(method: method, target: target), context: &context)
    return (response, context)
}

private func text(_ response: HTTPResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

/// Records the order in which middleware and handlers ran.
private final class Trace: Sendable {
    private let entries = Mutex<[String]>([])
    func record(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

private struct TracingMiddleware: HTTPMiddleware {
    let name: String
    let trace: Trace

    func handle(
        _ request: HTTPRequest, context: inout RequestContext,
        next: (HTTPRequest, inout RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        trace.record("\(name) before route=\(context.route)")
        var response = try next(request, &context)
        trace.record("\(name) after status=\(response.status.code)")
        response.headers.add(name: "X-Seen-By", value: name)
        return response
    }
}

private struct TeapotError: HTTPResponseError {
    var status: HTTPStatus { HTTPStatus(code: 418, reasonPhrase: "I'm a teapot") }
}

private struct PlainError: Error {}

@Suite("Router")
struct RouterTests {
    @Test func extractsPathParametersAndTheRoutePattern() throws {
        let router = Router()
        router.get("/api/v1/chatbots/{chatbotId}/webhooks/{id}") { _, context in
            .text(.ok, "\(context.parameter("chatbotId") ?? "-") \(context.parameter("id") ?? "-")")
        }
        let (response, context) = try respond(router, .get, "/api/v1/chatbots/bot%201/webhooks/w2?x=1")
        #expect(text(response) == "bot 1 w2")
        #expect(context.route == "/api/v1/chatbots/{chatbotId}/webhooks/{id}")
        #expect(context.parameters == ["chatbotId": "bot 1", "id": "w2"])
    }

    @Test func percentEncodedSlashStaysInsideOneParameter() throws {
        let router = Router()
        router.get("/files/{name}") { _, context in .text(.ok, context.parameter("name") ?? "") }
        #expect(text(try respond(router, .get, "/files/a%2Fb").0) == "a/b")
    }

    @Test func exactSegmentsBeatParametersAndBacktrack() throws {
        let router = Router()
        router.get("/items/{id}") { _, _ in .text(.ok, "param") }
        router.get("/items/new") { _, _ in .text(.ok, "exact") }
        router.get("/a/{x}/c") { _, context in .text(.ok, "param-c \(context.parameter("x") ?? "")") }
        router.get("/a/b/d") { _, _ in .text(.ok, "exact-d") }
        #expect(text(try respond(router, .get, "/items/new").0) == "exact")
        #expect(text(try respond(router, .get, "/items/42").0) == "param")
        #expect(text(try respond(router, .get, "/a/b/d").0) == "exact-d")
        #expect(text(try respond(router, .get, "/a/b/c").0) == "param-c b")
    }

    @Test func unknownPathAnswers404JSON() throws {
        let router = Router()
        router.get("/known") { _, _ in .text(.ok, "") }
        let (response, context) = try respond(router, .get, "/unknown")
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(text(response) == #"{"error":{"code":"not_found","message":"No resource matches this path."}}"#)
        #expect(context.route == "unmatched")
    }

    @Test func wrongMethodAnswers405WithAllow() throws {
        let router = Router()
        router.get("/things") { _, _ in .text(.ok, "") }
        router.post("/things") { _, _ in .text(.created, "") }
        router.delete("/things") { _, _ in .text(.noContent, "") }
        let (response, _) = try respond(router, .put, "/things")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, POST, DELETE")
        #expect(text(response).contains(#""code":"method_not_allowed""#))
    }

    @Test func headFallsBackToGetUnlessAHeadRouteExists() throws {
        let router = Router()
        router.get("/a") { _, _ in .text(.ok, "get a") }
        router.get("/b") { _, _ in .text(.ok, "get b") }
        router.head("/b") { _, _ in .text(.ok, "head b") }
        #expect(text(try respond(router, .head, "/a").0) == "get a")
        #expect(text(try respond(router, .head, "/b").0) == "head b")
    }

    @Test func middlewareRunsInOrderAfterMatchingWithTheRouteInContext() throws {
        let trace = Trace()
        let router = Router()
        router.add(middleware: TracingMiddleware(name: "first", trace: trace))
        router.add(middleware: TracingMiddleware(name: "second", trace: trace))
        router.get("/users/{id}") { _, context in
            trace.record("handler \(context.parameter("id") ?? "")")
            return .text(.ok, "")
        }
        let (response, _) = try respond(router, .get, "/users/7")
        #expect(trace.all == [
            "first before route=/users/{id}",
            "second before route=/users/{id}",
            "handler 7",
            "second after status=200",
            "first after status=200",
        ])
        #expect(response.headers.values(for: "X-Seen-By") == ["second", "first"])
    }

    @Test func unmatchedRequestsAlsoPassThroughMiddleware() throws {
        let trace = Trace()
        let router = Router()
        router.add(middleware: TracingMiddleware(name: "log", trace: trace))
        router.get("/only-get") { _, _ in .text(.ok, "") }
        _ = try respond(router, .get, "/missing")
        _ = try respond(router, .post, "/only-get")
        #expect(trace.all == [
            "log before route=unmatched", "log after status=404",
            "log before route=unmatched", "log after status=405",
        ])
    }

    @Test func handlerErrorsBecomeResponsesThatMiddlewareSees() throws {
        let trace = Trace()
        let router = Router()
        router.add(middleware: TracingMiddleware(name: "log", trace: trace))
        router.get("/teapot") { _, _ in throw TeapotError() }
        router.get("/boom") { _, _ in throw PlainError() }
        router.get("/conflict") { _, _ in throw HTTPError(.conflict, code: "duplicate_name", message: "Name taken.") }

        let teapot = try respond(router, .get, "/teapot").0
        #expect(teapot.status.code == 418)
        #expect(text(teapot) == #"{"error":{"code":"i_m_a_teapot","message":"I'm a teapot."}}"#)

        let boom = try respond(router, .get, "/boom").0
        #expect(boom.status == .internalServerError)
        #expect(text(boom) == #"{"error":{"code":"internal_error","message":"Internal server error"}}"#)

        let conflict = try respond(router, .get, "/conflict").0
        #expect(conflict.status == .conflict)
        #expect(text(conflict) == #"{"error":{"code":"duplicate_name","message":"Name taken."}}"#)
        #expect(trace.all.filter { $0.contains("after") } == ["log after status=418", "log after status=500", "log after status=409"])
    }

    @Test func onlyRoutesMarkedRunsOnEventLoopRunThere() {
        let router = Router()
        router.get("/healthz", runsOnEventLoop: true) { _, _ in .text(.ok, "") }
        router.get("/db") { _, _ in .text(.ok, "") }
        var fast = context()
        var slow = context()
        var missing = context()
        #expect(router.executionMode(for: HTTPRequest(method: .get, target: "/healthz"), context: &fast) == .eventLoop)
        #expect(fast.route == "/healthz")
        #expect(router.executionMode(for: HTTPRequest(method: .get, target: "/db"), context: &slow) == .workerPool)
        #expect(router.executionMode(for: HTTPRequest(method: .get, target: "/nope"), context: &missing) == .eventLoop)
        router.add(middleware: TracingMiddleware(name: "auth", trace: Trace()))
        var missingWithMiddleware = context()
        #expect(router.executionMode(for: HTTPRequest(method: .get, target: "/nope"), context: &missingWithMiddleware) == .workerPool)
    }

    @Test func anEventLoopAttemptAnswersWithTheMiddlewareOrLeavesTheRequestToTheHandler() throws {
        let trace = Trace()
        let router = Router()
        router.add(middleware: TracingMiddleware(name: "log", trace: trace))
        router.on(method: .get, path: "/items/{id}", eventLoopAttempt: { _, context in
            context.parameter("id") == "cached" ? .text(.ok, "from cache") : nil
        }) { _, _ in
            trace.record("handler")
            return .text(.ok, "from handler")
        }

        var cached = context()
        let cachedRequest = HTTPRequest(method: .get, target: "/items/cached")
        #expect(router.executionMode(for: cachedRequest, context: &cached) == .workerPool)
        let answer = try #require(try router.respondWithoutBlocking(to: cachedRequest, context: &cached))
        #expect(text(answer) == "from cache")
        #expect(trace.all == ["log before route=/items/{id}", "log after status=200"])

        var other = context()
        let otherRequest = HTTPRequest(method: .get, target: "/items/other")
        #expect(router.executionMode(for: otherRequest, context: &other) == .workerPool)
        #expect(try router.respondWithoutBlocking(to: otherRequest, context: &other) == nil)
        #expect(text(try router.respond(to: otherRequest, context: &other)) == "from handler")
        #expect(Array(trace.all.suffix(3)) == ["log before route=/items/{id}", "handler", "log after status=200"])
    }

    @Test func trailingAndRepeatedSlashesAreIgnored() throws {
        let router = Router()
        router.get("/a/b") { _, _ in .text(.ok, "ab") }
        #expect(text(try respond(router, .get, "/a/b/").0) == "ab")
        #expect(text(try respond(router, .get, "//a//b").0) == "ab")
    }
}
