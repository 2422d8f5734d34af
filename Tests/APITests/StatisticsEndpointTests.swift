import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// The statistics route behind the dashboard's charts: counts by outcome and latency per bucket, the window's
/// edges, health, access and bad input. Deliveries and attempts are written through SQL at known times.
@Suite struct StatisticsEndpointTests {
    /// Writes one delivery of `webhookId` created at `created` (SQL timestamp expression) with `attempts`
    /// (start expression, duration in ms, status code or NULL).
    static func insert(_ service: APIService, webhookId: String, status: String, created: String, test: Bool = false,
                       attempts: [(String, Int, String)] = []) throws {
        let tenant = service.demo["tenantId"]!
        let values = attempts.enumerated().map { index, attempt in
            "(\(index + 1), \(attempt.0), \(attempt.1), \(attempt.2)::int)"
        }.joined(separator: ", ")
        try PostgresAdmin(url: service.database.url).execute(
            """
            WITH d AS (
                INSERT INTO deliveries (tenant_id, webhook_id, event_id, event_type, is_test, status, attempt_count,
                                        created_at)
                VALUES ('\(tenant)', '\(webhookId)', gen_random_uuid(), 'lead.created', \(test), '\(status)',
                        \(attempts.count), \(created))
                RETURNING id, tenant_id
            )
            INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt_number, started_at, duration_ms, status_code)
            SELECT d.tenant_id, d.id, a.n, a.started_at, a.duration_ms, a.status_code
            FROM d, (VALUES \(values.isEmpty ? "(0, now(), 0, NULL::int)" : values)) a (n, started_at, duration_ms, status_code)
            WHERE a.n > 0
            """)
    }

