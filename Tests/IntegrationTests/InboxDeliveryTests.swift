import Foundation
import Testing
import TestSupport

/// A test inbox as a webhook's target: a real published event, delivered by the dispatcher inside `webhooksd serve`
/// over HTTP to the inbox's URL on the same service, is stored there and verifies with the webhook's secret.
@Suite struct InboxDeliveryTests {
    @Test func aWebhookWhoseURLIsAnInboxReceivesAPublishedEventThatVerifiesWithItsSecret() throws {
        let service = try RunningService()
        let token = try service.loginDemo()
        let chatbot = try #require(service.demo["chatbotId"])

        let inbox = try service.request("POST", "/api/v1/inboxes", token: token, json: ["name": "CRM tryout"])
        #expect(inbox.status == 201, "\(inbox.text)")
        let inboxId = try #require(inbox.json?["id"] as? String)
        let url = try #require(inbox.json?["url"] as? String)
        // The test client sends `Host: 127.0.0.1` without the port, so the URL names port 80; a browser's Host
        // carries the port. The path is the inbox's capability either way.
        let path = try #require(url.range(of: "/inbox/").map { String(url[$0.lowerBound...]) })
        let target = "http://127.0.0.1:\(service.process.port)\(path)"

        for (scheme, format) in [("standard", "standard"), ("hmac-sha256-prefixed", "pollybot")] {
            let created = try service.request("POST", "/api/v1/chatbots/\(chatbot)/webhooks", token: token, json: [
                "name": "To the inbox (\(scheme))", "url": target, "eventTypes": ["lead.created"],
                "payloadFormat": format, "signatureScheme": scheme,
            ])
            #expect(created.status == 201, "\(created.text)")
            let webhook = try #require(created.json?["webhook"] as? [String: Any])
            let secret = try #require(webhook["secret"] as? String)
            let webhookId = try #require(webhook["id"] as? String)

            let published = try service.request("POST", "/api/v1/chatbots/\(chatbot)/events", token: service.demo["apiKey"],
                                                json: ["type": "lead.created", "data": ["id": "lead_\(scheme)", "name": "Zoë </script>"]])
            #expect(published.status == 202, "\(published.text)")

            var received: [String: Any]?
            #expect(try eventually(within: .seconds(15)) {
                let answer = try service.request("GET", "/api/v1/inboxes/\(inboxId)/requests", token: token)
                received = (answer.json?["requests"] as? [[String: Any]])?.first {
                    ($0["body"] as? String)?.contains("lead_\(scheme)") == true
                }
                return received != nil
            })
            let request = try #require(received)
            #expect(request["method"] as? String == "POST")
            #expect((request["body"] as? String)?.contains("Zoë </script>") == true)
            let headers = try #require(request["headers"] as? [[String]])
            #expect(headers.contains { $0.first?.lowercased() == "user-agent" && $0.last == "ChatbotWebhooks/1.0" })

            let requestId = try #require(request["id"] as? String)
            let verifyPath = "/api/v1/inboxes/\(inboxId)/requests/\(requestId)/verify"
            let verified = try service.request("POST", verifyPath, token: token, json: ["secret": secret])
            #expect(verified.status == 200, "\(verified.text)")
            let results = try #require(verified.json?["results"] as? [[String: Any]])
            #expect(results.first { $0["scheme"] as? String == scheme }?["verified"] as? Bool == true, "\(results)")
            let wrong = try service.request("POST", verifyPath, token: token,
                                            json: ["secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "scheme": scheme])
            #expect(wrong.json?["verified"] as? Bool == false)

            // The delivery log says the inbox answered 200.
            let base = "/api/v1/chatbots/\(chatbot)/webhooks/\(webhookId)"
            let (_, attempts) = try service.latestDelivery(at: base, token: token, until: "succeeded")
            #expect(attempts.map { $0["statusCode"] as? Int } == [200])
            // Gone before the next event, so each event reaches the inbox once, from the webhook under test.
            #expect(try service.request("DELETE", base, token: token).status == 200)
        }
    }

    /// Seed 004's test endpoint logs the payload in the service's log; the access log never shows an inbox's token.
    @Test func theTestEndpointLogsThePayloadAndTheAccessLogNoInboxToken() throws {
        let service = try RunningService(extra: ["LOG_LEVEL": "info"])
        let answer = try service.send(method: "POST", path: "/api/test-webhook",
                                      headers: [("Content-Type", "application/json"), ("X-Webhook-Signature", "sha256=feedface")],
                                      body: Array(#"{"event":"LEAD_CREATED","data":{"name":"John Doe"}}"#.utf8))
        #expect(answer.status == 200)
        #expect(answer.text == "OK")
        #expect(eventually { service.process.output.contains("WEBHOOK TEST RECEIVED") })
        #expect(service.process.output.contains("John Doe"))
        #expect(!service.process.output.contains("feedface"))

        let token = try service.loginDemo()
        let inbox = try service.request("POST", "/api/v1/inboxes", token: token)
        let url = try #require(inbox.json?["url"] as? String)
        let path = try #require(url.range(of: "/inbox/").map { String(url[$0.lowerBound...]) })
        #expect(try service.request("POST", path, json: ["a": 1]).status == 200)
        #expect(try service.request("GET", path).status == 405)
        #expect(eventually { service.process.output.components(separatedBy: "/inbox/{token}").count >= 3 })
        #expect(!service.process.output.contains(String(path.dropFirst("/inbox/".count))))
    }
}
