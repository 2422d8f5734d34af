import Foundation
import Testing
import TestSupport

/// Every text field of every endpoint refuses NUL and other control characters with a 4xx naming the field (a NUL
/// in an event `id` or a login `email` once answered 500).
@Suite struct ControlCharacterTests {
    /// One text input: where it is sent, as whom, and the field the answer must name.
    struct Input {
        let method: String
        let path: String
        let credential: Credential
        let body: [String: Any]
        let field: String
    }

    enum Credential { case none, session, admin }

    /// NUL, and BEL (U+0007) as an ordinary C0 control.
    static let controls = ["\u{0}", "\u{7}"]

    /// Every text field, each with `bad` inside an otherwise valid value.
    static func inputs(_ service: APIService, webhookId: String, _ bad: String) -> [Input] {
        let tenant = "/api/v1/admin/tenants/\(service.demo["tenantId"]!)"
        let chatbot = "/api/v1/chatbots/\(service.demo["chatbotId"]!)"
        let webhook = "\(chatbot)/webhooks/\(webhookId)"
        let owner = ["email": "new-owner@example.com", "password": "a long enough password"]
        let hook: [String: Any] = ["name": "Hook", "url": "https://crm.example.com/x", "eventTypes": ["lead.created"]]
        func with(_ base: [String: Any], _ key: String, _ value: Any) -> [String: Any] {
            var body = base
            body[key] = value
            return body
        }
        return [
            Input(method: "POST", path: "/api/v1/auth/login", credential: .none,
                  body: ["email": service.demo["email"]! + bad, "password": service.demo["password"]!], field: "email"),
            Input(method: "POST", path: "/api/v1/auth/login", credential: .none,
                  body: ["email": service.demo["email"]!, "password": "not the" + bad + "password"], field: "password"),
            Input(method: "POST", path: "/api/v1/api-keys", credential: .session, body: ["name": "CRM" + bad], field: "name"),
            Input(method: "POST", path: "/api/v1/chatbots", credential: .session, body: ["name": "Bot" + bad], field: "name"),
            Input(method: "POST", path: "/api/v1/admin/tenants", credential: .admin,
                  body: ["name": "Acme" + bad, "owner": owner], field: "name"),
            Input(method: "POST", path: "/api/v1/admin/tenants", credential: .admin,
                  body: ["name": "Acme", "plan": "pro" + bad, "owner": owner], field: "plan"),
            Input(method: "POST", path: "/api/v1/admin/tenants", credential: .admin,
                  body: ["name": "Acme", "owner": ["email": "x\(bad)@example.com", "password": owner["password"]!]],
                  field: "owner.email"),
            Input(method: "POST", path: "/api/v1/admin/tenants", credential: .admin,
                  body: ["name": "Acme", "owner": ["email": owner["email"]!, "password": "a long" + bad + "password"]],
                  field: "owner.password"),
            Input(method: "POST", path: "\(tenant)/users", credential: .admin,
                  body: ["email": "u\(bad)@example.com", "password": "a long enough password"], field: "email"),
            Input(method: "POST", path: "\(tenant)/users", credential: .admin,
                  body: ["email": "u@example.com", "password": "a long enough password", "role": "member" + bad],
                  field: "role"),
            Input(method: "PUT", path: "\(tenant)/subscription", credential: .admin,
                  body: ["plan": "scale", "webhooksAddon": ["status": "active" + bad, "interval": "month"]],
                  field: "webhooksAddon.status"),
            Input(method: "POST", path: "\(tenant)/chatbots", credential: .admin, body: ["name": "Bot" + bad], field: "name"),
            Input(method: "POST", path: "\(tenant)/api-keys", credential: .admin, body: ["name": "Key" + bad], field: "name"),
            Input(method: "POST", path: "\(chatbot)/events", credential: .session,
                  body: ["type": "lead.created", "id": "evt" + bad + "1", "data": [:] as [String: Any]], field: "id"),
            Input(method: "POST", path: "\(chatbot)/events", credential: .session,
                  body: ["type": "lead.created" + bad, "data": [:] as [String: Any]], field: "type"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session, body: with(hook, "name", "Hook" + bad),
                  field: "name"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "url", "https://crm.example.com/x" + bad), field: "url"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "eventTypes", ["lead.created" + bad]), field: "eventTypes[0]"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "signatureScheme", "hmac-sha256" + bad), field: "signatureScheme"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "payloadFormat", "standard" + bad), field: "payloadFormat"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "headers", ["X-Api-Key": "abc" + bad]), field: "headers.X-Api-Key"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "headers", ["X-Api" + bad: "abc"]), field: "headers"),
            Input(method: "POST", path: "\(chatbot)/webhooks", credential: .session,
                  body: with(hook, "secret", "whsec_" + bad + "abcdefghijklmnopqrstuvwxyz"), field: "secret"),
            Input(method: "PATCH", path: webhook, credential: .session, body: ["name": "Renamed" + bad], field: "name"),
            Input(method: "PUT", path: webhook, credential: .session, body: with(hook, "url", "https://a.example" + bad),
                  field: "url"),
            Input(method: "POST", path: "\(webhook)/rotate-secret", credential: .session,
                  body: ["secret": "whsec_" + bad + "abcdefghijklmnopqrstuvwxyz"], field: "secret"),
            Input(method: "POST", path: "\(webhook)/replay", credential: .session,
                  body: ["since": "2026-01-01T00:00:00Z" + bad], field: "since"),
            Input(method: "PATCH", path: "\(chatbot)/webhook-settings", credential: .session,
                  body: ["all": ["url": "https://x.example.com/" + bad]], field: "all.url"),
            Input(method: "PATCH", path: "\(chatbot)/webhook-settings", credential: .session,
                  body: ["all": ["url": "https://x.example.com/", "secret": "a-secret" + bad + "value"]], field: "all.secret"),
            Input(method: "PATCH", path: "\(chatbot)/webhook-settings", credential: .session,
                  body: ["leads": ["url": "https://x.example.com/", "token": "a-token" + bad + "value"]], field: "leads.token"),
        ]
    }

    @Test(arguments: controls)
    func everyTextFieldRefusesAControlCharacterNamingTheField(_ bad: String) throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                          json: ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"]])
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        for input in Self.inputs(service, webhookId: webhookId, bad) {
            let headers: [(String, String)] = switch input.credential {
            case .none: []
            case .session: [("Authorization", "Bearer \(token)")]
            case .admin: Provision.adminHeaders
            }
            let response = try service.request(input.method, input.path, json: input.body, headers: headers)
            let error = response.json?["error"] as? [String: Any]
            #expect((400..<500).contains(response.status), "\(input.method) \(input.path) \(input.field): \(response.text)")
            #expect(error?["field"] as? String == input.field, "\(input.method) \(input.path): \(response.text)")
        }
    }

    @Test(arguments: controls)
    func queryParametersRefuseAControlCharacterNamingTheParameter(_ bad: String) throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                          json: ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"]])
        let webhookId = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let deliveries = "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks/\(webhookId)/deliveries"
        let encoded = bad == "\u{0}" ? "%00" : "%07"
        for (name, value) in [("status", "failed"), ("eventType", "lead.created"), ("limit", "10"), ("cursor", "abc")] {
            let response = try service.request("GET", "\(deliveries)?\(name)=\(value)\(encoded)", token: token)
            let error = response.json?["error"] as? [String: Any]
            #expect(response.status == 400, "\(name): \(response.text)")
            #expect(error?["field"] as? String == name, "\(name): \(response.text)")
        }
    }

    @Test func aTabStaysAllowedInACustomHeaderValue() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks", token: token,
                                          json: ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"],
                                                 "headers": ["X-Note": "a\tb"]])
        #expect(created.status == 201, "\(created.text)")
    }
}
