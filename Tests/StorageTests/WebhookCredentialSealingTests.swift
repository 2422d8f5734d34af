import Foundation
import Storage
import Testing
import TestSupport
import WebhookCore

/// Credential header values that an earlier version stored in clear are sealed where they lie.
@Suite struct WebhookCredentialSealingTests {
    @Test func credentialValuesStoredInClearAreSealedAndOthersLeftAlone() throws {
        let database = try TestDatabase.migrated().open()
        defer { database.close() }
        let cipher = try SecretCipher(masterKey: Array(repeating: 7, count: 32))
        let id = UUID()
        let headers = [WebhookHeader(name: "Authorization", value: "Bearer crm-live-7f3a"),
                       WebhookHeader(name: "X-Plain", value: "visible")]
        let (tenantId, chatbotId) = try database.transaction { session in
            let tenant = try session.tenants.create(name: "Acme", subscription: Subscription(plan: .scale))
            let chatbot = try session.chatbots.create(tenantId: tenant.id, name: "Bot")
            // As an earlier version wrote it: every value in clear.
            _ = try session.webhooks.create(
                id: id, tenantId: tenant.id, chatbotId: chatbot.id,
                settings: WebhookSettings(name: "Hook", url: "https://crm.example.com/hook", eventTypes: ["lead.created"],
                                          isActive: true, signatureScheme: "standard", maxRetries: 3,
                                          retryDelayMilliseconds: 1_000, timeoutMilliseconds: 10_000, maxConcurrency: 16,
                                          headers: headers),
                secretCiphertext: [1], secretHint: "whsec_••••••••")
            return (tenant.id, chatbot.id)
        }

        #expect(try database.transaction { try $0.webhooks.sealCredentialsInClear(with: cipher) } == 1)
        #expect(try database.transaction { try $0.webhooks.sealCredentialsInClear(with: cipher) } == 0)
        let stored = try #require(try database.read { try $0.webhooks.find(tenantId: tenantId, chatbotId: chatbotId, id: id) })
        let authorization = try #require(stored.settings.headers.first)
        let ciphertext = try #require(authorization.sealedValue)
        #expect(try cipher.open(ciphertext, webhookId: id.uuidString) == "Bearer crm-live-7f3a")
        #expect(stored.settings.headers.last == WebhookHeader(name: "X-Plain", value: "visible"))
    }
}
