import HTTPServer
import Logging
import Testing
@testable import Dashboard

/// Who may frame the dashboard: nobody by default; with `WEBHOOKS_PORTAL_FRAME_ORIGINS`, those origins and the
/// service itself, for embedding portal links.
@Suite struct DashboardFramingTests {
    private func get(_ target: String, from routes: DashboardRoutes) throws -> HTTPResponse {
        let router = Router()
        routes.register(on: router)
        var context = RequestContext(requestID: "test", logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        return try router.respond(to: HTTPRequest(method: .get, target: target), context: &context)
    }

    @Test(arguments: ["/dashboard/portal", "/dashboard/assets/app.css", "/dashboard/assets/missing.js"])
    func withoutFrameOriginsNobodyMayFrameThePage(_ target: String) throws {
        let response = try get(target, from: DashboardRoutes())
        let policy = try #require(response.headers["Content-Security-Policy"])
        #expect(policy.hasSuffix("frame-ancestors 'none'"))
        #expect(response.headers["X-Frame-Options"] == "DENY")
    }

    @Test(arguments: ["/dashboard/portal", "/dashboard/assets/app.css", "/dashboard/assets/missing.js"])
    func frameOriginsMayFrameThePageAndNoOneElse(_ target: String) throws {
        let routes = DashboardRoutes(frameAncestors: ["https://app.customer.com", "http://localhost:3000"])
        let response = try get(target, from: routes)
        let policy = try #require(response.headers["Content-Security-Policy"])
        let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(directives.last == "frame-ancestors 'self' https://app.customer.com http://localhost:3000")
        #expect(!policy.contains("*"))
        // X-Frame-Options cannot name origins: it would refuse them, so it is left out.
        #expect(response.headers["X-Frame-Options"] == nil)
        #expect(directives.contains("script-src 'self'"))
    }

    /// Only images widen, to https (a portal link's logo); scripts, styles and connections stay the service's own.
    @Test func imagesMayComeFromHTTPSAndNothingElseWidens() throws {
        let policy = try #require(try get("/dashboard/", from: DashboardRoutes()).headers["Content-Security-Policy"])
        let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(directives.contains("img-src 'self' data: https:"))
        #expect(directives.contains("default-src 'self'") && directives.contains("style-src 'self'")
            && directives.contains("connect-src 'self'"))
        #expect(!policy.contains("http:"))
    }
}
