import API
import Foundation
import Testing
import TestSupport

/// `POST /api/v1/chatbots/{chatbotId}/portal-links` and `POST /api/v1/auth/portal-sessions`: single-use links that
/// open a session reaching one chatbot's webhooks and nothing else.
@Suite struct PortalLinkEndpointTests {
    nonisolated(unsafe) static let webhookBody: [String: Any] = [
        "name": "Portal hook", "url": "https://crm.example.com/portal", "eventTypes": ["LEAD_CREATED"],
    ]

    func linksPath(_ chatbotId: String) -> String { "/api/v1/chatbots/\(chatbotId)/portal-links" }

    /// Makes a link to `chatbotId` with `token`, checks its shape, and returns the link's token.
    func link(_ service: APIService, _ chatbotId: String, token: String?, body: [String: Any]? = nil) throws -> String {
        let created = try service.request("POST", linksPath(chatbotId), token: token, json: body)
        try #require(created.status == 201, "\(created.text)")
        #expect(created.header("Cache-Control") == "no-store")
        let url = try #require(created.json?["url"] as? String)
        let expiresText = try #require(created.json?["expiresAt"] as? String)
        let expiresAt = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: expiresText))
        #expect(expiresAt > Date().addingTimeInterval(30) && expiresAt < Date().addingTimeInterval(3_700))
        let components = try #require(URLComponents(string: url))
        #expect(components.path == "/dashboard/portal")
        let linkToken = try #require(components.queryItems?.first { $0.name == "token" }?.value)
        #expect(linkToken.hasPrefix("ptl_") && linkToken.count == 47)
        return linkToken
    }

    /// Redeems `linkToken`; the answer.
    func redeem(_ service: APIService, _ linkToken: String) throws -> TestHTTPClient.Response {
        try service.request("POST", "/api/v1/auth/portal-sessions", json: ["token": linkToken])
    }

    /// A second chatbot of the demo tenant, with a webhook of its own; its id.
    func secondChatbot(_ service: APIService) throws -> String {
        let created = try service.request("POST", "/api/v1/chatbots", token: service.demo["apiKey"], json: ["name": "Other bot"])
        let id = try #require(created.json?["id"] as? String)
        let hook = try service.request("POST", "/api/v1/chatbots/\(id)/webhooks", token: service.demo["apiKey"],
                                       json: ["name": "Other bot's hook", "url": "https://other.example.com/x",
                                              "eventTypes": ["LEAD_CREATED"]])
        try #require(hook.status == 201)
        return id
    }

    @Test func aLinkOpensOneSessionOnceThatReachesItsChatbotsWebhooksAndNothingElse() throws {
        let service = try APIService()
        let chatbot = try #require(service.demo["chatbotId"])
        let other = try secondChatbot(service)
        let linkToken = try link(service, chatbot, token: try service.loginDemo(), body: [
            "expiresIn": 300, "theme": ["accent": "#FF6600", "logoUrl": "https://cdn.example.com/logo.png", "dark": true],
        ])

        let opened = try redeem(service, linkToken)
        #expect(opened.status == 201, "\(opened.text)")
        let session = try #require(opened.json?["token"] as? String)
        #expect(session.hasPrefix("sess_"))
        let expiresText = try #require(opened.json?["expiresAt"] as? String)
        let expiresAt = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: expiresText))
        #expect(expiresAt <= Date().addingTimeInterval(3_601))
        #expect((opened.json?["portal"] as? [String: Any])?["chatbotId"] as? String == chatbot)

        // Used once: a second redemption finds nothing, and says so as JSON.
        let again = try redeem(service, linkToken)
        #expect(again.status == 410)
        #expect(Provision.code(again) == "portal_link_gone")

        // /auth/me names the chatbot and the theme, so a reload of the page keeps them.
        let me = try service.request("GET", "/api/v1/auth/me", token: session)
        #expect(me.status == 200)
        #expect(me.json?["user"] is NSNull)
        let portal = try #require(me.json?["portal"] as? [String: Any])
        #expect(portal["chatbotId"] as? String == chatbot)
        let theme = try #require(portal["theme"] as? [String: Any])
        #expect(theme["accent"] as? String == "#FF6600")
        #expect(theme["logoUrl"] as? String == "https://cdn.example.com/logo.png")
        #expect(theme["dark"] as? Bool == true)
        // A user's session has no portal member.
        #expect(try service.request("GET", "/api/v1/auth/me", token: try service.loginDemo()).json?["portal"] == nil)

        // Its chatbot: list, create, read, edit, test, deliveries, stats, settings.
        let hooks = "/api/v1/chatbots/\(chatbot)/webhooks"
        #expect(try service.request("GET", hooks, token: session).status == 200)
        let created = try service.request("POST", hooks, token: session, json: Self.webhookBody)
        #expect(created.status == 201, "\(created.text)")
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        #expect(try service.request("GET", "\(hooks)/\(webhookId)", token: session).status == 200)
        #expect(try service.request("PATCH", "\(hooks)/\(webhookId)", token: session, json: ["name": "Renamed"]).status == 200)
        #expect(try service.request("GET", "\(hooks)/\(webhookId)/deliveries", token: session).status == 200)
        #expect(try service.request("GET", "\(hooks)/\(webhookId)/stats", token: session).status == 200)
        #expect(try service.request("GET", "/api/v1/chatbots/\(chatbot)/webhook-settings", token: session).status == 200)
        #expect(try service.request("GET", "/api/v1/chatbots/\(chatbot)", token: session).status == 200)
        #expect(try service.request("GET", "/api/v1/event-types", token: session).status == 200)
        let chatbots = try service.request("GET", "/api/v1/chatbots", token: session)
        #expect((chatbots.json?["chatbots"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [chatbot])

        // Another chatbot of the same tenant is unknown to it, reading or writing.
        for (method, path) in [("GET", "/api/v1/chatbots/\(other)/webhooks"), ("GET", "/api/v1/chatbots/\(other)"),
                               ("GET", "/api/v1/chatbots/\(other)/webhook-settings")] {
            let refused = try service.request(method, path, token: session)
            #expect(refused.status == 404, "\(path)")
            #expect(Provision.code(refused) == "not_found", "\(path)")
        }
        let write = try service.request("POST", "/api/v1/chatbots/\(other)/webhooks", token: session, json: Self.webhookBody)
        #expect(write.status == 404)

        // Everything outside the chatbot's webhooks is refused.
        for (method, path, body) in [
            ("GET", "/api/v1/billing", nil), ("GET", "/api/v1/api-keys", nil),
            ("POST", "/api/v1/api-keys", ["name": "mine now"]),
            ("POST", linksPath(chatbot), [:]), ("POST", "/api/v1/chatbots", ["name": "new bot"]),
            ("POST", "/api/v1/chatbots/\(chatbot)/events", ["type": "LEAD_CREATED", "data": [:]]),
        ] as [(String, String, [String: Any]?)] {
            let refused = try service.request(method, path, token: session, json: body)
            #expect(refused.status == 403, "\(method) \(path): \(refused.text)")
            #expect(Provision.code(refused) == "portal_scope", "\(method) \(path)")
        }
        // The admin routes take only the admin token.
        let admin = try service.request("POST", "/api/v1/admin/tenants/\(service.demo["tenantId"]!)/users", token: session,
                                        json: ["email": "x@example.com", "password": "long enough password", "role": "owner"])
        #expect(admin.status == 401)

        // Logging out ends it.
        #expect(try service.request("POST", "/api/v1/auth/logout", token: session).status == 200)
        #expect(try service.request("GET", hooks, token: session).status == 401)
    }

    @Test func anAPIKeyMakesLinksAndAViewerCannot() throws {
        let service = try APIService()
        let chatbot = try #require(service.demo["chatbotId"])
        let linkToken = try link(service, chatbot, token: service.demo["apiKey"])
        #expect(try redeem(service, linkToken).status == 201)

        let tenant = try #require(service.demo["tenantId"])
        _ = try Provision.user(service, tenantId: tenant, email: "viewer@portal.example.com", password: "viewer password 1",
                               role: "member")
        let viewer = try service.login(email: "viewer@portal.example.com", password: "viewer password 1")
        let refused = try service.request("POST", linksPath(chatbot), token: viewer)
        #expect(refused.status == 403)
        #expect(Provision.code(refused) == "forbidden")
        #expect(try service.request("POST", linksPath(chatbot)).status == 401)
    }

    @Test func anotherTenantsChatbotIsNotFoundAndATenantWithoutWebhooksIsAskedToBuyThem() throws {
        let service = try APIService()
        let secondTenant = try Provision.tenant(service, email: "owner@second-portal.example.com", password: "second password 1")
        let bot = try service.request("POST", "/api/v1/admin/tenants/\(secondTenant)/chatbots", json: ["name": "Theirs"],
                                      headers: Provision.adminHeaders)
        let theirs = try #require(bot.json?["id"] as? String)
        let refused = try service.request("POST", linksPath(theirs), token: service.demo["apiKey"])
        #expect(refused.status == 404)
        #expect(Provision.code(refused) == "not_found")
        for bad in ["not-a-uuid", UUID().uuidString.lowercased()] {
            #expect(try service.request("POST", linksPath(bad), token: service.demo["apiKey"]).status == 404)
        }

        // The second tenant is on the free plan: no webhooks, so no portal to them.
        let owner = try service.login(email: "owner@second-portal.example.com", password: "second password 1")
        let unpaid = try service.request("POST", linksPath(theirs), token: owner)
        #expect(unpaid.status == 402)
        #expect(Provision.code(unpaid) == "plan_required")
    }

    @Test(arguments: [
        (##"{"theme": {"accent": "orange"}}"##, 422, "theme.accent"),
        (##"{"theme": {"accent": "#12345"}}"##, 422, "theme.accent"),
        (##"{"theme": {"accent": "#1234567"}}"##, 422, "theme.accent"),
        (##"{"theme": {"logoUrl": "http://cdn.example.com/logo.png"}}"##, 422, "theme.logoUrl"),
        (##"{"theme": {"logoUrl": "javascript:alert(1)"}}"##, 422, "theme.logoUrl"),
        (##"{"theme": {"logoUrl": "https://cdn.example.com/a\"b"}}"##, 422, "theme.logoUrl"),
        (##"{"theme": {"dark": "yes"}}"##, 400, "theme.dark"),
        (##"{"theme": {"font": "Comic Sans"}}"##, 400, "theme.font"),
        (##"{"theme": "dark"}"##, 400, "theme"),
        (##"{"expiresIn": 30}"##, 422, "expiresIn"),
        (##"{"expiresIn": 7200}"##, 422, "expiresIn"),
        (##"{"expires": 60}"##, 400, "expires"),
    ])
    func aBadBodyIsRefusedNamingTheField(_ body: String, _ status: Int, _ field: String) throws {
        let service = try APIService()
        let refused = try Provision.raw(service, "POST", linksPath(service.demo["chatbotId"]!), body: body,
                                        headers: [("Authorization", "Bearer \(service.demo["apiKey"]!)")])
        #expect(refused.status == status, "\(body): \(refused.text)")
        #expect(Provision.field(refused) == field, "\(body)")
    }

    @Test func anExpiredUnknownOrMalformedLinkOpensNothing() throws {
        let service = try APIService()
        let linkToken = try link(service, service.demo["chatbotId"]!, token: service.demo["apiKey"])
        try PostgresAdmin(url: service.database.url).execute(
            "UPDATE portal_links SET expires_at = now() - interval '1 second'")
        for token in [linkToken, "ptl_" + String(repeating: "A", count: 43), "ptl_short", "sess_whatever"] {
            let refused = try redeem(service, token)
            #expect(refused.status == 410, "\(token)")
            #expect(Provision.code(refused) == "portal_link_gone")
        }
        #expect(try service.request("POST", "/api/v1/auth/portal-sessions", json: [:]).status == 400)
        #expect(try service.request("POST", "/api/v1/auth/portal-sessions", json: ["token": 5]).status == 400)
    }

    @Test func theLinkPointsAtThePublicOriginWhenOneIsSet() throws {
        let service = try APIService(publicOrigin: WebOrigin("https://webhooks.example.com"))
        let created = try service.request("POST", linksPath(service.demo["chatbotId"]!), token: service.demo["apiKey"])
        #expect((created.json?["url"] as? String)?.hasPrefix("https://webhooks.example.com/dashboard/portal?token=ptl_") == true)
        let own = try APIService()
        let local = try own.request("POST", linksPath(own.demo["chatbotId"]!), token: own.demo["apiKey"],
                                    headers: [("Host", "127.0.0.1:9000")])
        #expect((local.json?["url"] as? String)?.hasPrefix("http://127.0.0.1:9000/dashboard/portal?token=ptl_") == true)
    }

    @Test func aCachedPortalSessionIsStillScoped() throws {
        let service = try APIService(readCache: true)
        let chatbot = try #require(service.demo["chatbotId"])
        let other = try secondChatbot(service)
        let session = try #require(try redeem(service, try link(service, chatbot, token: service.demo["apiKey"]))
            .json?["token"] as? String)
        // The first list loads the caches; the second is answered on the event loop, by the same rules.
        for _ in 0..<2 {
            #expect(try service.request("GET", "/api/v1/chatbots/\(chatbot)/webhooks", token: session).status == 200)
            #expect(try service.request("GET", "/api/v1/chatbots/\(other)/webhooks", token: session).status == 404)
        }
        #expect(service.lastAnsweredFromCache == false)
        #expect(try service.request("GET", "/api/v1/chatbots/\(chatbot)/webhooks", token: session).status == 200)
        #expect(service.lastAnsweredFromCache)
    }
}
