import Foundation
import Testing
import TestSupport

/// The dashboard's webhook management, through the API's router in process, against PostgreSQL.
@Suite struct WebhookEndpointTests {
    nonisolated(unsafe) static let validBody: [String: Any] = [
        "name": "Lead Notifications", "url": "https://crm.example.com/webhooks/leads",
        "eventTypes": ["LEAD_CREATED"], "maxRetries": 3, "retryDelay": 1000,
    ]

    func path(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    func errorCode(_ response: TestHTTPClient.Response) -> String? {
        (response.json?["error"] as? [String: Any])?["code"] as? String
    }

    @Test func createShowsTheSecretOnceThenMasksIt() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        #expect(created.status == 201)
        #expect(created.json?["message"] as? String == "Webhook created successfully")
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let secret = try #require(webhook["secret"] as? String)
        #expect(secret.hasPrefix("whsec_") && secret.count > 30)
        let security = try #require(created.json?["security"] as? [String: Any])
        #expect(security["note"] as? String == "Store the secret securely. It will not be shown again.")
        // Seed 004's create body (LEAD_CREATED) implies its format and the signature its document verifies.
        #expect(security["headerName"] as? String == "X-Webhook-Signature")
        #expect(security["format"] as? String == "sha256=<hmac_signature>")
        for (key, value) in ["name": "Lead Notifications", "url": "https://crm.example.com/webhooks/leads",
                             "signatureScheme": "hmac-sha256-prefixed", "payloadFormat": "pollybot", "status": "active"] {
            #expect(webhook[key] as? String == value, "\(key)")
        }
        #expect(webhook["isActive"] as? Bool == true)
        #expect(webhook["timeout"] as? Int == 10_000)
        #expect(webhook["successCount"] as? Int == 0)
        #expect(webhook["eventTypes"] as? [String] == ["LEAD_CREATED"])

        let id = try #require(webhook["id"] as? String)
        let fetched = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect(fetched.status == 200)
        let masked = try #require((fetched.json?["webhook"] as? [String: Any])?["secret"] as? String)
        #expect(masked != secret)
        #expect(!fetched.text.contains(secret))
        let list = try service.request("GET", path(service), token: token)
        #expect(list.json?["total"] as? Int == 1)
        #expect(!list.text.contains(secret))
    }

