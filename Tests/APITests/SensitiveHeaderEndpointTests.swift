import Foundation
import Testing
import TestSupport
import WebhookCore

/// Custom headers that carry credentials: encrypted at rest, masked on every read, kept when a dashboard sends the
/// mask back.
@Suite struct SensitiveHeaderEndpointTests {
    static let credentials = ["Authorization": "Bearer crm-live-7f3a", "Cookie": "sid=c00k1e", "X-Api-Key": "key-91b2",
                              "X-Access-Token": "tok-5d6e", "X-Signing-Secret": "sec-0a0b", "X-Tenant-Pin": "pin-4242"]

    func webhooks(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    func headers(_ response: TestHTTPClient.Response) -> [String: String] {
        ((response.json?["webhook"] as? [String: Any])?["headers"] as? [String: String]) ?? [:]
    }

    /// The stored `headers` column of webhook `id`.
    func storedHeaders(_ service: APIService, _ id: String) throws -> String {
        try ServiceProcess.runPSQL(url: service.database.url, "SELECT headers::text FROM webhooks WHERE id = '\(id)'")
    }

    /// The stored value of header `name`, opened with the service's master key.
    func openedValue(_ service: APIService, _ id: String, _ name: String) throws -> String? {
        let entries = try JSONSerialization.jsonObject(with: Data(try storedHeaders(service, id).utf8)) as? [[String: String]]
        guard let sealed = entries?.first(where: { $0["name"] == name })?["sealed"],
              let ciphertext = Data(base64Encoded: sealed)
        else { return nil }
        return try SecretCipher(masterKey: APIService.masterKey).open(Array(ciphertext), webhookId: id.uppercased())
    }

    @Test func credentialHeadersAreEncryptedAtRestAndMaskedOnEveryRead() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        var given = Self.credentials
        given["X-Plain"] = "visible"
        let created = try service.request("POST", webhooks(service), token: token, json: [
            "url": "https://crm.example.com/hook", "eventTypes": ["lead.created"], "headers": given,
            "sensitiveHeaders": ["x-tenant-pin"],
        ])
        #expect(created.status == 201)
        let id = try #require((created.json?["webhook"] as? [String: Any])?["id"] as? String)
        let patched = try service.request("PATCH", webhooks(service, "/\(id)"), token: token, json: ["name": "Renamed"])
        let reads = [created, patched, try service.request("GET", webhooks(service, "/\(id)"), token: token)]
        for response in reads {
            var expected = Self.credentials.mapValues { _ in "••••••••" }
            expected["X-Plain"] = "visible"
            #expect(headers(response) == expected)
            let sensitive = (response.json?["webhook"] as? [String: Any])?["sensitiveHeaders"] as? [String]
            #expect(sensitive == Self.credentials.keys.sorted())
        }
        let list = try service.request("GET", webhooks(service), token: token)
        let stored = try storedHeaders(service, id)
        for value in Self.credentials.values {
            for text in [list.text, stored] + reads.map(\.text) { #expect(!text.contains(value), "\(value)") }
        }
        #expect(stored.contains("visible"))
        for (name, value) in Self.credentials { #expect(try openedValue(service, id, name) == value, "\(name)") }
    }

    @Test func sendingTheMaskBackKeepsTheStoredValueAndANewValueReplacesIt() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try service.request("POST", webhooks(service), token: token, json: [
            "url": "https://crm.example.com/hook", "eventTypes": ["lead.created"],
            "headers": ["Authorization": "Bearer first", "X-Custom": "c-1"], "sensitiveHeaders": ["X-Custom"],
        ])
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let id = try #require(webhook["id"] as? String)

        // A dashboard saves what it read (PUT of the GET's fields): the values stay.
        let read = try #require(try service.request("GET", webhooks(service, "/\(id)"), token: token).json?["webhook"] as? [String: Any])
        var put: [String: Any] = [:]
        for key in ["name", "url", "eventTypes", "headers", "sensitiveHeaders", "maxRetries", "retryDelay"] { put[key] = read[key] }
        let saved = try service.request("PUT", webhooks(service, "/\(id)"), token: token, json: put)
        #expect(saved.status == 200)
        #expect(try openedValue(service, id, "Authorization") == "Bearer first")
        #expect(try openedValue(service, id, "X-Custom") == "c-1")

        // PATCH: the mask keeps, a value replaces, and a marked header without the mark stays sensitive.
        let patched = try service.request("PATCH", webhooks(service, "/\(id)"), token: token,
                                          json: ["headers": ["Authorization": "••••••••", "X-Custom": "c-2"]])
        #expect(patched.status == 200)
        #expect(headers(patched) == ["Authorization": "••••••••", "X-Custom": "••••••••"])
        #expect(try openedValue(service, id, "Authorization") == "Bearer first")
        #expect(try openedValue(service, id, "X-Custom") == "c-2")

        // The mask of a header that has no stored value is refused, naming the header.
        let unknown = try service.request("PATCH", webhooks(service, "/\(id)"), token: token,
                                          json: ["headers": ["X-Other-Token": "••••••••"]])
        #expect(unknown.status == 422)
        #expect(Provision.field(unknown) == "headers.X-Other-Token")
        let unnamed = try service.request("PATCH", webhooks(service, "/\(id)"), token: token,
                                          json: ["sensitiveHeaders": ["X-Missing"]])
        #expect(unnamed.status == 422)
        #expect(Provision.field(unnamed) == "sensitiveHeaders[0]")
    }
}
