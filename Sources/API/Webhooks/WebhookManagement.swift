import Foundation
import Storage
import WebhookCore

/// The rules of webhook management that sit between the HTTP handlers and storage: tenant scoping, the billing
/// gate, plan limits, validation, secrets shown once and encrypted at rest, rotation.
struct WebhookManagement: Sendable {
    let environment: APIEnvironment

    /// How long a rotated-out secret keeps signing by default.
    static let defaultRotationGrace: TimeInterval = 24 * 3600

    func rules(_ auth: AuthContext) -> WebhookRules {
        WebhookRules(limits: auth.subscription.limits, allowPrivateTargets: environment.allowPrivateTargets,
                     headerPrefix: environment.headerPrefix, defaultPayloadFormat: environment.defaultPayloadFormat)
    }

    /// Throws 404 unless the chatbot is the caller's.
    func requireChatbot(_ session: DatabaseSession, _ auth: AuthContext, _ chatbotId: UUID) throws {
        guard try session.chatbots.find(tenantId: auth.tenantId, id: chatbotId) != nil else {
            throw APIError.notFound("Chatbot")
        }
    }

    /// The 402 for a tenant without the webhooks feature.
    static let planRequired = APIError(
        .paymentRequired, code: "plan_required",
        message: "Webhooks need the Webhooks add-on ($59/month or $468/year) or the Scale plan.",
        details: [("requiredFeature", "webhooks"), ("addon", "webhooks"), ("plan", "scale")])

    func list(_ auth: AuthContext, chatbotId: UUID) throws -> WebhookList {
        // Served from the read cache while it is live; the chatbot check is part of the cached load (a missing
        // chatbot throws and is never cached; a deleted one notifies its tenant).
        let key = ReadCache.Key.webhooks(tenantId: auth.tenantId, chatbotId: chatbotId)
        let list = try environment.database.cachedRead(key, tenantOf: { (_: WebhookList) in auth.tenantId }) { session in
            try requireChatbot(session, auth, chatbotId)
            return WebhookList(try session.webhooks.list(tenantId: auth.tenantId, chatbotId: chatbotId),
                               subscription: auth.subscription)
        }
        return list ?? WebhookList([], subscription: auth.subscription)
    }

    /// The chatbot's webhooks when the read cache holds them, else `nil` (never blocks).
    func cachedList(_ auth: AuthContext, chatbotId: UUID) -> WebhookList? {
        environment.database.readCache.value(.webhooks(tenantId: auth.tenantId, chatbotId: chatbotId), as: WebhookList.self)
    }

