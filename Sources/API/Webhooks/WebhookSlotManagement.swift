import Foundation
import Storage
import WebhookCore

/// What a `PATCH .../webhook-settings` asks of one slot.
enum WebhookSlotChange {
    /// Remove the slot's webhook (an empty or `null` URL, or the slot given as `null`).
    case clear
    /// Point the slot at `url`; `secret` `nil` keeps the current one (or, for a new slot, means none), `""` removes
    /// it (seed 000's slot only).
    case set(url: String, secret: String?)
}

/// The per-website settings form on top of ordinary webhooks: each filled slot is a webhook of the slot's format,
/// events and scheme, created, changed and deleted through the same rules, limits and plan gate as any other.
extension WebhookManagement {
    /// The chatbot's filled slots.
    func slots(_ auth: AuthContext, chatbotId: UUID) throws -> [WebhookSlot: Webhook] {
        try environment.database.read { session in
            try requireChatbot(session, auth, chatbotId)
            return try session.webhooks.slots(tenantId: auth.tenantId, chatbotId: chatbotId)
        }
    }

    /// Applies `changes` in one transaction (all or nothing) and returns the filled slots after it.
    func saveSlots(_ auth: AuthContext, chatbotId: UUID,
                   changes: [(WebhookSlot, WebhookSlotChange)]) throws -> [WebhookSlot: Webhook] {
        let rules = rules(auth)
        return try environment.database.transaction(changing: auth.tenantId) { session in
            try requireChatbot(session, auth, chatbotId)
            var slots = try session.webhooks.slots(tenantId: auth.tenantId, chatbotId: chatbotId)
            for (slot, change) in changes {
                let existing = slots[slot]
                switch change {
                case .clear:
                    if let existing {
                        _ = try session.webhooks.delete(tenantId: auth.tenantId, chatbotId: chatbotId, id: existing.id)
                        slots[slot] = nil
                    }
                case .set(let url, let secretText):
                    let secret = try secret(secretText, for: slot, isNew: existing == nil)
                    slots[slot] = if let existing {
                        try update(existing, slot: slot, url: url, secret: secret, rules: rules, session: session, auth: auth)
                    } else {
                        try create(slot, url: url, secret: secret ?? nil, rules: rules, session: session, auth: auth,
                                   chatbotId: chatbotId)
                    }
                }
            }
            return slots
        }
    }

    /// The secret a change asks for: `.some(nil)` removes it, `nil` keeps the current one.
    private func secret(_ text: String?, for slot: WebhookSlot, isNew: Bool) throws -> WebhookSecret?? {
        let field = slot.secretFieldNames.last ?? "secret"
        guard let text else {
            if isNew && slot.requiresSecret { throw missingSecret(slot, field) }
            return isNew ? .some(nil) : nil
        }
        if text.isEmpty {
            if slot.requiresSecret { throw missingSecret(slot, field) }
            return .some(nil)
        }
        return .some(try slot.validatedSecret(text, field: field))
    }

    private func missingSecret(_ slot: WebhookSlot, _ field: String) -> APIError {
        APIError(.unprocessableContent, code: "required", message: "A token is required for this webhook.",
                 field: "\(slot.rawValue).\(field)")
    }

    private func create(_ slot: WebhookSlot, url: String, secret: WebhookSecret?, rules: WebhookRules,
                        session: DatabaseSession, auth: AuthContext, chatbotId: UUID) throws -> Webhook {
        guard auth.subscription.hasWebhooksFeature else { throw Self.planRequired }
        var input = WebhookInput()
        input.name = slot.webhookName
        input.url = url
        input.eventTypes = slot.eventTypes
        input.payloadFormat = slot.payloadFormat.rawValue
        input.signatureScheme = slot.signatureScheme(hasSecret: secret != nil).rawValue
        let settings = try prefixed(slot) { () throws(WebhookValidationError) in
            try WebhookSettings.validated(input, rules: rules)
        }
        let limit = auth.subscription.limits.webhooksPerChatbot
        guard try session.webhooks.countLockingChatbot(tenantId: auth.tenantId, chatbotId: chatbotId) < limit else {
            throw APIError(.paymentRequired, code: "webhook_limit_reached",
                           message: "Your plan allows \(limit) webhooks per chatbot.", details: [("limit", String(limit))])
        }
        let chosen = secret ?? WebhookSecret.generate()
        let id = UUID()
        let webhook = try session.webhooks.create(
            id: id, tenantId: auth.tenantId, chatbotId: chatbotId,
            settings: settings.sealingHeaders(with: environment.secretCipher, webhookId: id),
            secretCiphertext: environment.secretCipher.seal(chosen.text, webhookId: id.uuidString),
            secretHint: chosen.masked)
        try session.webhooks.assign(slot, tenantId: auth.tenantId, chatbotId: chatbotId, id: id)
        return webhook
    }

    private func update(_ existing: Webhook, slot: WebhookSlot, url: String, secret: WebhookSecret??,
                        rules: WebhookRules, session: DatabaseSession, auth: AuthContext) throws -> Webhook {
        var input = WebhookInput()
        input.url = url
        if let secret {
            input.signatureScheme = slot.signatureScheme(hasSecret: secret != nil).rawValue
        }
        let settings = try prefixed(slot) { () throws(WebhookValidationError) in
            try existing.settings.patched(with: input, rules: rules)
        }
        if let secret {
            // Without a secret of its own, seed 000's slot signs with a fresh Standard Webhooks secret instead.
            let stored = secret ?? WebhookSecret.generate()
            try session.webhooks.replaceSecret(
                tenantId: auth.tenantId, chatbotId: existing.chatbotId, id: existing.id,
                secretCiphertext: environment.secretCipher.seal(stored.text, webhookId: existing.id.uuidString),
                secretHint: stored.masked)
        }
        guard let updated = try session.webhooks.update(tenantId: auth.tenantId, chatbotId: existing.chatbotId,
                                                        id: existing.id,
                                                        settings: settings.sealingHeaders(with: environment.secretCipher,
                                                                                          webhookId: existing.id))
        else { throw APIError.notFound("Webhook") }
        return updated
    }

    /// Runs a validation whose errors name the slot's field (`leads.url`).
    private func prefixed<T>(_ slot: WebhookSlot, _ body: () throws(WebhookValidationError) -> T) throws(WebhookValidationError) -> T {
        do {
            return try body()
        } catch {
            throw WebhookValidationError(code: error.code, field: "\(slot.rawValue).\(error.field)", message: error.message)
        }
    }
}
