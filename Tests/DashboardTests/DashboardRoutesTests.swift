import HTTPServer
import Logging
import Testing
@testable import Dashboard

/// The dashboard's files as `webhooksd serve` answers them: through the real router, from the embedded copies.
@Suite struct DashboardRoutesTests {
    let router: Router = {
        let router = Router()
        DashboardRoutes().register(on: router)
        return router
    }()

    private func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        var context = RequestContext(requestID: "test", logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return try router.respond(to: HTTPRequest(method: .get, target: target, headers: headers), context: &context)
    }

    private var index: [UInt8] { Array((EmbeddedAssets.files["index.html"] ?? "").utf8) }

    @Test func theRootRedirectsToTheDashboard() throws {
        let response = try get("/")
        #expect(response.status == .found)
        #expect(response.headers["Location"] == "/dashboard/")
    }

    @Test(arguments: ["/dashboard", "/dashboard/", "/dashboard/login?next=%2Fdashboard%2F", "/dashboard/chatbots/abc/webhooks",
                      "/dashboard/chatbots/abc/webhooks/def", "/dashboard/chatbots/abc/webhooks/def/deliveries/ghi",
                      "/dashboard/no/such/view"])
    func everyViewPathAnswersTheIndexPage(_ target: String) throws {
        let response = try get(target)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(!index.isEmpty && response.body == index)
    }

    @Test(arguments: [("/dashboard/assets/app.css", "text/css; charset=utf-8", "app.css"),
                      ("/dashboard/assets/js/main.js", "text/javascript; charset=utf-8", "js/main.js"),
                      ("/dashboard/assets/js/views/webhooks.js", "text/javascript; charset=utf-8", "js/views/webhooks.js")])
    func assetsAnswerThemselvesWithTheirContentType(_ target: String, _ contentType: String, _ file: String) throws {
        let response = try get(target)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == contentType)
        #expect(response.body == Array((EmbeddedAssets.files[file] ?? "-").utf8))
    }

    @Test func aMissingAssetIs404NotTheIndexPage() throws {
        let response = try get("/dashboard/assets/js/missing.js")
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test(arguments: ["/dashboard/assets/../index.html", "/dashboard/assets/%2e%2e/%2e%2e/etc/passwd",
                      "/dashboard/assets/js%2f..%2f..%2fapp.css", "/dashboard/..", "/dashboard/assets/.%2Fapp.css",
                      "/dashboard/a%5c..%5cb"])
    func traversalIsRefused(_ target: String) throws {
        let response = try get(target)
        #expect(response.status == .badRequest)
        #expect(response.body != index)
    }

    @Test(arguments: ["/dashboard/", "/dashboard/assets/app.css", "/dashboard/assets/nothing.js", "/dashboard/assets/../x"])
    func everyAnswerCarriesTheSecurityHeaders(_ target: String) throws {
        let response = try get(target)
        let policy = try #require(response.headers["Content-Security-Policy"])
        #expect(policy.contains("default-src 'self'"))
        #expect(policy.contains("script-src 'self';"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
    }

    @Test func filesAreRevalidatedAndAnUnchangedOneAnswers304() throws {
        let first = try get("/dashboard/assets/js/api.js")
        #expect(first.headers["Cache-Control"] == "no-cache")
        let tag = try #require(first.headers["ETag"])
        let again = try get("/dashboard/assets/js/api.js", headers: ["If-None-Match": tag])
        #expect(again.status == .notModified)
        #expect(again.body.isEmpty)
        let other = try get("/dashboard/assets/js/api.js", headers: ["If-None-Match": "\"0000000000000000\""])
        #expect(other.status == .ok)
    }

    /// The page itself holds no inline script or style, which the policy would block anyway.
    @Test func theIndexPageHasNoInlineScriptOrStyle() throws {
        let html = EmbeddedAssets.files["index.html"] ?? ""
        #expect(html.contains("<script type=\"module\" src=\"/dashboard/assets/js/main.js\"></script>"))
        #expect(!html.contains("<style") && !html.contains("style=") && !html.contains(" on"))
    }
}
