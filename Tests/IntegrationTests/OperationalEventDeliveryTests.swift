import Foundation
import Testing
import TestSupport

/// The service's operational events through `webhooksd serve`: `webhook.disabled` and `delivery.exhausted` reach
/// the same chatbot's webhooks that subscribe to them, signed like any delivery, and a failing delivery of an
/// operational event raises none.
@Suite struct OperationalEventDeliveryTests {
    /// Creates a webhook on the demo chatbot; returns its id.
    private func webhook(_ service: RunningService, _ token: String, _ body: [String: Any]) throws -> String {
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: body)
        #expect(created.status == 201, "\(created.text)")
        return try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
    }

    private func publishLead(_ service: RunningService) throws {
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let published = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                            json: ["type": "lead.created", "data": ["id": "lead_1"]])
        #expect(published.status == 202 || published.status == 201, "\(published.text)")
    }

    private func data(of request: [String: Any]) -> [String: Any] {
        let body = (request["body"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
        return ((body as? [String: Any])?["data"] as? [String: Any]) ?? [:]
    }

    @Test func aGoneReceiverRaisesWebhookDisabledForASubscriberOfTheSameChatbot() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let gone = try ReceiverProcess(statuses: [410])
        let watcher = try ReceiverProcess(statuses: [200], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let goneId = try webhook(service, token, ["name": "Old CRM", "url": gone.url, "eventTypes": ["lead.*"]])
        _ = try webhook(service, token, ["url": watcher.url, "eventTypes": ["webhook.disabled"],
                                         "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        try publishLead(service)

        let received = watcher.waitFor(1)
        try #require(received.count == 1)
        let headers = received[0]["headers"] as? [String: String] ?? [:]
        #expect(headers["x-webhook-event"] == "webhook.disabled")
        #expect(received[0]["verified"] as? Bool == true)
        let data = data(of: received[0])
        #expect(data["webhookId"] as? String == goneId)
        #expect(data["name"] as? String == "Old CRM")
        #expect(data["url"] as? String == gone.url)
        #expect((data["reason"] as? String ?? "").hasPrefix("Disabled because the receiver answered 410 Gone at "))
        #expect(data["disabledAt"] is String)
        #expect(gone.requests.count == 1)
    }

    @Test func anExhaustedDeliveryRaisesDeliveryExhaustedButAFailingOperationalDeliveryRaisesNone() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let failing = try ReceiverProcess(statuses: [500])
        let watcher = try ReceiverProcess(statuses: [200])
        // A second watcher that fails every time: its delivery.exhausted deliveries exhaust too, and raise nothing.
        let brokenWatcher = try ReceiverProcess(statuses: [500])
        let failingId = try webhook(service, token, ["name": "Flaky", "url": failing.url, "eventTypes": ["lead.*"],
                                                     "maxRetries": 1, "retryDelay": 100])
        _ = try webhook(service, token, ["url": watcher.url, "eventTypes": ["delivery.exhausted"]])
        _ = try webhook(service, token, ["url": brokenWatcher.url, "eventTypes": ["delivery.*"],
                                         "maxRetries": 1, "retryDelay": 100])
        try publishLead(service)

        let received = watcher.waitFor(1)
        try #require(received.count >= 1)
        #expect((received[0]["headers"] as? [String: String])?["x-webhook-event"] == "delivery.exhausted")
        let data = data(of: received[0])
        #expect(data["webhookId"] as? String == failingId)
        #expect(data["webhookName"] as? String == "Flaky")
        #expect(data["eventType"] as? String == "lead.created")
        #expect(data["attempts"] as? Int == 2)
        #expect(data["lastStatusCode"] as? Int == 500)
        #expect(data["lastError"] as? String == "HTTP 500")
        #expect(data["deliveryId"] is String)

        // The broken watcher gets the same event twice (its two attempts) and exhausts; that raises nothing more.
        #expect(brokenWatcher.waitFor(2).count == 2)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watcher.requests.count == 1)
        #expect(brokenWatcher.requests.count == 2)
        #expect(failing.requests.count == 2)
    }
}
