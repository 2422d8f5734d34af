import Foundation
import Testing
import TestSupport

/// Publishing events with an API key.
@Suite struct EventEndpointTests {
    func eventsPath(_ service: APIService) -> String { "/api/v1/chatbots/\(service.demo["chatbotId"]!)/events" }

    func createWebhook(_ service: APIService, token: String, eventTypes: [String], isActive: Bool = true) throws {
        let response = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                           json: ["url": "http://127.0.0.1:9/hook", "eventTypes": eventTypes, "isActive": isActive])
        #expect(response.status == 201, "\(response.text)")
    }

    @Test func publishingQueuesOneDeliveryPerMatchingActiveWebhookAndIsIdempotent() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        try createWebhook(service, token: token, eventTypes: ["LEAD_CREATED"])
        try createWebhook(service, token: token, eventTypes: ["lead.*"])
        try createWebhook(service, token: token, eventTypes: ["conversation.ended"])
        try createWebhook(service, token: token, eventTypes: ["*"], isActive: false)
        let body: [String: Any] = ["type": "NEW_LEAD_CAPTURE", "id": "lead-789-created",
                                   "data": ["id": "lead_789", "leadDetails": ["id": "lead_789", "name": "John Doe"]]]
        let first = try service.request("POST", eventsPath(service), token: service.demo["apiKey"], json: body)
        #expect(first.status == 202, "\(first.text)")
        #expect(first.json?["type"] as? String == "lead.created")
        #expect(first.json?["deliveriesQueued"] as? Int == 2)
        #expect(first.json?["duplicate"] as? Bool == false)
        let again = try service.request("POST", eventsPath(service), token: service.demo["apiKey"], json: body)
        #expect(again.status == 202)
        #expect(again.json?["id"] as? String == first.json?["id"] as? String)
        #expect(again.json?["duplicate"] as? Bool == true)
        #expect(again.json?["deliveriesQueued"] as? Int == 2)
        let rows = try ServiceProcess.runPSQL(url: service.database.url, "SELECT count(*) FROM deliveries")
        #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    @Test func eventTypeCatalogueListsEveryTypeWithSchemaAndExample() throws {
        let service = try APIService()
        let response = try service.request("GET", "/api/v1/event-types")
        #expect(response.status == 200)
        let types = try #require(response.json?["eventTypes"] as? [[String: Any]])
        #expect(types.count == 12)
        let lead = try #require(types.first { $0["name"] as? String == "lead.created" })
        #expect((lead["aliases"] as? [String])?.contains("NEW_LEAD_CAPTURE") == true)
        #expect(lead["schema"] is [String: Any])
        #expect(lead["example"] is [String: Any])
        // Each format that sends the type, with the name its receivers see and the body of the example.
        let formats = try #require(lead["formats"] as? [String: [String: Any]])
        #expect(Set(formats.keys) == ["standard", "sitegpt", "pollybot", "slack", "discord"])
        #expect(formats["sitegpt"]?["name"] as? String == "NEW_LEAD_CAPTURE")
        let sitegpt = try #require(formats["sitegpt"]?["example"] as? [String: Any])
        #expect((sitegpt["data"] as? [String: Any])?["leadDetails"] is [String: Any])
        #expect(formats["pollybot"]?["name"] as? String == "LEAD_CREATED")
        #expect((formats["pollybot"]?["example"] as? [String: Any])?["timestamp"] is Int)
    }

    @Test func badEventsGetClearErrors() throws {
        let service = try APIService()
        let key = service.demo["apiKey"]
        let cases: [([String: Any], Int, String)] = [
            (["type": "invoice.paid", "data": [:]], 422, "unknown_event_type"),
            (["type": "webhook.test", "data": [:]], 422, "unknown_event_type"),
            (["type": "webhook.disabled", "data": ["webhookId": "w", "reason": "r"]], 422, "unknown_event_type"),
            (["type": "delivery.exhausted", "data": [:]], 422, "unknown_event_type"),
            (["type": "lead.created"], 400, "missing_field"),
            (["type": "lead.created", "data": [1, 2]], 422, "invalid_type"),
            (["type": "lead.created", "data": "x"], 422, "invalid_type"),
            (["type": 5, "data": [:]], 400, "invalid_type"),
            (["type": "lead.created", "data": [:], "extra": true], 400, "unknown_field"),
            (["type": "lead.created", "data": ["name": "no id"]], 422, "invalid_event_data"),
            (["type": "lead.created", "data": ["id": "l1"], "id": ""], 422, "invalid_field"),
            (["type": "lead.created", "data": ["id": "l1"], "id": "key\u{0}"], 422, "invalid_field"),
            (["type": "conversation.ended", "data": ["conversation": ["id": "c1", "outcome": "exploded"]]], 422,
             "invalid_event_data"),
        ]
        for (body, status, code) in cases {
            let response = try service.request("POST", eventsPath(service), token: key, json: body)
            #expect(response.status == status, "\(body): \(response.text)")
            #expect((response.json?["error"] as? [String: Any])?["code"] as? String == code, "\(body)")
        }
        let big = try service.request("POST", eventsPath(service), token: key,
                                      json: ["type": "message.created", "data": ["message_id": "m", "conversation_id": "c",
                                                                              "body": String(repeating: "x", count: 300_000)]])
        #expect(big.status == 413)
        #expect(try service.request("POST", eventsPath(service), json: ["type": "lead.created", "data": [:]]).status == 401)
        let otherChatbot = "/api/v1/chatbots/\(UUID().uuidString.lowercased())/events"
        #expect(try service.request("POST", otherChatbot, token: key, json: ["type": "lead.created", "data": ["id": "l1"]]).status == 404)
    }
}
