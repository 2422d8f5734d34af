import Foundation
import Testing
import TestSupport

/// The delivery log's `since` and `until`: a time range on when deliveries were created, combined with the other
/// filters and the cursor, and refused with a JSON error naming the parameter when it is not a timestamp.
@Suite struct DeliveryLogTimeFilterTests {
    /// Publishes one event per age (hours before now, each `lead.created` or `message.created` by parity) and moves
    /// its delivery's creation time that far back; returns the webhook's log path and the event ids by age.
    static func seed(_ service: APIService, token: String, hoursAgo: [Int]) throws -> (String, [Int: String]) {
        let chatbot = service.demo["chatbotId"]!
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token,
                                          json: ["url": "http://127.0.0.1:9/hook", "eventTypes": ["*"]])
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        var events: [Int: String] = [:]
        for hours in hoursAgo {
            let type = hours % 2 == 0 ? "lead.created" : "message.created"
            let published = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                                json: ["type": type, "data": ["id": "lead_\(hours)", "message_id": "m\(hours)",
                                                                              "conversation_id": "c1"]])
            let eventId = try #require(published.json?["id"] as? String)
            events[hours] = eventId
            // The queue keeps the delivery's creation time too (the log's pending path).
            try PostgresAdmin(url: service.database.url).execute(
                """
                WITH moved AS (
                    UPDATE deliveries SET created_at = now() - interval '\(hours) hours' WHERE event_id = '\(eventId)'
                    RETURNING id, created_at
                )
                UPDATE delivery_queue q SET created_at = m.created_at FROM moved m WHERE q.delivery_id = m.id
                """)
        }
        return ("/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/deliveries", events)
    }

    static func eventIds(_ response: TestHTTPClient.Response) -> [String] {
        (response.json?["deliveries"] as? [[String: Any]])?.compactMap { $0["eventId"] as? String } ?? []
    }

    static func stamp(hoursAgo: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date().addingTimeInterval(-hoursAgo * 3_600))
    }

    @Test func sinceAndUntilNarrowTheLogWithTheOtherFiltersAndTheCursor() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let (path, events) = try Self.seed(service, token: token, hoursAgo: [1, 2, 3, 4, 30, 200])

        let lastDay = try service.request("GET", path + "?since=\(Self.stamp(hoursAgo: 24))", token: token)
        #expect(lastDay.status == 200)
        #expect(Self.eventIds(lastDay) == [1, 2, 3, 4].compactMap { events[$0] })
        let older = try service.request("GET", path + "?until=\(Self.stamp(hoursAgo: 24))", token: token)
        #expect(Self.eventIds(older) == [30, 200].compactMap { events[$0] })
        let between = try service.request(
            "GET", path + "?since=\(Self.stamp(hoursAgo: 72))&until=\(Self.stamp(hoursAgo: 2.5))", token: token)
        #expect(Self.eventIds(between) == [3, 4, 30].compactMap { events[$0] })
        // With the event type (even hours are lead.created) and a status.
        let leads = try service.request("GET", path + "?since=\(Self.stamp(hoursAgo: 24))&eventType=lead.created&status=pending",
                                        token: token)
        #expect(Self.eventIds(leads) == [2, 4].compactMap { events[$0] })
        let none = try service.request("GET", path + "?since=\(Self.stamp(hoursAgo: 24))&status=failed", token: token)
        #expect(none.status == 200 && Self.eventIds(none).isEmpty)
        // Page by page, the range holds on every page and the cursor continues it.
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try service.request(
                "GET", path + "?limit=2&since=\(Self.stamp(hoursAgo: 48))" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
            #expect(page.status == 200)
            seen += Self.eventIds(page)
            cursor = page.json?["nextCursor"] as? String
        } while cursor != nil
        #expect(seen == [1, 2, 3, 4, 30].compactMap { events[$0] })
        // An offset is an instant like any other.
        let offset = try service.request("GET", path + "?since=2000-01-01T01:00:00%2B01:00", token: token)
        #expect(Self.eventIds(offset).count == 6)
    }

    @Test func aBadTimestampOrAnEmptyRangeIsRefusedNamingTheParameter() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let (path, _) = try Self.seed(service, token: token, hoursAgo: [1])
        for name in ["since", "until"] {
            for bad in ["yesterday", "2026-01-01", "2026-01-01T10:00", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00z",
                        "2026-01-01T25:00:00Z", "", "2026-01-01T00:00:00Z%00", "2026-01-01T00:00:00%2B19:00"] {
                let response = try service.request("GET", path + "?\(name)=\(bad)", token: token)
                #expect(response.status == 400, "\(name)=\(bad)")
                let error = response.json?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "invalid_query" && error?["field"] as? String == name, "\(name)=\(bad)")
            }
        }
        let backwards = try service.request(
            "GET", path + "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", token: token)
        #expect(backwards.status == 400)
        #expect((backwards.json?["error"] as? [String: Any])?["field"] as? String == "until")
    }

    @Test func anotherTenantsWebhookIsNotFoundWhateverTheRange() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let (path, _) = try Self.seed(service, token: token, hoursAgo: [1])
        _ = try Provision.tenant(service, name: "Other", plan: "scale", email: "other@example.com",
                                 password: "another long password")
        let other = try service.login(email: "other@example.com", password: "another long password")
        let response = try service.request("GET", path + "?since=2000-01-01T00:00:00Z", token: other)
        #expect(response.status == 404 && response.json?["error"] != nil)
    }
}
