import Foundation
import Testing
import TestSupport

/// The delivery log API's shape, filters, pagination and errors (the dispatcher's effects are tested with it).
@Suite struct DeliveryLogEndpointTests {
    @Test func deliveriesAreListedNewestFirstWithCursorPaginationAndFilters() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let chatbot = service.demo["chatbotId"]!
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token,
                                          json: ["url": "http://127.0.0.1:9/hook", "eventTypes": ["*"]])
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        var eventIds: [String] = []
        for index in 0..<5 {
            let type = index % 2 == 0 ? "lead.created" : "message.created"
            let published = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                                json: ["type": type, "data": ["id": "lead_\(index)", "message_id": "m\(index)",
                                                                              "conversation_id": "c1", "index": index]])
            eventIds.append(try #require(published.json?["id"] as? String))
        }
        let base = "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/deliveries"
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try service.request("GET", base + "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
            #expect(page.status == 200)
            let items = try #require(page.json?["deliveries"] as? [[String: Any]])
            #expect(items.count <= 2)
            seen += items.compactMap { $0["eventId"] as? String }
            cursor = page.json?["nextCursor"] as? String
        } while cursor != nil
        #expect(seen == eventIds.reversed())

        let leads = try service.request("GET", base + "?eventType=LEAD_CREATED", token: token)
        #expect((leads.json?["deliveries"] as? [[String: Any]])?.count == 3)
        let pending = try service.request("GET", base + "?status=pending", token: token)
        #expect((pending.json?["deliveries"] as? [[String: Any]])?.count == 5)
        for bad in ["?status=lost", "?limit=0", "?limit=101", "?eventType=nope", "?cursor=garbage"] {
            let response = try service.request("GET", base + bad, token: token)
            #expect(response.status == 400, "\(bad)")
        }

        let first = try #require((pending.json?["deliveries"] as? [[String: Any]])?.first?["id"] as? String)
        let detail = try service.request("GET", base + "/\(first)", token: token)
        #expect(detail.status == 200)
        let delivery = try #require(detail.json?["delivery"] as? [String: Any])
        #expect(delivery["status"] as? String == "pending")
        #expect((delivery["attempts"] as? [Any])?.isEmpty == true)
        #expect((delivery["data"] as? [String: Any])?["index"] as? Int == 4)

        let redeliver = try service.request("POST", base + "/\(first)/redeliver", token: token)
        #expect(redeliver.status == 409)
        let replay = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/replay", token: token,
                                         json: ["since": "2020-01-01T00:00:00Z"])
        #expect(replay.status == 202)
        #expect(replay.json?["replayed"] as? Int == 0)
        for since in ["yesterday", "2020-01-01T00:00:00Z*", "2020-01-01t00:00:00z", "2020-01-01T00:00:00+0100",
                      "2020-01-01T12:99:00Z", "2021-02-29T00:00:00Z", "2020-01-01T02:39:60Z"] {
            let badSince = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/replay",
                                               token: token, json: ["since": since])
            #expect(badSince.status == 422, "\(since)")
        }
        let offset = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)/replay", token: token,
                                         json: ["since": "2020-01-01T00:00:00.5+01:00"])
        #expect(offset.json?["since"] as? String == "2019-12-31T23:00:00.500Z")
        #expect(try service.request("GET", base + "/\(UUID().uuidString.lowercased())", token: token).status == 404)
    }
}
