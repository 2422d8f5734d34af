import Foundation
import Testing
import TestSupport

/// `GET/POST /api/v1/chatbots` and `GET /api/v1/chatbots/{chatbotId}`: the tenant's chatbots, isolation and roles.
@Suite struct ChatbotEndpointTests {
    @Test func ownersCreateListAndGetChatbots() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let demoChatbot = try #require(service.demo["chatbotId"])

        let before = try service.request("GET", "/api/v1/chatbots", token: token)
        #expect(before.status == 200)
        #expect(before.json?["total"] as? Int == 1)
        let first = try #require((before.json?["chatbots"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == demoChatbot)
        #expect(first["name"] as? String == "Demo chatbot")
        #expect(first["createdAt"] is String)

        let created = try service.request("POST", "/api/v1/chatbots", token: token, json: ["name": "  Support bot "])
        #expect(created.status == 201)
        let id = try #require(created.json?["id"] as? String)
        #expect(created.json?["name"] as? String == "Support bot")
        #expect(created.header("Location") == "/api/v1/chatbots/\(id)")

        let after = try service.request("GET", "/api/v1/chatbots", token: token)
        #expect(after.json?["total"] as? Int == 2)
        #expect((after.json?["chatbots"] as? [[String: Any]])?.map { $0["id"] as? String } == [demoChatbot, id])

        let fetched = try service.request("GET", "/api/v1/chatbots/\(id)", token: token)
        #expect(fetched.status == 200)
        #expect(fetched.text == created.text)
        #expect(try service.request("GET", "/api/v1/chatbots/\(id.uppercased())", token: token).status == 200)

