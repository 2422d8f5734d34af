import Foundation
import Testing
import TestSupport

/// `ordering: "fifo"` through `webhooksd serve`: a first delivery that fails once still arrives before the four
/// published after it.
@Suite struct FifoDeliveryTests {
    @Test func aFailingFirstDeliveryHoldsTheFourBehindIt() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let receiver = try ReceiverProcess(statuses: [500, 200])
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": receiver.url, "eventTypes": ["lead.*"], "ordering": "fifo", "retryDelay": 300,
        ])
        #expect(created.status == 201, "\(created.text)")
        #expect((created.json?["webhook"] as? [String: Any])?["ordering"] as? String == "fifo")
        for n in 1...5 {
            let published = try service.request("POST", chatbot + "/events", token: service.demo["apiKey"],
                                                json: ["type": "lead.created", "data": ["id": "lead_\(n)"]])
            #expect(published.json?["deliveriesQueued"] as? Int == 1, "\(published.text)")
        }
        let requests = receiver.waitFor(6)
        let ids = requests.map { request -> String in
            let body = (request["body"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
            return (((body as? [String: Any])?["data"] as? [String: Any])?["id"] as? String) ?? "?"
        }
        #expect(ids == ["lead_1", "lead_1", "lead_2", "lead_3", "lead_4", "lead_5"])
        #expect(requests.compactMap { ($0["headers"] as? [String: String])?["x-webhook-attempt"] }
            == ["1", "2", "1", "1", "1", "1"])
    }

    @Test func orderingIsReadPatchedAndValidated() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let created = try service.request("POST", chatbot + "/webhooks", token: token, json: [
            "url": "https://receiver.example/hook", "eventTypes": ["lead.*"],
        ])
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        #expect(webhook["ordering"] as? String == "concurrent")
        let base = chatbot + "/webhooks/\(webhook["id"] as? String ?? "")"
        let patched = try service.request("PATCH", base, token: token, json: ["ordering": "fifo"])
        #expect((patched.json?["webhook"] as? [String: Any])?["ordering"] as? String == "fifo", "\(patched.text)")
        let wrong = try service.request("PATCH", base, token: token, json: ["ordering": "random"])
        #expect(wrong.status == 422)
        #expect((wrong.json?["error"] as? [String: Any])?["field"] as? String == "ordering", "\(wrong.text)")
        let wrongType = try service.request("PATCH", base, token: token, json: ["ordering": 1])
        #expect(wrongType.status == 400)
    }
}
