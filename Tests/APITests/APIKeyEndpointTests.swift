import Foundation
import Testing
import TestSupport

/// `GET/POST /api/v1/api-keys` and `DELETE /api/v1/api-keys/{apiKeyId}`: keys shown once, stored hashed, revocable.
@Suite struct APIKeyEndpointTests {
    @Test func aKeyIsShownOnceWorksAsBearerAndStopsWhenRevoked() throws {
        let service = try APIService()
        let token = try service.loginDemo()

        let created = try service.request("POST", "/api/v1/api-keys", token: token, json: ["name": "CRM sync"])
        #expect(created.status == 201)
        #expect(created.header("Cache-Control") == "no-store")
        let key = try #require(created.json?["key"] as? String)
        let id = try #require(created.json?["id"] as? String)
        let prefix = try #require(created.json?["prefix"] as? String)
        #expect(key.hasPrefix("sk_"))
        #expect(key.hasPrefix(prefix) && prefix.count < key.count)
        #expect(created.json?["name"] as? String == "CRM sync")
        #expect((created.json?["note"] as? String)?.isEmpty == false)
        #expect(created.json?["revokedAt"] is NSNull)
        #expect(created.json?["lastUsedAt"] is NSNull)

        // The key authenticates server-to-server calls as the tenant.
        let me = try service.request("GET", "/api/v1/auth/me", token: key)
        #expect(me.status == 200)
        #expect(me.json?["authMethod"] as? String == "apiKey")
        #expect((me.json?["tenant"] as? [String: Any])?["id"] as? String == service.demo["tenantId"])

        // Listing never shows a key again.
        let list = try service.request("GET", "/api/v1/api-keys", token: token)
        #expect(list.status == 200)
        #expect(list.json?["total"] as? Int == 2)
        #expect(!list.text.contains(key))
        #expect(!list.text.contains(service.demo["apiKey"] ?? "-"))
        let keys = try #require(list.json?["apiKeys"] as? [[String: Any]])
        #expect(keys.allSatisfy { $0["key"] == nil })
        let listed = try #require(keys.first { $0["id"] as? String == id })
        #expect(listed["prefix"] as? String == prefix)
        #expect(listed["lastUsedAt"] is String)

        // Revoked: 204, the key stops working, the list says when; revoking again is still 204.
        let revoked = try service.request("DELETE", "/api/v1/api-keys/\(id)", token: token)
        #expect(revoked.status == 204)
        #expect(revoked.body.isEmpty)
        let refused = try service.request("GET", "/api/v1/auth/me", token: key)
        #expect(refused.status == 401)
        #expect(Provision.code(refused) == "unauthenticated")
        let after = try service.request("GET", "/api/v1/api-keys", token: token)
        let revokedEntry = try #require((after.json?["apiKeys"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        #expect(revokedEntry["revokedAt"] is String)
        #expect(try service.request("DELETE", "/api/v1/api-keys/\(id)", token: token).status == 204)

        // Unknown and malformed ids are 404; the demo key still works.
        for unknown in [UUID().uuidString.lowercased(), "sk_live", "12345"] {
            let response = try service.request("DELETE", "/api/v1/api-keys/\(unknown)", token: token)
            #expect(response.status == 404, "\(unknown)")
            #expect(Provision.code(response) == "not_found")
        }
        #expect(try service.request("GET", "/api/v1/auth/me", token: service.demo["apiKey"]).status == 200)
    }

    @Test func keysAreManagedOnlyFromASessionWithValidBodies() throws {
        let service = try APIService()
        let apiKey = service.demo["apiKey"]
        for (method, path) in [("GET", "/api/v1/api-keys"), ("POST", "/api/v1/api-keys"),
                               ("DELETE", "/api/v1/api-keys/\(UUID().uuidString.lowercased())")] {
            let byKey = try service.request(method, path, token: apiKey, json: method == "POST" ? ["name": "x"] : nil)
            #expect(byKey.status == 403, "\(method) \(path)")
            #expect(Provision.code(byKey) == "session_required")
            let anonymous = try service.request(method, path, json: method == "POST" ? ["name": "x"] : nil)
            #expect(anonymous.status == 401, "\(method) \(path)")
        }

        let token = try service.loginDemo()
        let auth = [("Authorization", "Bearer \(token)")]
        let cases: [(String, String?, Int, String, String?)] = [
            ("{", "application/json", 400, "malformed_json", nil),
            ("[1]", "application/json", 400, "invalid_body", nil),
            ("{}", "application/json", 400, "missing_field", "name"),
            (#"{"name": ["a"]}"#, "application/json", 400, "invalid_type", "name"),
            (#"{"name": "a", "scopes": []}"#, "application/json", 400, "unknown_field", "scopes"),
            (#"{"name": "\n"}"#, "application/json", 422, "invalid_field", "name"),
            (#"{"name": "a"}"#, "application/xml", 415, "unsupported_media_type", nil),
        ]
        for (body, type, status, code, field) in cases {
            let response = try Provision.raw(service, "POST", "/api/v1/api-keys", body: body, contentType: type, headers: auth)
            #expect(response.status == status, "\(body)")
            #expect(Provision.code(response) == code, "\(body)")
            #expect(Provision.field(response) == field, "\(body)")
        }
        // Cookie sessions may manage keys from the dashboard's origin only.
        let cookie = [("Cookie", "wh_session=\(token)")]
        let forged = try service.request("POST", "/api/v1/api-keys", json: ["name": "x"],
                                         headers: cookie + [("Origin", "https://evil.example")])
        #expect(forged.status == 403)
        #expect(Provision.code(forged) == "csrf_check_failed")
        let dashboard = try service.request("POST", "/api/v1/api-keys", json: ["name": "Dashboard"],
                                            headers: cookie + [("X-Requested-With", "fetch")])
        #expect(dashboard.status == 201)
        #expect(try service.request("GET", "/api/v1/api-keys", headers: cookie).json?["total"] as? Int == 2)
    }
}
