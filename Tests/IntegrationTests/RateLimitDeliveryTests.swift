import Dispatch
import Foundation
import Testing
import TestSupport

/// `rateLimit` through `webhooksd serve`: fifteen deliveries to a webhook limited to 5 per second spread over about
/// three seconds, while another webhook of the same service gets its fifteen at full speed.
@Suite struct RateLimitDeliveryTests {
    @Test func aPacedWebhookIsSpreadWhileAnotherGoesAtFullSpeed() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let paced = try ReceiverProcess(statuses: [200])
        let free = try ReceiverProcess(statuses: [200])
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": paced.url, "eventTypes": ["lead.*"], "rateLimit": 5,
        ])
        #expect(created.status == 201, "\(created.text)")
        #expect((created.json?["webhook"] as? [String: Any])?["rateLimit"] as? Int == 5)
        let other = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": free.url, "eventTypes": ["lead.*"],
        ])
        #expect((other.json?["webhook"] as? [String: Any])?["rateLimit"] is NSNull)

        // Fifteen events published at once (from as many threads), each to both webhooks.
        let apiKey = service.demo["apiKey"]
        DispatchQueue.concurrentPerform(iterations: 15) { n in
            _ = try? service.request("POST", chatbot + "/events", token: apiKey,
                                     json: ["type": "lead.created", "data": ["id": "lead_\(n)"]])
        }
        let freeTimes = free.waitFor(15).compactMap { $0["receivedAt"] as? Double }
        let pacedTimes = paced.waitFor(15).compactMap { $0["receivedAt"] as? Double }
        try #require(freeTimes.count == 15 && pacedTimes.count == 15)
        let freeSpread = (freeTimes.max() ?? 0) - (freeTimes.min() ?? 0)
        let pacedSpread = (pacedTimes.max() ?? 0) - (pacedTimes.min() ?? 0)
        // One every 200 ms: fourteen gaps, 2.8 s; the bounds are loose on purpose (a shared machine).
        #expect(pacedSpread >= 2.4, "paced spread \(pacedSpread) s")
        #expect(freeSpread < 1.0, "free spread \(freeSpread) s")
        // The other webhook was not held up by the paced one: all of its deliveries arrived before the paced ones
        // were half done.
        let pacedMiddle = pacedTimes.sorted()[7]
        #expect((freeTimes.max() ?? .infinity) < pacedMiddle)
        // Waiting was neither failing nor an attempt: each paced delivery arrived once, as attempt 1.
        #expect(paced.requests.allSatisfy { ($0["headers"] as? [String: String])?["x-webhook-attempt"] == "1" })
    }

    @Test func rateLimitIsReadPatchedRemovedAndValidated() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": "https://receiver.example/hook", "eventTypes": ["lead.*"],
        ])
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        #expect(webhook["rateLimit"] is NSNull)
        let base = chatbot + "/webhooks/\(webhook["id"] as? String ?? "")"
        let patched = try service.request("PATCH", base, token: token, json: ["rateLimit": 20])
        #expect((patched.json?["webhook"] as? [String: Any])?["rateLimit"] as? Int == 20, "\(patched.text)")
        let kept = try service.request("PATCH", base, token: token, json: ["name": "Renamed"])
        #expect((kept.json?["webhook"] as? [String: Any])?["rateLimit"] as? Int == 20)
        let removed = try service.request("PATCH", base, token: token, json: ["rateLimit": NSNull()])
        #expect((removed.json?["webhook"] as? [String: Any])?["rateLimit"] is NSNull, "\(removed.text)")
        for bad in [0, 1_001, -5] {
            let wrong = try service.request("PATCH", base, token: token, json: ["rateLimit": bad])
            #expect(wrong.status == 422, "\(bad): \(wrong.text)")
            #expect((wrong.json?["error"] as? [String: Any])?["field"] as? String == "rateLimit")
        }
        #expect(try service.request("PATCH", base, token: token, json: ["rateLimit": "5"]).status == 400)
        #expect(try service.request("PATCH", base, token: token, json: ["rateLimit": 2.5]).status == 400)
    }
}
