import Foundation
import Testing
import TestSupport

/// `signatureScheme: "standard-ed25519"` through the API: the public key on every read, the private key in none.
@Suite struct Ed25519WebhookEndpointTests {
    /// RFC 8032 §7.1 test 1's seed as a `whsk_` key, and its public key as `whpk_`.
    static let rfcPrivateKey = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
    static let rfcPublicKey = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

    func path(_ service: APIService, _ suffix: String = "") -> String {
        "/api/v1/chatbots/\(service.demo["chatbotId"]!)/webhooks\(suffix)"
    }

    func webhook(_ response: TestHTTPClient.Response) throws -> [String: Any] {
        try #require(response.json?["webhook"] as? [String: Any], "\(response.status) \(response.text)")
    }

    /// No private key (`whsk_` followed by key characters) anywhere in the answer's bytes.
    func showsNoPrivateKey(_ response: TestHTTPClient.Response) -> Bool {
        response.text.range(of: #"whsk_[A-Za-z0-9+/]"#, options: .regularExpression) == nil
    }

    func create(_ service: APIService, _ token: String, _ extra: [String: Any] = [:]) throws -> TestHTTPClient.Response {
        var body: [String: Any] = ["url": "https://crm.example.com/hook", "eventTypes": ["lead.created"],
                                   "signatureScheme": "standard-ed25519"]
        body.merge(extra) { $1 }
        return try service.request("POST", path(service), token: token, json: body)
    }

    @Test func createGeneratesAKeyPairAndEveryReadShowsThePublicKeyButNeverThePrivateKey() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try create(service, token)
        #expect(created.status == 201)
        let webhook = try webhook(created)
        let publicKey = try #require(webhook["publicKey"] as? String)
        #expect(publicKey.hasPrefix("whpk_"))
        #expect(Data(base64Encoded: String(publicKey.dropFirst(5)))?.count == 32)
        #expect(webhook["secret"] as? String == "whsk_••••••••")
        #expect(webhook["signatureScheme"] as? String == "standard-ed25519")
        let security = try #require(created.json?["security"] as? [String: Any])
        #expect(security["headerName"] as? String == "webhook-signature")
        #expect((security["format"] as? String)?.hasPrefix("v1a,") == true)
        #expect((security["note"] as? String)?.contains("publicKey") == true)
        let id = try #require(webhook["id"] as? String)

        let read = try service.request("GET", path(service, "/\(id)"), token: token)
        let list = try service.request("GET", path(service), token: token)
        #expect(try self.webhook(read)["publicKey"] as? String == publicKey)
        let listed = try #require((list.json?["webhooks"] as? [[String: Any]])?.first)
        #expect(listed["publicKey"] as? String == publicKey)
        for answer in [created, read, list] { #expect(showsNoPrivateKey(answer), "\(answer.text)") }

        // Another scheme has publicKey null (present, not missing).
        let hmac = try create(service, token, ["signatureScheme": "standard"])
        let hmacWebhook = try self.webhook(hmac)
        #expect(hmacWebhook["publicKey"] is NSNull)
        #expect((hmacWebhook["secret"] as? String)?.hasPrefix("whsec_") == true)
    }

    @Test func thePrivateKeyIsEncryptedAtRestAndThePublicKeyStoredAsShown() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try create(service, token, ["secret": Self.rfcPrivateKey])
        #expect(created.status == 201)
        #expect(try webhook(created)["publicKey"] as? String == Self.rfcPublicKey)
        let dump = try ServiceProcess.runPSQL(url: service.database.url,
                                              "SELECT encode(secret_ciphertext, 'escape'), secret_hint, public_key FROM webhooks")
        #expect(!dump.contains("nWGxne"))
        #expect(dump.contains(Self.rfcPublicKey))
        #expect(showsNoPrivateKey(created))
    }

