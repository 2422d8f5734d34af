import Foundation
import Testing
import TestSupport

/// Publish through the API, deliver through the dispatcher inside `serve`, receive at a real receiver on loopback.
@Suite struct EndToEndDeliveryTests {
    func createWebhook(_ service: RunningService, token: String, url: String, extra: [String: Any] = [:]) throws -> [String: Any] {
        var body: [String: Any] = ["url": url, "eventTypes": ["lead.*"], "retryDelay": 100]
        body.merge(extra) { $1 }
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token, json: body)
        #expect(created.status == 201, "\(created.text)")
        return try #require(created.json?["webhook"] as? [String: Any])
    }

    @Test func aPublishedEventArrivesSignedAndVerifiesWithTheStandardWebhooksLibrary() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let receiver = try ReceiverProcess(statuses: [200], secret: secret)
        _ = try createWebhook(service, token: token, url: receiver.url, extra: ["secret": secret])
        let data: [String: Any] = ["id": "lead_789", "name": "Zoë </script> 😀", "message": "line one\nline two / 3",
                                   "customFields": ["budget": "10000"]]
        let published = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/events",
                                            token: service.demo["apiKey"], json: ["type": "NEW_LEAD_CAPTURE", "data": data])
        #expect(published.json?["deliveriesQueued"] as? Int == 1)
        let requests = receiver.waitFor(1)
        let request = try #require(requests.first)
        #expect(request["verified"] as? Bool == true)
        let headers = try #require(request["headers"] as? [String: String])
        #expect(headers["x-webhook-event"] == "lead.created")
        #expect(headers["x-webhook-attempt"] == "1")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["webhook-id"] == headers["x-webhook-delivery-id"])
        let body = try #require(request["body"] as? String)
        #expect(body.contains(#""event":"lead.created""#))
        #expect(body.contains("line two / 3"))
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(envelope["chatbotId"] as? String == service.demo["chatbotId"])
        #expect((envelope["data"] as? [String: Any])?["name"] as? String == "Zoë </script> 😀")
    }

    @Test func aFailureThenSuccessEndsSucceededWithTwoAttemptsAndTheSameBody() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [500, 200])
        let webhook = try createWebhook(service, token: token, url: receiver.url)
        let webhookId = try #require(webhook["id"] as? String)
        _ = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/events", token: service.demo["apiKey"],
                                json: ["type": "lead.created", "data": ["id": "lead_1"]])
        let requests = receiver.waitFor(2)
        #expect(requests.count == 2)
        #expect(requests.first?["body"] as? String == requests.last?["body"] as? String)
        #expect((requests.last?["headers"] as? [String: String])?["x-webhook-attempt"] == "2")

        let base = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)"
        let (_, attempts) = try service.latestDelivery(at: base, token: token, until: "succeeded")
        #expect(attempts.map { $0["statusCode"] as? Int } == [500, 200])
        let counters = try service.request("GET", base, token: token).json?["webhook"] as? [String: Any]
        #expect(counters?["successCount"] as? Int == 1)
        #expect(counters?["failureCount"] as? Int == 0)
        #expect(counters?["lastSuccessAt"] is String)
        #expect(counters?["lastFailureAt"] is String)
    }

    @Test func theTestEndpointDeliversAtOnceAndAnswersTheOutcome() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [503])
        let webhook = try createWebhook(service, token: token, url: receiver.url)
        let webhookId = try #require(webhook["id"] as? String)
        let response = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)/test",
                                           token: token)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.json?["success"] as? Bool == false)
        #expect(response.json?["statusCode"] as? Int == 503)
        #expect((response.json?["responseBody"] as? String)?.contains("received") == true)
        let request = try #require(receiver.requests.first)
        #expect((request["headers"] as? [String: String])?["x-webhook-test"] == "true")
        #expect((request["headers"] as? [String: String])?["x-webhook-event"] == "webhook.test")
        let counters = try service.request("GET", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)",
                                           token: token).json?["webhook"] as? [String: Any]
        #expect(counters?["failureCount"] as? Int == 0)
    }
}
