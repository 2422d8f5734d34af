import Foundation
import Testing
import TestSupport

/// `GET /api/v1/chatbots/{chatbotId}/webhooks/stats`: every webhook of the chatbot with its window's figures in one
/// answer, for the webhooks list's health badges. Deliveries are written through SQL at known times.
@Suite struct StatisticsBatchEndpointTests {
    typealias Seed = StatisticsEndpointTests

    /// The webhooks of the answer by id.
    static func byId(_ response: TestHTTPClient.Response) throws -> [String: [String: Any]] {
        let list = try #require(response.json?["webhooks"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { item in (item["webhookId"] as? String).map { ($0, item) } })
    }

    @Test func everyWebhookOfTheChatbotIsListedWithItsWindowsOutcomesRateAndLatency() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let busy = try Seed.createWebhook(service, token: token)
        let quiet = try Seed.createWebhook(service, token: token)
        let broken = try Seed.createWebhook(service, token: token)
        for (status, hours, duration, code) in [("succeeded", 1, 100, "200"), ("succeeded", 2, 300, "200"),
                                                ("succeeded", 5, 200, "200"), ("failed", 3, 900, "500")] {
            try Seed.insert(service, webhookId: busy, status: status, created: "now() - interval '\(hours) hours'",
                            attempts: [("now() - interval '\(hours) hours'", duration, code)])
        }
        // Retrying (attempted once) and pending (never attempted) are neither success nor failure.
        try Seed.insert(service, webhookId: busy, status: "pending", created: "now() - interval '10 minutes'",
                        attempts: [("now() - interval '10 minutes'", 50, "NULL")])
        try Seed.insert(service, webhookId: busy, status: "pending", created: "now() - interval '1 minute'")
        // Outside the 24h window but inside 7d; and a test send, which is never traffic.
        try Seed.insert(service, webhookId: busy, status: "failed", created: "now() - interval '3 days'",
                        attempts: [("now() - interval '3 days'", 5_000, "503")])
        try Seed.insert(service, webhookId: busy, status: "succeeded", created: "now() - interval '1 hour'", test: true,
                        attempts: [("now() - interval '1 hour'", 9_000, "200")])
        try Seed.insert(service, webhookId: broken, status: "failed", created: "now() - interval '4 hours'",
                        attempts: [("now() - interval '4 hours'", 40, "500")])
        let path = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/stats"

        for (query, credential) in [("", token), ("?window=24h", service.demo["apiKey"])] {
            let day = try service.request("GET", path + query, token: credential)
            #expect(day.status == 200, "\(day.text)")
            #expect(day.json?["window"] as? String == "24h")
            #expect(day.json?["from"] is String && day.json?["to"] is String)
            let ids = try #require(day.json?["webhooks"] as? [[String: Any]]).compactMap { $0["webhookId"] as? String }
            #expect(ids == [busy, quiet, broken])  // the list's order: creation
            let webhooks = try Self.byId(day)
            let figures = try #require(webhooks[busy])
            let deliveries = try #require(figures["deliveries"] as? [String: Any])
            #expect(deliveries["succeeded"] as? Int == 3 && deliveries["failed"] as? Int == 1)
            #expect(deliveries["retrying"] as? Int == 1 && deliveries["pending"] as? Int == 1)
            #expect(figures["successRate"] as? Double == 0.75)
            #expect(figures["attempts"] as? Int == 5)
            let latency = try #require(figures["latencyMs"] as? [String: Any])
            // 200 ms reads as its histogram bucket's middle, 197; 900's (922) is above the longest, so 900.
            #expect(latency["p50"] as? Int == 197 && latency["p95"] as? Int == 900 && latency["max"] as? Int == 900)
            #expect(webhooks[quiet]?["successRate"] is NSNull)
            #expect((webhooks[quiet]?["deliveries"] as? [String: Any])?["succeeded"] as? Int == 0)
            #expect((webhooks[quiet]?["latencyMs"] as? [String: Any])?["p95"] is NSNull)
            #expect(webhooks[broken]?["successRate"] as? Double == 0)
        }

        // The same figures as each webhook's own route says in its totals.
        let single = try service.request("GET", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(busy)/stats?window=7d",
                                         token: token)
        let week = try service.request("GET", path + "?window=7d", token: token)
        #expect(week.json?["window"] as? String == "7d")
        let weekBusy = try #require(try Self.byId(week)[busy])
        let totals = try #require(single.json?["totals"] as? [String: Any])
        #expect((weekBusy["deliveries"] as? [String: Any])?["failed"] as? Int == 2)
        #expect(weekBusy["successRate"] as? Double == 0.6)
        #expect(NSDictionary(dictionary: weekBusy["deliveries"] as? [String: Any] ?? [:])
            == NSDictionary(dictionary: totals["deliveries"] as? [String: Any] ?? ["x": 1]))
        #expect(NSDictionary(dictionary: weekBusy["latencyMs"] as? [String: Any] ?? [:])
            == NSDictionary(dictionary: totals["latencyMs"] as? [String: Any] ?? ["x": 1]))
    }

    @Test func aChatbotWithoutWebhooksHasAnEmptyList() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let response = try service.request("GET", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/stats",
                                           token: token)
        #expect(response.status == 200)
        #expect((response.json?["webhooks"] as? [Any])?.isEmpty == true)
    }

    @Test func anotherTenantsChatbotIsNotFoundAndBadWindowsAreRefused() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let webhookId = try Seed.createWebhook(service, token: token)
        try Seed.insert(service, webhookId: webhookId, status: "succeeded", created: "now() - interval '1 hour'")
        let chatbot = service.demo["chatbotId"]!
        let path = "/api/v1/chatbots/\(chatbot)/webhooks/stats"
        for bad in ["?window=1h", "?window=7D", "?window=", "?window=24h%00"] {
            let response = try service.request("GET", path + bad, token: token)
            #expect(response.status == 400, "\(bad)")
            let error = response.json?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "invalid_query" && error?["field"] as? String == "window", "\(bad)")
        }
        #expect(try service.request("GET", path).status == 401)
        let unknown = try service.request("GET", "/api/v1/chatbots/\(UUID())/webhooks/stats", token: token)
        #expect(unknown.status == 404 && unknown.json?["error"] != nil)
        #expect(try service.request("GET", "/api/v1/chatbots/not-an-id/webhooks/stats", token: token).status == 404)

        _ = try Provision.tenant(service, name: "Other", plan: "scale", email: "other@example.com",
                                 password: "another long password")
        let other = try service.login(email: "other@example.com", password: "another long password")
        let foreign = try service.request("GET", path, token: other)
        #expect(foreign.status == 404 && foreign.json?["error"] != nil)
        #expect(!foreign.text.contains(webhookId))
    }
}
