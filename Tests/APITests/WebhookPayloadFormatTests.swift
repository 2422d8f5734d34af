import Foundation
import Testing
import TestSupport

/// `payloadFormat`: chosen, implied by a seed's own create body, validated against the format's event names.
@Suite struct WebhookPayloadFormatTests {
    func path(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    func create(_ service: APIService, _ token: String, _ body: [String: Any]) throws -> TestHTTPClient.Response {
        try service.request("POST", path(service), token: token, json: body)
    }

    func error(_ response: TestHTTPClient.Response) -> [String: Any] {
        response.json?["error"] as? [String: Any] ?? [:]
    }

    @Test func seed004sOwnCreateBodyGetsPollybotPayloadsAndTheSignatureItsCodeReads() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        // Seed 004's create body, as its document writes it.
        let created = try create(service, token, [
            "name": "Lead Notifications", "url": "https://yourapp.com/webhooks/leads",
            "eventTypes": ["LEAD_CREATED"], "maxRetries": 3, "retryDelay": 1000,
        ])
        #expect(created.status == 201, "\(created.text)")
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        #expect(webhook["payloadFormat"] as? String == "pollybot")
        #expect(webhook["signatureScheme"] as? String == "hmac-sha256-prefixed")
        let security = try #require(created.json?["security"] as? [String: Any])
        #expect(security["headerName"] as? String == "X-Webhook-Signature")
        #expect(security["format"] as? String == "sha256=<hmac_signature>")
    }

    @Test func eachFormatBringsItsDocumentsSchemeAndHeaderWhenNoneIsNamed() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let cases: [(format: String, events: [String], scheme: String, header: String)] = [
            ("standard", ["lead.created"], "standard", "webhook-signature"),
            ("suppabot", ["visitor_created"], "token", "X-Webhook-Token"),
            ("sitegpt", ["NEW_LEAD_CAPTURE"], "token", "X-WEBHOOK-TOKEN"),
            ("livechat", ["message.received"], "hmac-sha256", "X-Webhook-Signature"),
            ("agentbot", ["message.created"], "timestamped", "X-Agentbot-Signature"),
            ("pollybot", ["LEAD_CREATED"], "hmac-sha256-prefixed", "X-Webhook-Signature"),
            ("slack", ["*"], "standard", "webhook-signature"),
            ("discord", ["lead.*"], "standard", "webhook-signature"),
        ]
        for (index, item) in cases.enumerated() {
            let created = try create(service, token, ["url": "https://example.com/hook/\(index)",
                                                      "eventTypes": item.events, "payloadFormat": item.format])
            #expect(created.status == 201, "\(item.format): \(created.text)")
            let webhook = created.json?["webhook"] as? [String: Any]
            #expect(webhook?["payloadFormat"] as? String == item.format)
            #expect(webhook?["signatureScheme"] as? String == item.scheme, "\(item.format)")
            #expect((created.json?["security"] as? [String: Any])?["headerName"] as? String == item.header, "\(item.format)")
        }
    }

    @Test func aNamedSchemeWinsOverTheFormatsDefault() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["LEAD_CREATED"],
                                                  "payloadFormat": "pollybot", "signatureScheme": "standard"])
        #expect(created.status == 201)
        #expect((created.json?["webhook"] as? [String: Any])?["signatureScheme"] as? String == "standard")
    }

    @Test func namesTheFormatDoesNotKnowAndUnknownFormatsAre422sNamingTheField() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let foreign = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["LEAD_CREATED"],
                                                  "payloadFormat": "sitegpt"])
        #expect(foreign.status == 422)
        #expect(error(foreign)["field"] as? String == "eventTypes[0]")
        #expect(error(foreign)["code"] as? String == "unknown_event_type")
        let neverSent = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["ticket.*"],
                                                    "payloadFormat": "suppabot"])
        #expect(neverSent.status == 422)
        let unknown = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["*"],
                                                  "payloadFormat": "teams"])
        #expect(unknown.status == 422)
        #expect(error(unknown)["field"] as? String == "payloadFormat")
        let wrongType = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["*"],
                                                    "payloadFormat": 7])
        #expect(wrongType.status == 400)
        let list = try service.request("GET", path(service), token: token)
        #expect(list.json?["total"] as? Int == 0)
    }

    @Test func patchingTheFormatBringsItsSchemeAndChecksTheKeptSubscriptions() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try create(service, token, ["url": "https://example.com/hook", "eventTypes": ["lead.created"]])
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        #expect((created.json?["webhook"] as? [String: Any])?["payloadFormat"] as? String == "standard")

        let toPollybot = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                             json: ["payloadFormat": "pollybot"])
        #expect(toPollybot.status == 200, "\(toPollybot.text)")
        let patched = toPollybot.json?["webhook"] as? [String: Any]
        #expect(patched?["payloadFormat"] as? String == "pollybot")
        #expect(patched?["signatureScheme"] as? String == "hmac-sha256-prefixed")

        // lead.created is not an event suppabot sends: the kept subscription is refused, nothing changes.
        let toSuppabot = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                             json: ["payloadFormat": "suppabot"])
        #expect(toSuppabot.status == 422)
        #expect(error(toSuppabot)["field"] as? String == "eventTypes[0]")
        let fetched = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect((fetched.json?["webhook"] as? [String: Any])?["payloadFormat"] as? String == "pollybot")

        let withEvents = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                             json: ["payloadFormat": "suppabot", "eventTypes": ["visitor_created"],
                                                    "signatureScheme": "hmac-sha256"])
        #expect(withEvents.status == 200, "\(withEvents.text)")
        #expect((withEvents.json?["webhook"] as? [String: Any])?["signatureScheme"] as? String == "hmac-sha256")
    }
}
