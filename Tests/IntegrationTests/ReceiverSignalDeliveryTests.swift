import Foundation
import Testing
import TestSupport

/// The receivers' signals through `webhooksd serve`: `410 Gone` disables the webhook after one attempt; `429` with
/// `Retry-After` postpones the retry at least that long.
@Suite struct ReceiverSignalDeliveryTests {
    @Test func goneDisablesTheWebhookAfterOneAttempt() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [410])
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["lead.*"], "maxRetries": 5, "retryDelay": 100,
        ])
        #expect(created.status == 201, "\(created.text)")
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let base = chatbot + "/webhooks/\(webhookId)"
        _ = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                json: ["type": "lead.created", "data": ["id": "lead_1"]])

        let (delivery, attempts) = try service.latestDelivery(at: base, token: token, until: "failed")
        #expect(attempts.map { $0["statusCode"] as? Int } == [410])
        #expect(delivery["attemptCount"] as? Int == 1)
        let webhook = try #require(try service.request("GET", base, token: token).json?["webhook"] as? [String: Any])
        #expect(webhook["status"] as? String == "disabled")
        let reason = webhook["disabledReason"] as? String ?? ""
        #expect(reason.hasPrefix("Disabled because the receiver answered 410 Gone at "), "\(reason)")

        // Nothing more is queued for it, and the first delivery was not retried.
        let next = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                       json: ["type": "lead.created", "data": ["id": "lead_2"]])
        #expect(next.json?["deliveriesQueued"] as? Int == 0, "\(next.text)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(receiver.requests.count == 1)
    }

    @Test func tooManyRequestsWithRetryAfterPostponesTheRetryAtLeastThatLong() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [429, 200], retryAfter: "2")
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["lead.*"], "maxRetries": 3, "retryDelay": 100,
        ])
        #expect(created.status == 201, "\(created.text)")
        _ = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                json: ["type": "lead.created", "data": ["id": "lead_1"]])
        let requests = receiver.waitFor(2)
        try #require(requests.count == 2)
        let times = requests.compactMap { $0["receivedAt"] as? Double }
        try #require(times.count == 2)
        // The backoff alone would retry after about 100 ms.
        #expect(times[1] - times[0] >= 2.0, "retried after \(times[1] - times[0]) s")
        #expect(requests.compactMap { ($0["headers"] as? [String: String])?["x-webhook-attempt"] } == ["1", "2"])
    }
}
