import Foundation
import Testing
import TestSupport

/// A portal link in a real browser (`Tests/Browser/dashboard_portal.py`), against `webhooksd serve` with the demo
/// tenant and a second chatbot of it. Skipped, saying why, where chromium or Playwright is missing.
@Suite struct DashboardPortalBrowserTests {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_portal.py").path
    static let embedScript = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/dashboard_portal_embed.py").path

    /// The link opens its chatbot's webhooks only, themed, with its token gone from the address bar; another
    /// chatbot's URL shows an error; the same link opened again is dead.
    @Test func aPortalLinkOpensOnlyItsChatbotThemedAndOnlyOnce() throws {
        try DashboardBrowserTests.requireBrowser()
        let service = try RunningService()
        let key = try #require(service.demo["apiKey"])
        let chatbot = try #require(service.demo["chatbotId"])
        let name = "Leads for the customer"
        let otherName = "Secret other bot hook"
        let own = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: key, json: [
            "name": name, "url": "https://example.com/hook", "eventTypes": ["lead.created"],
        ])
        try #require(own.status == 201, "\(own.text)")
        let otherBot = try service.request("POST", "/api/v1/chatbots", token: key, json: ["name": "Other bot"])
        let other = try #require(otherBot.json?["id"] as? String, "\(otherBot.text)")
        let hook = try service.request("POST", "/api/v1/chatbots/\(other)/webhooks", token: key, json: [
            "name": otherName, "url": "https://example.com/other", "eventTypes": ["lead.created"],
        ])
        try #require(hook.status == 201, "\(hook.text)")

        let accent = "#c2185b"
        let logo = "https://logo.invalid/brand.png"
        // The browser's address: the link takes its origin from the request's Host, as a browser or a backend sends it.
        let link = try service.request("POST", "/api/v1/chatbots/\(chatbot)/portal-links", token: key, json: [
            "theme": ["accent": accent, "logoUrl": logo, "dark": true],
        ], headers: [("Host", "127.0.0.1:\(service.process.port)")])
        try #require(link.status == 201, "\(link.text)")
        let url = try #require(link.json?["url"] as? String)
        let base = "http://127.0.0.1:\(service.process.port)"
        #expect(url.hasPrefix("\(base)/dashboard/portal?token=ptl_"))

        let outcome = try ChildProcess.run("python3", [
            Self.script, base, url, chatbot, other, name, otherName, accent, logo,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }

    /// `WEBHOOKS_PORTAL_FRAME_ORIGINS` reaches the dashboard's answers: those origins may frame it, and without
    /// `X-Frame-Options` (which cannot name them); the API's answers are not pages and do not change.
    @Test func theConfiguredOriginsMayFrameTheDashboard() throws {
        let service = try RunningService(extra: ["WEBHOOKS_PORTAL_FRAME_ORIGINS": "https://app.customer.com  https://Admin.Customer.com:8443/"])
        let page = try service.request("GET", "/dashboard/portal")
        #expect(page.status == 200)
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.hasSuffix("frame-ancestors 'self' https://app.customer.com https://admin.customer.com:8443"))
        #expect(page.header("X-Frame-Options") == nil)
    }

    /// In an iframe of an origin `WEBHOOKS_PORTAL_FRAME_ORIGINS` allows, the portal works (its session kept in the
    /// frame's storage, sent as a bearer token); in a page of any other origin, the browser refuses the frame.
    @Test func aPortalLinkWorksInAnIframeOfAnAllowedOriginOnly() throws {
        try DashboardBrowserTests.requireBrowser()
        // The customer's app: served by the script on this port, allowed as http://localhost:<port> (a local
        // origin, as the browser lets a local page embed a local service).
        let embedPort = try ServiceProcess.freePort()
        let service = try RunningService(extra: ["WEBHOOKS_PORTAL_FRAME_ORIGINS": "http://localhost:\(embedPort)"])
        let key = try #require(service.demo["apiKey"])
        let chatbot = try #require(service.demo["chatbotId"])
        let name = "Embedded leads hook"
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: key, json: [
            "name": name, "url": "https://example.com/hook", "eventTypes": ["lead.created"],
        ])
        try #require(created.status == 201, "\(created.text)")
        var links: [String] = []
        for _ in 0..<2 {
            let link = try service.request("POST", "/api/v1/chatbots/\(chatbot)/portal-links", token: key,
                                           headers: [("Host", "127.0.0.1:\(service.process.port)")])
            links.append(try #require(link.json?["url"] as? String, "\(link.text)"))
        }
        let outcome = try ChildProcess.run("python3", [Self.embedScript, String(embedPort), links[0], links[1], name])
        #expect(outcome.status == 0, "\(outcome.stderr)\(outcome.stdout)")
    }
}
