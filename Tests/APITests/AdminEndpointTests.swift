import Foundation
import Testing
import TestSupport

/// Provisioning over HTTP with the admin token: tenants, users, subscriptions, chatbots and API keys.
@Suite struct AdminEndpointTests {
    /// Every admin route, with a body it would accept.
    private static func routes(tenantId: String) -> [(String, String, [String: Any])] {
        [
            ("POST", "/api/v1/admin/tenants", ["name": "T", "owner": ["email": "t@t.example", "password": "0123456789"]]),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/users", ["email": "u@t.example", "password": "0123456789"]),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "free"]),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/chatbots", ["name": "Bot"]),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/api-keys", ["name": "Key"]),
        ]
    }

    @Test func aWrongOrMissingAdminTokenIs401() throws {
        let service = try APIService()
        let session = try service.loginDemo()
        let tenantId = try #require(service.demo["tenantId"])
        let credentials: [[(String, String)]] = [
            [],
            [("Authorization", "Bearer wrong-token")],
            [("Authorization", "Bearer \(APIService.adminToken)x")],
            [("Authorization", "Basic \(APIService.adminToken)")],
            [("Authorization", "Bearer \(session)")],
            [("Authorization", "Bearer \(service.demo["apiKey"] ?? "")")],
        ]
        for (method, path, body) in Self.routes(tenantId: tenantId) {
            for headers in credentials {
                let response = try service.request(method, path, json: body, headers: headers)
                #expect(response.status == 401, "\(method) \(path) \(headers.first?.1.prefix(12) ?? "none")")
                #expect(Provision.code(response) == "unauthenticated")
            }
        }
        // Nothing was provisioned by the refused calls.
        #expect(try service.request("GET", "/api/v1/chatbots", token: session).json?["total"] as? Int == 1)
    }

    @Test func withoutAnAdminTokenConfiguredTheRoutesAreAbsent() throws {
        let service = try APIService(adminToken: nil)
        let tenantId = try #require(service.demo["tenantId"])
        for (method, path, body) in Self.routes(tenantId: tenantId) {
            let response = try service.request(method, path, json: body, headers: Provision.adminHeaders)
            #expect(response.status == 404, "\(method) \(path)")
            #expect(Provision.code(response) == "not_found")
        }
    }

    @Test func theSaaSProvisionsATenantFullyOverHTTP() throws {
        let service = try APIService()
        let created = try service.request("POST", "/api/v1/admin/tenants", json: [
            "name": "Acme", "plan": "pro", "owner": ["email": "Owner@Acme.example", "password": "acme-password"],
        ], headers: Provision.adminHeaders)
        #expect(created.status == 201)
        let tenant = try #require(created.json?["tenant"] as? [String: Any])
        let owner = try #require(created.json?["owner"] as? [String: Any])
        let tenantId = try #require(tenant["id"] as? String)
        #expect(tenant["name"] as? String == "Acme")
        #expect(tenant["plan"] as? String == "pro")
        #expect(tenant["features"] as? [String] == [])
        #expect((tenant["webhooksAddon"] as? [String: Any])?["status"] as? String == "none")
        #expect((tenant["limits"] as? [String: Any])?["webhooksPerChatbot"] as? Int == 20)
        #expect(tenant["createdAt"] is String)
        #expect(owner["email"] as? String == "owner@acme.example")
        #expect(owner["role"] as? String == "owner")
        #expect(owner["tenantId"] as? String == tenantId)
        #expect(!created.text.contains("acme-password"))

        // The owner logs in to the new tenant.
        let token = try service.login(email: "owner@acme.example", password: "acme-password")
        let me = try #require(try service.request("GET", "/api/v1/auth/me", token: token).json)
        #expect((me["tenant"] as? [String: Any])?["id"] as? String == tenantId)
        #expect(me["role"] as? String == "owner")

        // An email is unique across tenants, case-insensitively.
        let taken = try service.request("POST", "/api/v1/admin/tenants", json: [
            "name": "Copy", "owner": ["email": "OWNER@acme.example", "password": "another-password"],
        ], headers: Provision.adminHeaders)
        #expect(taken.status == 409)
        #expect(Provision.code(taken) == "email_taken")
        #expect(Provision.field(taken) == "owner.email")
        let demoTaken = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/users", json: [
            "email": service.demo["email"] ?? "", "password": "another-password",
        ], headers: Provision.adminHeaders)
        #expect(demoTaken.status == 409)
        #expect(Provision.code(demoTaken) == "email_taken")

        // Users: an explicit role, and member by default.
        let admin = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/users", json: [
            "email": "admin@acme.example", "password": "admin-password", "role": "admin",
        ], headers: Provision.adminHeaders)
        #expect(admin.status == 201)
        #expect(admin.json?["role"] as? String == "admin")
        #expect(admin.json?["tenantId"] as? String == tenantId)
        let member = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/users", json: [
            "email": "member@acme.example", "password": "member-password",
        ], headers: Provision.adminHeaders)
        #expect(member.status == 201)
        #expect(member.json?["role"] as? String == "member")

        // Chatbots and API keys for the tenant.
        let chatbot = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/chatbots", json: ["name": "Acme bot"],
                                          headers: Provision.adminHeaders)
        #expect(chatbot.status == 201)
        #expect(chatbot.json?["tenantId"] as? String == tenantId)
        let chatbotId = try #require(chatbot.json?["id"] as? String)
        let list = try service.request("GET", "/api/v1/chatbots", token: token)
        #expect((list.json?["chatbots"] as? [[String: Any]])?.map { $0["id"] as? String } == [chatbotId])

        let key = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/api-keys", json: ["name": "Widget backend"],
                                      headers: Provision.adminHeaders)
        #expect(key.status == 201)
        let secret = try #require(key.json?["key"] as? String)
        #expect(secret.hasPrefix("sk_"))
        #expect(key.json?["tenantId"] as? String == tenantId)
        let viaKey = try #require(try service.request("GET", "/api/v1/auth/me", token: secret).json)
        #expect((viaKey["tenant"] as? [String: Any])?["id"] as? String == tenantId)
        #expect(viaKey["authMethod"] as? String == "apiKey")

        // Unknown and malformed tenant ids are 404 on every per-tenant route.
        for unknown in [UUID().uuidString.lowercased(), "acme"] {
            for (method, path, body) in Self.routes(tenantId: unknown).dropFirst() {
                let response = try service.request(method, path, json: body, headers: Provision.adminHeaders)
                #expect(response.status == 404, "\(method) \(path)")
                #expect(Provision.code(response) == "not_found")
            }
        }
    }

    @Test func badProvisioningInputGetsTheRight4xxNamingTheField() throws {
        let service = try APIService()
        let tenantId = try #require(service.demo["tenantId"])
        let owner = ["email": "new@owner.example", "password": "new-password"]
        let cases: [(String, String, Any, Int, String, String?)] = [
            // Tenants.
            ("POST", "/api/v1/admin/tenants", ["owner": owner], 400, "missing_field", "name"),
            ("POST", "/api/v1/admin/tenants", ["name": "N"], 400, "missing_field", "owner"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": "x"], 400, "invalid_type", "owner"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": ["email": "a@b.example"]], 400, "missing_field", "owner.password"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": ["email": "a@b.example", "password": "0123456789", "role": "owner"]],
             400, "unknown_field", "owner.role"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": owner, "seats": 3], 400, "unknown_field", "seats"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "plan": "gold", "owner": owner], 422, "invalid_field", "plan"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "plan": 3, "owner": owner], 400, "invalid_type", "plan"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": ["email": "not-an-email", "password": "0123456789"]],
             422, "invalid_field", "owner.email"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": ["email": "a@b.example", "password": "short"]],
             422, "invalid_field", "owner.password"),
            ("POST", "/api/v1/admin/tenants", ["name": "N", "owner": ["email": "a@b.example", "password": String(repeating: "p", count: 257)]],
             422, "invalid_field", "owner.password"),
            ("POST", "/api/v1/admin/tenants", ["name": " ", "owner": owner], 422, "invalid_field", "name"),
            ("POST", "/api/v1/admin/tenants", ["name": String(repeating: "n", count: 201), "owner": owner], 400, "too_long", "name"),
            // Users.
            ("POST", "/api/v1/admin/tenants/\(tenantId)/users", ["email": "u@b.example", "password": "0123456789", "role": "boss"],
             422, "invalid_field", "role"),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/users", ["password": "0123456789"], 400, "missing_field", "email"),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/users", ["email": "u@b.example", "password": 1234567890],
             400, "invalid_type", "password"),
            // Subscriptions.
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", [String: Any](), 400, "missing_field", "plan"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "enterprise"], 422, "invalid_field", "plan"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "pro", "addon": true], 400, "unknown_field", "addon"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "pro", "webhooksAddon": "active"],
             400, "invalid_type", "webhooksAddon"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "pro", "webhooksAddon": ["interval": "month"]],
             400, "missing_field", "webhooksAddon.status"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "pro", "webhooksAddon": ["status": "on"]],
             422, "invalid_field", "webhooksAddon.status"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", ["plan": "pro", "webhooksAddon": ["status": "active"]],
             422, "invalid_field", "webhooksAddon.interval"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription",
             ["plan": "pro", "webhooksAddon": ["status": "active", "interval": "week"]], 422, "invalid_field", "webhooksAddon.interval"),
            ("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription",
             ["plan": "pro", "webhooksAddon": ["status": "active", "interval": "year", "price": 1]], 400, "unknown_field",
             "webhooksAddon.price"),
            // Chatbots and keys.
            ("POST", "/api/v1/admin/tenants/\(tenantId)/chatbots", ["title": "x"], 400, "unknown_field", "title"),
            ("POST", "/api/v1/admin/tenants/\(tenantId)/api-keys", [String: Any](), 400, "missing_field", "name"),
        ]
        for (method, path, body, status, code, field) in cases {
            let response = try service.request(method, path, json: body, headers: Provision.adminHeaders)
            #expect(response.status == status, "\(method) \(path) \(body)")
            #expect(Provision.code(response) == code, "\(method) \(path) \(body)")
            #expect(Provision.field(response) == field, "\(method) \(path) \(body)")
        }
        for path in ["/api/v1/admin/tenants", "/api/v1/admin/tenants/\(tenantId)/chatbots"] {
            let malformed = try Provision.raw(service, "POST", path, body: "{\"name\":", headers: Provision.adminHeaders)
            #expect(malformed.status == 400)
            #expect(Provision.code(malformed) == "malformed_json")
            let form = try Provision.raw(service, "POST", path, body: "name=x", contentType: "application/x-www-form-urlencoded",
                                         headers: Provision.adminHeaders)
            #expect(form.status == 415)
        }
        // The demo tenant is unchanged by all of that.
        let me = try service.request("GET", "/api/v1/auth/me", token: service.demo["apiKey"])
        #expect(me.json?["plan"] as? String == "scale")
    }
}