    @Test func secretsAreEncryptedAtRest() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let secret = try #require((created.json?["webhook"] as? [String: Any])?["secret"] as? String)
        let dump = try ServiceProcess.runPSQL(url: service.database.url,
                                              "SELECT encode(secret_ciphertext, 'escape'), secret_hint FROM webhooks")
        #expect(!dump.contains(secret))
        #expect(!dump.contains(String(secret.dropFirst(6))))
    }

    @Test func patchChangesOnlyGivenFieldsAndPutReplaces() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let patched = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                          json: ["name": "Updated Lead Notifications", "isActive": false])
        #expect(patched.status == 200)
        let webhook = try #require(patched.json?["webhook"] as? [String: Any])
        #expect(webhook["name"] as? String == "Updated Lead Notifications")
        #expect(webhook["isActive"] as? Bool == false)
        #expect(webhook["status"] as? String == "paused")
        #expect(webhook["maxRetries"] as? Int == 3)

        let replaced = try service.request("PUT", path(service, "/\(id)"), token: token,
                                           json: ["url": "https://n8n.example.com/hook", "eventTypes": ["conversation.*"]])
        #expect(replaced.status == 200)
        let whole = try #require(replaced.json?["webhook"] as? [String: Any])
        #expect(whole["name"] as? String == "n8n.example.com")
        #expect(whole["isActive"] as? Bool == true)
        #expect(whole["eventTypes"] as? [String] == ["conversation.*"])

        let incomplete = try service.request("PUT", path(service, "/\(id)"), token: token, json: ["name": "x"])
        #expect(incomplete.status == 422)
    }

    @Test func deleteRemovesTheWebhook() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let deleted = try service.request("DELETE", path(service, "/\(id)"), token: token)
        #expect(deleted.status == 200)
        #expect(deleted.json?["message"] as? String == "Webhook deleted successfully")
        #expect(try service.request("GET", path(service, "/\(id)"), token: token).status == 404)
        #expect(try service.request("DELETE", path(service, "/\(id)"), token: token).status == 404)
    }

    @Test func rotationShowsTheNewSecretOnceAndKeepsTheOldOneForAGracePeriod() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let first = try #require(created.json?["webhook"] as? [String: Any])
        let id = try #require(first["id"] as? String)
        let rotated = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token)
        #expect(rotated.status == 200)
        let webhook = try #require(rotated.json?["webhook"] as? [String: Any])
        let newSecret = try #require(webhook["secret"] as? String)
        #expect(newSecret != first["secret"] as? String)
        let expires = try #require(webhook["previousSecretExpiresAt"] as? String)
        let date = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: expires))
        #expect(abs(date.timeIntervalSinceNow - 24 * 3600) < 120)

        let chosen = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token,
                                         json: ["secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "gracePeriodHours": 0])
        #expect(chosen.status == 200)
        #expect((chosen.json?["webhook"] as? [String: Any])?["secret"] as? String == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let badSecret = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token, json: ["secret": "short"])
        #expect(badSecret.status == 422)
    }

    @Test func callerChosenTokenSecretIsAcceptedForTheTokenScheme() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        var body = Self.validBody
        body["signatureScheme"] = "token"
        body["secret"] = "abc-messages-xyz-123"
        let created = try service.request("POST", path(service), token: token, json: body)
        #expect(created.status == 201)
        #expect((created.json?["webhook"] as? [String: Any])?["secret"] as? String == "abc-messages-xyz-123")
        #expect((created.json?["security"] as? [String: Any])?["headerName"] as? String == "X-Webhook-Token")
    }

    @Test func validationErrorsNameTheFieldAndNeverAnswer500() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let cases: [([String: Any], Int, String, String?)] = [
            (["url": "http://crm.example.com/x", "eventTypes": ["lead.created"]], 422, "invalid_url", "url"),
            (["url": "https://u:p@crm.example.com/x", "eventTypes": ["lead.created"]], 422, "invalid_url", "url"),
            (["url": "https://10.0.0.5/x", "eventTypes": ["lead.created"]], 201, "", nil),
            (["url": "https://crm.example.com/x", "eventTypes": ["invoice.paid"]], 422, "unknown_event_type", "eventTypes[0]"),
            (["url": "https://crm.example.com/x", "eventTypes": []], 422, "invalid_field", "eventTypes"),
            (["url": "https://crm.example.com/x", "eventTypes": "lead.created"], 400, "invalid_type", "eventTypes"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "timeout": 500], 422, "invalid_field", "timeout"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "retryDelay": "1s"], 400, "invalid_type", "retryDelay"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "maxRetries": 1.5], 400, "invalid_type", "maxRetries"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "isActive": "yes"], 400, "invalid_type", "isActive"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "colour": "red"], 400, "unknown_field", "colour"),
            (["url": "https://crm.example.com/x", "eventTypes": ["lead.created"], "headers": ["Content-Type": "x"]], 422,
             "invalid_field", "headers.Content-Type"),
            (["eventTypes": ["lead.created"]], 422, "required", "url"),
            (["url": String(repeating: "a", count: 20_000), "eventTypes": ["lead.created"]], 400, "too_long", "url"),
        ]
        for (body, status, code, field) in cases {
            let response = try service.request("POST", path(service), token: token, json: body)
            // The private-address case is allowed because tests run with private targets allowed.
            #expect(response.status == status, "\(body): \(response.text)")
            if status >= 400 {
                #expect(errorCode(response) == code, "\(body): \(response.text)")
                #expect((response.json?["error"] as? [String: Any])?["field"] as? String == field, "\(body)")
            }
        }
        let malformed = try service.send(method: "POST", path: path(service),
                                         headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                                         body: Array("{\"url\": ".utf8))
        #expect(malformed.status == 400)
        #expect(errorCode(malformed) == "malformed_json")
        let plain = try service.send(method: "POST", path: path(service),
                                     headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "text/plain")],
                                     body: Array("hello".utf8))
        #expect(plain.status == 415)
        // A body over the server's limit (413) is refused by the HTTP server before routing: see
        // IntegrationTests' BodyLimitEndpointTests.
    }

    @Test func productionModeRefusesPrivateTargetsAtCreation() throws {
        let service = try APIService(allowPrivateTargets: false)
        let token = try service.loginDemo()
        for url in ["https://10.0.0.5/x", "https://127.0.0.1/x", "https://169.254.169.254/latest", "https://[::1]/x",
                    "https://localhost/x", "http://127.0.0.1:9000/x"] {
            let response = try service.request("POST", path(service), token: token,
                                               json: ["url": url, "eventTypes": ["lead.created"]])
            #expect(response.status == 422, "\(url)")
            #expect(errorCode(response) == "invalid_url", "\(url)")
        }
    }

    @Test func otherTenantsAndMalformedIdsAnswer404() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)

        _ = try Provision.tenant(service, name: "Other", plan: "scale", email: "other@example.com",
                                 password: "another long password")
        let otherToken = try service.login(email: "other@example.com", password: "another long password")
        for (method, suffix) in [("GET", ""), ("GET", "/\(id)"), ("PATCH", "/\(id)"), ("DELETE", "/\(id)"),
                                 ("POST", "/\(id)/rotate-secret")] {
            let response = try service.request(method, path(service, suffix), token: otherToken,
                                               json: method == "PATCH" ? ["name": "mine now"] : nil)
            #expect(response.status == 404, "\(method) \(suffix)")
        }
        for bad in ["not-a-uuid", "123", "' OR 1=1 --", "00000000-0000-0000-0000-000000000000"] {
            let encoded = bad.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? bad
            #expect(try service.request("GET", path(service, "/\(encoded)"), token: token).status == 404, "\(bad)")
            #expect(try service.request("GET", "/api/v1/chatbots/\(encoded)/webhooks", token: token).status == 404, "\(bad)")
        }
        // The webhook is untouched.
        let after = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect((after.json?["webhook"] as? [String: Any])?["name"] as? String == "Lead Notifications")
    }

    @Test func membersMayReadButNotWrite() throws {
        let service = try APIService()
        let owner = try service.loginDemo()
        let created = try service.request("POST", path(service), token: owner, json: Self.validBody)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        _ = try Provision.user(service, tenantId: service.demo["tenantId"]!, email: "reader@example.com",
                               password: "reader password 1", role: "member")
        let member = try service.login(email: "reader@example.com", password: "reader password 1")
        #expect(try service.request("GET", path(service), token: member).status == 200)
        #expect(try service.request("GET", path(service, "/\(id)"), token: member).status == 200)
        for (method, suffix, body) in [("POST", "", Self.validBody), ("PATCH", "/\(id)", ["name": "x"]),
                                       ("DELETE", "/\(id)", nil), ("POST", "/\(id)/rotate-secret", nil)] as [(String, String, [String: Any]?)] {
            let response = try service.request(method, path(service, suffix), token: member, json: body)
            #expect(response.status == 403, "\(method) \(suffix)")
            #expect(errorCode(response) == "forbidden")
        }
    }

    @Test func withoutTheFeatureReadsWorkButCreateAndActivateAnswer402() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", path(service), token: token, json: Self.validBody)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let downgrade = try Provision.subscription(service, tenantId: service.demo["tenantId"]!, ["plan": "pro"])
        #expect(downgrade.status == 200)

        let list = try service.request("GET", path(service), token: token)
        #expect(list.status == 200)
        let suspended = try #require((list.json?["webhooks"] as? [[String: Any]])?.first)
        #expect(suspended["status"] as? String == "suspended")
        #expect((suspended["disabledReason"] as? String)?.contains("Webhooks add-on") == true)
        #expect(suspended["isActive"] as? Bool == true)

        let create = try service.request("POST", path(service), token: token, json: Self.validBody)
        #expect(create.status == 402)
        #expect(errorCode(create) == "plan_required")
        #expect(create.text.contains("$59") && create.text.contains("Scale"))
        let activate = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["isActive": true])
        #expect(activate.status == 402)
        let rename = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["name": "Still editable"])
        #expect(rename.status == 200)

        let addon = try Provision.subscription(service, tenantId: service.demo["tenantId"]!,
                                               ["plan": "pro", "webhooksAddon": ["status": "active", "interval": "year"]])
        #expect(addon.status == 200)
        let resumed = try service.request("GET", path(service, "/\(id)"), token: token)
        #expect((resumed.json?["webhook"] as? [String: Any])?["status"] as? String == "active")
    }

    @Test func theFreePlanCapsRetriesAndWebhooksPerChatbot() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let plan = try Provision.subscription(service, tenantId: service.demo["tenantId"]!,
                                              ["plan": "free", "webhooksAddon": ["status": "active", "interval": "month"]])
        #expect(plan.status == 200)
        var body = Self.validBody
        body["maxRetries"] = 9
        let tooMany = try service.request("POST", path(service), token: token, json: body)
        #expect(tooMany.status == 402)
        #expect(errorCode(tooMany) == "plan_limit_exceeded")
        for index in 0..<5 {
            let created = try service.request("POST", path(service), token: token,
                                              json: ["url": "https://crm.example.com/\(index)", "eventTypes": ["*"]])
            #expect(created.status == 201)
        }
        let sixth = try service.request("POST", path(service), token: token,
                                        json: ["url": "https://crm.example.com/6", "eventTypes": ["*"]])
        #expect(sixth.status == 402)
        #expect(errorCode(sixth) == "webhook_limit_reached")
    }
}

extension ISO8601DateFormatter {
    /// A formatter for `2025-01-15T10:30:00.000Z`.
    static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
