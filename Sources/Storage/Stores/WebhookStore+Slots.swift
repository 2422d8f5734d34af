public import Foundation
import Postgres
public import WebhookCore

extension WebhookStore {
    /// The chatbot's per-website settings slots that are filled, with their webhooks.
    public func slots(tenantId: UUID, chatbotId: UUID) throws -> [WebhookSlot: Webhook] {
        let marked = try connection.query(
            "SELECT id, settings_slot FROM webhooks WHERE tenant_id = $1 AND chatbot_id = $2 AND settings_slot IS NOT NULL",
            [tenantId, chatbotId])
        var slots: [WebhookSlot: Webhook] = [:]
        for row in marked {
            let name = try row.decode(1, as: String.self)
            guard let slot = WebhookSlot(rawValue: name) else { throw StorageError.corrupt("unknown settings slot \"\(name)\"") }
            if let webhook = try find(tenantId: tenantId, chatbotId: chatbotId, id: try row.decode(0)) {
                slots[slot] = webhook
            }
        }
        return slots
    }

    /// Marks the tenant's webhook as the chatbot's `slot` (a chatbot has at most one webhook per slot).
    public func assign(_ slot: WebhookSlot, tenantId: UUID, chatbotId: UUID, id: UUID) throws {
        _ = try connection.execute(
            "UPDATE webhooks SET settings_slot = $4 WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3",
            [tenantId, chatbotId, id, slot.rawValue])
    }

    /// Replaces the secret at once, with no grace period: the owner typed a new one into the settings form, as
    /// the seeds' forms replace theirs, or changed between a shared-secret scheme and `standard-ed25519`, whose
    /// secrets cannot sign for each other. `publicKey` goes with a private key, `nil` with any other secret.
    public func replaceSecret(tenantId: UUID, chatbotId: UUID, id: UUID, secretCiphertext: [UInt8],
                              secretHint: String, publicKey: String? = nil) throws {
        _ = try connection.execute(
            """
            UPDATE webhooks SET secret_ciphertext = $4, secret_hint = $5, previous_secret_ciphertext = NULL,
                previous_secret_expires_at = NULL, public_key = $6, updated_at = now()
            WHERE tenant_id = $1 AND chatbot_id = $2 AND id = $3
            """,
            [tenantId, chatbotId, id, secretCiphertext, secretHint, publicKey])
    }
}