    @Test func aCallerChosenSecretMustBeAWhskPrivateKeyAndAPrivateKeyFitsNoOtherScheme() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        for secret in ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Self.rfcPublicKey, "whsk_c2hvcnQ="] {
            let refused = try create(service, token, ["secret": secret])
            #expect(refused.status == 422, "\(secret)")
            #expect((refused.json?["error"] as? [String: Any])?["field"] as? String == "secret")
        }
        for scheme in ["standard", "hmac-sha256", "token"] {
            let refused = try create(service, token, ["signatureScheme": scheme, "secret": Self.rfcPrivateKey])
            #expect(refused.status == 422, "\(scheme)")
        }
    }

    @Test func rotationMakesANewKeyPairAndTheOldKeyStaysForTheGracePeriod() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try webhook(try create(service, token))
        let id = try #require(created["id"] as? String)
        let rotated = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token)
        #expect(rotated.status == 200)
        let after = try webhook(rotated)
        #expect((after["publicKey"] as? String)?.hasPrefix("whpk_") == true)
        #expect(after["publicKey"] as? String != created["publicKey"] as? String)
        #expect(after["previousSecretExpiresAt"] is String)
        #expect(after["secret"] as? String == "whsk_••••••••")
        #expect(showsNoPrivateKey(rotated))
        #expect((rotated.json?["message"] as? String)?.contains("Key pair rotated") == true)
        // A chosen key is taken as given; an HMAC secret is refused.
        let chosen = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token,
                                         json: ["secret": Self.rfcPrivateKey])
        #expect(try webhook(chosen)["publicKey"] as? String == Self.rfcPublicKey)
        let refused = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token,
                                          json: ["secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(refused.status == 422)
    }

    @Test func changingToAndFromTheSchemeReplacesTheSecretWithOneOfTheNewKindAtOnce() throws {
        let service = try APIService()
        let token = try service.loginDemo()
        let created = try webhook(try create(service, token, ["signatureScheme": "standard"]))
        let id = try #require(created["id"] as? String)
        _ = try service.request("POST", path(service, "/\(id)/rotate-secret"), token: token)

        // To standard-ed25519: a key pair, no HMAC secret left signing beside it; any payload format may use it.
        let toKeys = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                         json: ["signatureScheme": "standard-ed25519"])
        #expect(toKeys.status == 200, "\(toKeys.text)")
        let keyed = try webhook(toKeys)
        #expect((keyed["publicKey"] as? String)?.hasPrefix("whpk_") == true)
        #expect(keyed["previousSecretExpiresAt"] is NSNull)
        #expect(keyed["secret"] as? String == "whsk_••••••••")
        #expect(showsNoPrivateKey(toKeys))
        let reformatted = try service.request("PATCH", path(service, "/\(id)"), token: token,
                                              json: ["payloadFormat": "livechat", "signatureScheme": "standard-ed25519",
                                                     "eventTypes": ["message.received"]])
        #expect(reformatted.status == 200, "\(reformatted.text)")
        #expect(try webhook(reformatted)["publicKey"] as? String == keyed["publicKey"] as? String)

        // Back to an HMAC scheme: a new whsec_ secret, shown in this answer only.
        let toSecret = try service.request("PUT", path(service, "/\(id)"), token: token, json: [
            "url": "https://crm.example.com/hook", "eventTypes": ["lead.created"], "signatureScheme": "standard",
        ])
        #expect(toSecret.status == 200, "\(toSecret.text)")
        let shared = try webhook(toSecret)
        #expect(shared["publicKey"] is NSNull)
        let secret = try #require(shared["secret"] as? String)
        #expect(secret.hasPrefix("whsec_") && secret.count > 30)
        let read = try webhook(try service.request("GET", path(service, "/\(id)"), token: token))
        #expect(read["secret"] as? String == "whsec_••••••••")
        #expect(read["publicKey"] is NSNull)
        // Between two shared-secret schemes nothing is generated: the answer shows no secret.
        let hmac = try service.request("PATCH", path(service, "/\(id)"), token: token, json: ["signatureScheme": "hmac-sha256"])
        #expect(try webhook(hmac)["secret"] as? String == "whsec_••••••••")
    }
}
