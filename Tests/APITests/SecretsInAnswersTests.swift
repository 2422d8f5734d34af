import Foundation
import Testing
import TestSupport

/// Secrets, tokens and keys in answers: never cached on the way, and never shown again in part once created.
@Suite struct SecretsInAnswersTests {
    func webhooks(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    @Test func everyAnswerShowingASecretTokenOrKeyIsMarkedNoStore() throws {
        let service = try APIService()
        let session = try service.loginDemo()
        let login = try service.request("POST", "/api/v1/auth/login",
                                        json: ["email": service.demo["email"]!, "password": service.demo["password"]!])
        let created = try service.request("POST", webhooks(service), token: session,
                                          json: ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"]])
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let rotated = try service.request("POST", webhooks(service, "/\(id)/rotate-secret"), token: session)
        let apiKey = try service.request("POST", "/api/v1/api-keys", token: session, json: ["name": "CRM"])
        let adminKey = try service.request("POST", "/api/v1/admin/tenants/\(service.demo["tenantId"]!)/api-keys",
                                           json: ["name": "Billing"],
                                           headers: [("Authorization", "Bearer \(APIService.adminToken)")])
        let shown: [(String, TestHTTPClient.Response, Int)] = [
            ("login", login, 200), ("webhook create", created, 201), ("rotate-secret", rotated, 200),
            ("API key create", apiKey, 201), ("admin API key create", adminKey, 201),
        ]
        for (name, response, status) in shown {
            #expect(response.status == status, "\(name)")
            #expect(response.header("Cache-Control") == "no-store", "\(name)")
        }
        // The rest of the API too, errors and answers served from memory included.
        let others = [
            try service.request("GET", webhooks(service), token: session),
            try service.request("GET", webhooks(service, "/\(id)"), token: session),
            try service.request("GET", "/api/v1/auth/me", token: session),
            try service.request("GET", "/api/v1/event-types"),
            try service.request("GET", webhooks(service, "/\(UUID().uuidString)"), token: session),
            try service.request("GET", "/api/v1/chatbots"),
        ]
        for response in others {
            #expect(response.header("Cache-Control") == "no-store", "\(response.status) \(response.text.prefix(80))")
        }
    }

    @Test func aMaskedWebhookSecretShowsNoneOfItsCharacters() throws {
        let service = try APIService()
        let session = try service.loginDemo()
        let generated = try service.request("POST", webhooks(service), token: session,
                                            json: ["url": "https://crm.example.com/a", "eventTypes": ["lead.created"]])
        let generatedSecret = try #require((generated.json?["webhook"] as? [String: Any])?["secret"] as? String)
        let chosenSecret = "Zq!leads-secret-xyz"
        let chosen = try service.request("POST", webhooks(service), token: session, json: [
            "url": "https://crm.example.com/b", "eventTypes": ["lead.created"], "signatureScheme": "token",
            "secret": chosenSecret,
        ])
        #expect(chosen.status == 201)

        let list = try service.request("GET", webhooks(service), token: session)
        let masked = try #require((list.json?["webhooks"] as? [[String: Any]])?.compactMap { $0["secret"] as? String })
        #expect(masked == ["whsec_••••••••", "••••••••"])
        // What the old masks showed: `whsec_` and four characters, or a chosen secret's first four.
        #expect(!list.text.contains(String(generatedSecret.prefix(10))))
        #expect(!list.text.contains(String(chosenSecret.prefix(4))))
        let stored = try ServiceProcess.runPSQL(url: service.database.url, "SELECT secret_hint FROM webhooks ORDER BY created_at")
        #expect(stored.split(separator: "\n") == ["whsec_••••••••", "••••••••"])
    }

    @Test func anAPIKeyListingShowsNoneOfTheKeysCharacters() throws {
        let service = try APIService()
        let session = try service.loginDemo()
        let created = try service.request("POST", "/api/v1/api-keys", token: session, json: ["name": "CRM sync"])
        let key = try #require(created.json?["key"] as? String)
        let list = try service.request("GET", "/api/v1/api-keys", token: session)
        let prefixes = try #require((list.json?["apiKeys"] as? [[String: Any]])?.compactMap { $0["prefix"] as? String })
        #expect(prefixes == ["sk_", "sk_"])
        #expect(!list.text.contains(String(key.prefix(4))))
        let stored = try ServiceProcess.runPSQL(url: service.database.url, "SELECT DISTINCT key_prefix FROM api_keys")
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "sk_")
    }
}