    static func createWebhook(_ service: APIService, token: String) throws -> String {
        let chatbot = service.demo["chatbotId"]!
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token,
                                          json: ["url": "http://127.0.0.1:9/hook", "eventTypes": ["*"]])
        return try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
    }

    static func at(_ text: String) -> String { "'\(text)'::timestamptz" }

    @Test func bucketsCountDeliveriesByOutcomeAndAttemptLatencyWithinTheWindow() throws {
        let service = try APIService()
        let webhookId = try Self.createWebhook(service, token: try service.loginDemo())
        // now 12:30: the 24h window runs from 13:00 yesterday, hour by hour.
        try Self.insert(service, webhookId: webhookId, status: "succeeded", created: Self.at("2026-01-10T12:10:00Z"),
                        attempts: [(Self.at("2026-01-10T12:10:01Z"), 100, "200")])
        try Self.insert(service, webhookId: webhookId, status: "failed", created: Self.at("2026-01-10T11:05:00Z"),
                        attempts: [(Self.at("2026-01-10T11:05:00Z"), 300, "500"), (Self.at("2026-01-10T11:06:00Z"), 500, "500")])
        try Self.insert(service, webhookId: webhookId, status: "pending", created: Self.at("2026-01-10T09:59:59Z"),
                        attempts: [(Self.at("2026-01-10T10:00:01Z"), 1_000, "NULL")])
        try Self.insert(service, webhookId: webhookId, status: "pending", created: Self.at("2026-01-09T13:00:00Z"))
        // One second before the window: it does not count, its attempt inside the window does (attempts count by
        // the hour they started in, whichever delivery they belong to).
        try Self.insert(service, webhookId: webhookId, status: "succeeded", created: Self.at("2026-01-09T12:59:59Z"),
                        attempts: [(Self.at("2026-01-09T13:00:05Z"), 7_000, "200")])
        try Self.insert(service, webhookId: webhookId, status: "succeeded", created: Self.at("2026-01-10T12:00:00Z"),
                        test: true, attempts: [(Self.at("2026-01-10T12:00:00Z"), 9_000, "200")])
        // Later in the current hour than `now`: the current hour counts what it holds so far (only a fixed past
        // `now` can see this).
        try Self.insert(service, webhookId: webhookId, status: "failed", created: Self.at("2026-01-10T12:30:01Z"))

        let now = try #require(ISO8601DateFormatter().date(from: "2026-01-10T12:30:00Z"))
        let tenantId = try #require(UUID(uuidString: service.demo["tenantId"]!))
        let webhook = try #require(UUID(uuidString: webhookId))
        let day = try service.storage.read {
            try $0.deliveryStatistics.statistics(tenantId: tenantId, webhookId: webhook, window: .day, now: now)
        }
        #expect(day.buckets.count == 24)
        #expect(day.buckets.first?.start == ISO8601DateFormatter().date(from: "2026-01-09T13:00:00Z"))
        #expect(day.totals.succeeded == 1 && day.totals.failed == 2 && day.totals.retrying == 1 && day.totals.pending == 1)
        #expect(day.totals.attempts == 5)
        // 100, 300, 500, 1,000 and 7,000 ms: the median 500 and p95 7,000 read as the middle of their histogram
        // buckets ([494, 544) and [6,526, 7,179)), within 10%; the longest is exact.
        #expect([day.totals.latencyP50Ms, day.totals.latencyP95Ms, day.totals.latencyMaxMs] == [518, 6_852, 7_000])
        #expect(day.buckets[0].figures.pending == 1 && day.buckets[0].figures.attempts == 1)
        #expect(day.buckets[20].figures.retrying == 1 && day.buckets[20].figures.attempts == 0)
        #expect(day.buckets[21].figures.attempts == 1 && day.buckets[21].figures.latencyMaxMs == 1_000)
        #expect(day.buckets[22].figures.failed == 1 && day.buckets[22].figures.attempts == 2)
        // 300 in [277, 305) reads 290; 500's bucket middle (518) is above the longest, so 500.
        #expect([day.buckets[22].figures.latencyP50Ms, day.buckets[22].figures.latencyP95Ms] == [290, 500])
        #expect(day.buckets[23].figures.succeeded == 1 && day.buckets[23].figures.failed == 1)
        #expect(day.buckets[23].figures.latencyP50Ms == 98)
        #expect(day.buckets[1].figures == DeliveryStatistics.Figures())
        #expect(day.health.succeeded == 1 && day.health.failed == 2 && day.health.successRate == 1.0 / 3)
        #expect(day.health.lastAttempt?.statusCode == 200 && day.health.lastAttempt?.durationMs == 100)

        let week = try service.storage.read {
            try $0.deliveryStatistics.statistics(tenantId: tenantId, webhookId: webhook, window: .week, now: now)
        }
        #expect(week.buckets.count == 28)
        #expect(week.totals.succeeded == 2 && week.totals.attempts == 5 && week.totals.latencyMaxMs == 7_000)
        #expect(week.buckets[23].figures.succeeded == 1 && week.buckets[23].figures.attempts == 1)
        #expect(week.health == day.health)
    }

    @Test func theRouteAnswersTheWindowsBucketsTotalsAndHealth() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let webhookId = try Self.createWebhook(service, token: token)
        try Self.insert(service, webhookId: webhookId, status: "succeeded", created: "now() - interval '2 hours'",
                        attempts: [("now() - interval '2 hours'", 120, "200")])
        try Self.insert(service, webhookId: webhookId, status: "failed", created: "now() - interval '3 hours'",
                        attempts: [("now() - interval '3 hours'", 80, "503")])
        try Self.insert(service, webhookId: webhookId, status: "succeeded", created: "now() - interval '3 days'",
                        attempts: [("now() - interval '3 days'", 40, "200")])
        let path = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)/stats"

        for (query, apiKey) in [("", false), ("?window=24h", true)] {
            let day = try service.request("GET", path + query, token: apiKey ? service.demo["apiKey"] : token)
            #expect(day.status == 200)
            #expect(day.json?["window"] as? String == "24h")
            #expect(day.json?["bucketSeconds"] as? Int == 3_600)
            #expect((day.json?["buckets"] as? [Any])?.count == 24)
            let totals = try #require(day.json?["totals"] as? [String: Any])
            #expect((totals["deliveries"] as? [String: Any])?["succeeded"] as? Int == 1)
            #expect((totals["deliveries"] as? [String: Any])?["failed"] as? Int == 1)
            #expect(totals["attempts"] as? Int == 2)
            #expect((totals["latencyMs"] as? [String: Any])?["max"] as? Int == 120)
            let health = try #require(day.json?["health"] as? [String: Any])
            #expect(health["successRate"] as? Double == 0.5)
            #expect((health["lastAttempt"] as? [String: Any])?["succeeded"] as? Bool == true)
        }
        let week = try service.request("GET", path + "?window=7d", token: token)
        #expect(week.status == 200)
        #expect((week.json?["buckets"] as? [Any])?.count == 28)
        let weekTotals = try #require(week.json?["totals"] as? [String: Any])
        #expect((weekTotals["deliveries"] as? [String: Any])?["succeeded"] as? Int == 2)
        let buckets = try #require(week.json?["buckets"] as? [[String: Any]])
        #expect(buckets.compactMap { $0["attempts"] as? Int }.reduce(0, +) == 3)
    }

    @Test func aWebhookWithoutDeliveriesHasEmptyFiguresAndNoHealthYet() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let webhookId = try Self.createWebhook(service, token: token)
        let response = try service.request("GET", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)/stats",
                                           token: token)
        #expect(response.status == 200)
        let health = try #require(response.json?["health"] as? [String: Any])
        #expect(health["successRate"] is NSNull && health["lastAttempt"] is NSNull)
        let latency = (response.json?["totals"] as? [String: Any])?["latencyMs"] as? [String: Any]
        #expect(latency?["p50"] is NSNull)
    }

    @Test func anotherTenantsWebhookIsNotFoundAndBadWindowsAreRefused() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let webhookId = try Self.createWebhook(service, token: token)
        let chatbot = service.demo["chatbotId"]!
        let path = "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/stats"
        for bad in ["?window=1h", "?window=7D", "?window=", "?window=24h%00"] {
            let response = try service.request("GET", path + bad, token: token)
            #expect(response.status == 400, "\(bad)")
            #expect((response.json?["error"] as? [String: Any])?["code"] as? String == "invalid_query", "\(bad)")
        }
        #expect(try service.request("GET", path).status == 401)
        #expect(try service.request("GET", "/api/v1/chatbots/\(chatbot)/webhooks/\(UUID())/stats", token: token).status == 404)

        _ = try Provision.tenant(service, name: "Other", plan: "scale", email: "other@example.com",
                                 password: "another long password")
        let other = try service.login(email: "other@example.com", password: "another long password")
        #expect(try service.request("GET", path, token: other).status == 404)
    }
}
