public import Foundation

/// A webhook: where and how a chatbot's events are delivered, and how delivery has gone so far.
public struct Webhook: Sendable, Equatable {
    /// The webhook's id.
    public let id: UUID
    /// The owning tenant.
    public let tenantId: UUID
    /// The chatbot whose events it receives.
    public let chatbotId: UUID
    /// What the owner configured.
    public var settings: WebhookSettings
    /// The signing secret, encrypted (see ``SecretCipher``).
    public var secretCiphertext: [UInt8]
    /// The masked secret shown after creation.
    public var secretHint: String
    /// For `standard-ed25519`, the current private key's public key (`whpk_…`), shown on every read; `nil` for
    /// the other schemes.
    public var publicKey: String?
    /// During a rotation, the previous secret (encrypted), which keeps signing beside the new one until
    /// ``previousSecretExpiresAt``.
    public var previousSecretCiphertext: [UInt8]?
    /// When the previous secret stops signing.
    public var previousSecretExpiresAt: Date?
    /// Deliveries that ended in success.
    public var successCount: Int
    /// Deliveries that ended in failure after their last retry.
    public var failureCount: Int
    /// When the last attempt was made.
    public var lastTriggeredAt: Date?
    /// When the last attempt succeeded.
    public var lastSuccessAt: Date?
    /// When the last attempt failed.
    public var lastFailureAt: Date?
    /// Why delivery was switched off automatically, if it was.
    public var disabledReason: String?
    /// When it was created.
    public let createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    /// Creates a webhook value.
    public init(id: UUID, tenantId: UUID, chatbotId: UUID, settings: WebhookSettings, secretCiphertext: [UInt8],
                secretHint: String, previousSecretCiphertext: [UInt8]?, previousSecretExpiresAt: Date?,
                successCount: Int, failureCount: Int, lastTriggeredAt: Date?, lastSuccessAt: Date?,
                lastFailureAt: Date?, disabledReason: String?, createdAt: Date, updatedAt: Date,
                publicKey: String? = nil) {
        self.id = id
        self.tenantId = tenantId
        self.chatbotId = chatbotId
        self.settings = settings
        self.secretCiphertext = secretCiphertext
        self.secretHint = secretHint
        self.publicKey = publicKey
        self.previousSecretCiphertext = previousSecretCiphertext
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.successCount = successCount
        self.failureCount = failureCount
        self.lastTriggeredAt = lastTriggeredAt
        self.lastSuccessAt = lastSuccessAt
        self.lastFailureAt = lastFailureAt
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
