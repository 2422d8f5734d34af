@testable import API
import HTTPServer
import Logging
import Synchronization
import Testing

/// Requests answered through ``ObservabilityMiddleware`` as `/metrics` shows them, in process.
@Suite struct MetricsExpositionTests {
    func answer(_ router: Router, _ method: HTTPMethod, _ target: String) throws {
        var context = RequestContext(requestID: "test", logger: Logger(label: "test"))
        _ = try router.respond(to: HTTPRequest(method: method, target: target), context: &context)
    }

    @Test func requestsAreCountedAndTimedByRouteMethodAndStatus() throws {
        let metrics = MetricsExposition()
        let router = Router()
        router.add(middleware: ObservabilityMiddleware(metrics: metrics.factory, accessLog: { _ in }))
        router.get("/items/{id}") { _, _ in HTTPResponse(status: .ok) }
        try answer(router, .get, "/items/1")
        try answer(router, .get, "/items/2")
        try answer(router, .get, "/nothing")

        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains("# TYPE http_requests_total counter"))
        #expect(text.contains(#"http_requests_total{route="/items/{id}",method="GET",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/items/{id}",le="0.0005"}"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/items/{id}"} 2"#))
    }

    @Test func countersFollowTotalsKeptElsewhereAtEachScrape() {
        let metrics = MetricsExposition()
        let total = Mutex(0)
        let attempts = TotalCounter(label: "attempts_total", factory: metrics.factory)
        metrics.sampleOnScrape { attempts.follow(total.withLock { $0 }) }
        #expect(String(decoding: metrics.render(), as: UTF8.self).contains("attempts_total 0"))
        total.withLock { $0 = 5 }
        #expect(String(decoding: metrics.render(), as: UTF8.self).contains("attempts_total 5"))
        total.withLock { $0 = 7 }
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains("# TYPE attempts_total counter"))
        #expect(text.contains("attempts_total 7"))
    }
}