    func get(_ auth: AuthContext, chatbotId: UUID, id: UUID) throws -> Webhook {
        try environment.database.read { session in
            try requireChatbot(session, auth, chatbotId)
            guard let webhook = try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: id) else {
                throw APIError.notFound("Webhook")
            }
            return webhook
        }
    }

    /// Creates a webhook; the secret is the caller's (validated for the scheme) or generated: a `whsec_` secret,
    /// or for `standard-ed25519` a key pair whose private key (`whsk_`) is stored and whose public key is shown.
    func create(_ auth: AuthContext, chatbotId: UUID, input: WebhookInput) throws -> (Webhook, WebhookSecret) {
        guard auth.subscription.hasWebhooksFeature else { throw Self.planRequired }
        let settings = try WebhookSettings.validated(input, rules: rules(auth))
        let scheme = try Self.scheme(settings)
        let secret = try input.secret.map { text throws(WebhookValidationError) in
            try WebhookSecret(validating: text, for: scheme)
        } ?? WebhookSecret.generate(for: scheme)
        let id = UUID()
        let limits = auth.subscription.limits
        let webhook = try environment.database.transaction(changing: auth.tenantId) { session in
            try requireChatbot(session, auth, chatbotId)
            let count = try session.webhooks.countLockingChatbot(tenantId: auth.tenantId, chatbotId: chatbotId)
            guard count < limits.webhooksPerChatbot else {
                throw APIError(.paymentRequired, code: "webhook_limit_reached",
                               message: "Your plan allows \(limits.webhooksPerChatbot) webhooks per chatbot.",
                               details: [("limit", String(limits.webhooksPerChatbot))])
            }
            return try session.webhooks.create(
                id: id, tenantId: auth.tenantId, chatbotId: chatbotId,
                settings: settings.sealingHeaders(with: environment.secretCipher, webhookId: id),
                secretCiphertext: environment.secretCipher.seal(secret.text, webhookId: id.uuidString),
                secretHint: secret.masked, publicKey: secret.publicKey)
        }
        return (webhook, secret)
    }

    /// The clear secret an answer may show once: a shared secret, never a private key (receivers need only the
    /// public key, which every read shows).
    static func shownOnce(_ secret: WebhookSecret?) -> String? {
        guard let secret, secret.publicKey == nil else { return nil }
        return secret.text
    }

    /// PATCH (`replace == false`) or PUT (`replace == true`).
    ///
    /// A change of scheme between the shared-secret schemes and `standard-ed25519` replaces the secret at once
    /// with a generated one of the new kind (a key pair, or a `whsec_` secret, given back to be shown once), and
    /// drops a previous one still in its grace period: neither kind can sign for the other.
    func update(_ auth: AuthContext, chatbotId: UUID, id: UUID, input: WebhookInput,
                replace: Bool) throws -> (Webhook, WebhookSecret?) {
        if input.secret != nil {
            throw APIError(.unprocessableContent, code: "use_rotate_secret",
                           message: "Change the secret with POST .../rotate-secret, which keeps the old one valid for a while.",
                           field: "secret")
        }
        if input.isActive == true && !auth.subscription.hasWebhooksFeature { throw Self.planRequired }
        let rules = rules(auth)
        return try environment.database.transaction(changing: auth.tenantId) { session in
            try requireChatbot(session, auth, chatbotId)
            guard let current = try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: id) else {
                throw APIError.notFound("Webhook")
            }
            let settings = replace
                ? try WebhookSettings.validated(input, rules: rules, currentHeaders: current.settings.headers)
                : try current.settings.patched(with: input, rules: rules)
            let scheme = try Self.scheme(settings)
            let generated = scheme.isAsymmetric != (try Self.scheme(current.settings)).isAsymmetric
                ? WebhookSecret.generate(for: scheme) : nil
            if settings.signatureScheme != current.settings.signatureScheme && generated == nil {
                let secret = try environment.secretCipher.open(current.secretCiphertext, webhookId: id.uuidString)
                do {
                    _ = try WebhookSecret(validating: secret, for: try Self.scheme(settings))
                } catch {
                    throw APIError(.unprocessableContent, code: "secret_does_not_fit_scheme",
                                   message: "The current secret cannot sign with \(settings.signatureScheme); rotate to a generated secret first.",
                                   field: "signatureScheme")
                }
            }
            guard let updated = try session.webhooks.update(
                tenantId: auth.tenantId, chatbotId: chatbotId, id: id,
                settings: settings.sealingHeaders(with: environment.secretCipher, webhookId: id))
            else { throw APIError.notFound("Webhook") }
            if let generated {
                try session.webhooks.replaceSecret(
                    tenantId: auth.tenantId, chatbotId: chatbotId, id: id,
                    secretCiphertext: environment.secretCipher.seal(generated.text, webhookId: id.uuidString),
                    secretHint: generated.masked, publicKey: generated.publicKey)
            }
            let reenabled = input.isActive == true && updated.disabledReason != nil
            if reenabled {
                try session.webhooks.clearDisable(tenantId: auth.tenantId, chatbotId: chatbotId, id: id)
            }
            guard reenabled || generated != nil else { return (updated, nil) }
            return (try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: id) ?? updated, generated)
        }
    }

    func delete(_ auth: AuthContext, chatbotId: UUID, id: UUID) throws {
        try environment.database.transaction(changing: auth.tenantId) { session in
            try requireChatbot(session, auth, chatbotId)
            guard try session.webhooks.delete(tenantId: auth.tenantId, chatbotId: chatbotId, id: id) else {
                throw APIError.notFound("Webhook")
            }
        }
    }

    /// Replaces the secret (for `standard-ed25519`, the key pair); the old one keeps signing beside it for `grace`.
    func rotate(_ auth: AuthContext, chatbotId: UUID, id: UUID, secret chosen: String?,
                grace: TimeInterval) throws -> (Webhook, WebhookSecret) {
        try environment.database.transaction(changing: auth.tenantId) { session in
            try requireChatbot(session, auth, chatbotId)
            guard let current = try session.webhooks.find(tenantId: auth.tenantId, chatbotId: chatbotId, id: id) else {
                throw APIError.notFound("Webhook")
            }
            let scheme = try Self.scheme(current.settings)
            let secret = try chosen.map { text throws(WebhookValidationError) in
                try WebhookSecret(validating: text, for: scheme)
            } ?? WebhookSecret.generate(for: scheme)
            guard let rotated = try session.webhooks.rotateSecret(
                tenantId: auth.tenantId, chatbotId: chatbotId, id: id,
                secretCiphertext: environment.secretCipher.seal(secret.text, webhookId: id.uuidString),
                secretHint: secret.masked, publicKey: secret.publicKey, previousExpiresAt: Date().addingTimeInterval(grace))
            else { throw APIError.notFound("Webhook") }
            return (rotated, secret)
        }
    }

    static func scheme(_ settings: WebhookSettings) throws -> SignatureScheme {
        guard let scheme = SignatureScheme(rawValue: settings.signatureScheme) else {
            throw WebhookValidationError(field: "signatureScheme", message: "is not a known scheme")
        }
        return scheme
    }
}