        // API keys read and write like an admin; no credential is a 401.
        let apiKey = service.demo["apiKey"]
        #expect(try service.request("GET", "/api/v1/chatbots/\(demoChatbot)", token: apiKey).status == 200)
        #expect(try service.request("POST", "/api/v1/chatbots", token: apiKey, json: ["name": "From the SaaS"]).status == 201)
        for (method, path) in [("GET", "/api/v1/chatbots"), ("POST", "/api/v1/chatbots"), ("GET", "/api/v1/chatbots/\(id)"),
                               ("GET", "/api/v1/chatbots/not-an-id")] {
            let response = try service.request(method, path, json: method == "POST" ? ["name": "x"] : nil)
            #expect(response.status == 401, "\(method) \(path)")
            #expect(Provision.code(response) == "unauthenticated")
        }
    }

    @Test func anotherTenantsRowsAnswer404LikeMissingOnes() throws {
        let service = try APIService()
        let demoToken = try service.loginDemo()
        let demoChatbot = try #require(service.demo["chatbotId"])
        _ = try Provision.tenant(service, email: "owner@second.example", password: "second-password")
        let other = try service.login(email: "owner@second.example", password: "second-password")

        let list = try service.request("GET", "/api/v1/chatbots", token: other)
        #expect(list.status == 200)
        #expect(list.json?["total"] as? Int == 0)
        #expect((list.json?["chatbots"] as? [Any])?.isEmpty == true)

        let foreign = try service.request("GET", "/api/v1/chatbots/\(demoChatbot)", token: other)
        let missing = try service.request("GET", "/api/v1/chatbots/\(UUID().uuidString.lowercased())", token: other)
        let malformed = try service.request("GET", "/api/v1/chatbots/not-a-uuid", token: other)
        for response in [foreign, missing, malformed] {
            #expect(response.status == 404)
            #expect(response.text == foreign.text)
        }
        #expect(Provision.code(foreign) == "not_found")

        let theirs = try service.request("POST", "/api/v1/chatbots", token: other, json: ["name": "Theirs"])
        let theirId = try #require(theirs.json?["id"] as? String)
        #expect(try service.request("GET", "/api/v1/chatbots/\(theirId)", token: demoToken).status == 404)
        let demoList = try service.request("GET", "/api/v1/chatbots", token: demoToken)
        #expect((demoList.json?["chatbots"] as? [[String: Any]])?.map { $0["id"] as? String } == [demoChatbot])

        // API keys and billing are the tenant's own too.
        let demoKeys = try service.request("GET", "/api/v1/api-keys", token: demoToken)
        let demoKeyId = try #require((demoKeys.json?["apiKeys"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(try service.request("GET", "/api/v1/api-keys", token: other).json?["total"] as? Int == 0)
        let revokeForeign = try service.request("DELETE", "/api/v1/api-keys/\(demoKeyId)", token: other)
        #expect(revokeForeign.status == 404)
        #expect(try service.request("GET", "/api/v1/auth/me", token: service.demo["apiKey"]).status == 200)
        #expect(try service.request("GET", "/api/v1/billing", token: other).json?["plan"] as? String == "free")
        #expect(try service.request("GET", "/api/v1/billing", token: demoToken).json?["plan"] as? String == "scale")
    }

    @Test func membersReadButGet403OnWrites() throws {
        let service = try APIService()
        let tenantId = try #require(service.demo["tenantId"])
        _ = try Provision.user(service, tenantId: tenantId, email: "member@demo.example", password: "member-password",
                               role: "member")
        let member = try service.login(email: "member@demo.example", password: "member-password")
        let demoChatbot = try #require(service.demo["chatbotId"])

        #expect(try service.request("GET", "/api/v1/auth/me", token: member).json?["role"] as? String == "member")
        #expect(try service.request("GET", "/api/v1/chatbots", token: member).status == 200)
        #expect(try service.request("GET", "/api/v1/chatbots/\(demoChatbot)", token: member).status == 200)
        #expect(try service.request("GET", "/api/v1/billing", token: member).status == 200)
        let keys = try service.request("GET", "/api/v1/api-keys", token: member)
        #expect(keys.status == 200)
        let keyId = try #require((keys.json?["apiKeys"] as? [[String: Any]])?.first?["id"] as? String)

        for (method, path) in [("POST", "/api/v1/chatbots"), ("POST", "/api/v1/api-keys"),
                               ("DELETE", "/api/v1/api-keys/\(keyId)")] {
            let response = try service.request(method, path, token: member, json: method == "POST" ? ["name": "x"] : nil)
            #expect(response.status == 403, "\(method) \(path)")
            #expect(Provision.code(response) == "forbidden")
        }
        #expect(try service.request("GET", "/api/v1/chatbots", token: member).json?["total"] as? Int == 1)
    }

    @Test func badChatbotBodiesGetClear4xx() throws {
        let service = try APIService()
        let auth = [("Authorization", "Bearer \(service.demo["apiKey"] ?? "")")]
        let cases: [(String, String?, Int, String, String?)] = [
            ("{not json", "application/json", 400, "malformed_json", nil),
            ("", "application/json", 400, "invalid_body", nil),
            ("[\"name\"]", "application/json", 400, "invalid_body", nil),
            (#"{"name": 5}"#, "application/json", 400, "invalid_type", "name"),
            (#"{"name": null}"#, "application/json", 400, "missing_field", "name"),
            ("{}", "application/json", 400, "missing_field", "name"),
            (#"{"name": "a", "color": "red"}"#, "application/json", 400, "unknown_field", "color"),
            (#"{"name": "\#(String(repeating: "n", count: 201))"}"#, "application/json", 400, "too_long", "name"),
            (#"{"name": "   "}"#, "application/json", 422, "invalid_field", "name"),
            (#"{"name": "a"}"#, "text/plain", 415, "unsupported_media_type", nil),
            (#"{"name": "a"}"#, nil, 415, "unsupported_media_type", nil),
        ]
        for (body, type, status, code, field) in cases {
            let response = try Provision.raw(service, "POST", "/api/v1/chatbots", body: body, contentType: type, headers: auth)
            #expect(response.status == status, "\(body) \(type ?? "-")")
            #expect(Provision.code(response) == code, "\(body)")
            #expect(Provision.field(response) == field, "\(body)")
        }
        #expect(try service.request("GET", "/api/v1/chatbots", token: service.demo["apiKey"]).json?["total"] as? Int == 1)
    }
}
