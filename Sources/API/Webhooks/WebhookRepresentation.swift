import Foundation
import WebhookCore

/// The JSON shape of a webhook in every answer (seed 004's fields, camelCase), with the secret masked unless it is
/// being shown for the one time it may be.
enum WebhookRepresentation {
    /// Why a tenant's webhooks are suspended, or `nil` while the feature is on.
    static func suspendedReason(_ subscription: Subscription) -> String? {
        subscription.hasWebhooksFeature ? nil
            : "Suspended: the webhooks feature needs the Webhooks add-on ($59/month or $468/year) or the Scale plan."
    }

    /// The representation of `webhook`; `secret` is the clear secret, given only by create and rotate.
    static func json(_ webhook: Webhook, subscription: Subscription, secret: String? = nil, now: Date = Date()) -> JSON.Ordered {
        let settings = webhook.settings
        let suspended = suspendedReason(subscription)
        let status: String
        if suspended != nil {
            status = "suspended"
        } else if webhook.disabledReason != nil {
            status = "disabled"
        } else {
            status = settings.isActive ? "active" : "paused"
        }
        let headers = JSON.Ordered(members: settings.headers.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { ($0.name, $0.value as Any) })
        var previousExpiry: Any = NSNull()
        if let expires = webhook.previousSecretExpiresAt, expires > now { previousExpiry = ISODate.string(expires) }
        // Members in code-point order, as every other answer sorts its keys.
        return JSON.Ordered(members: [
            ("chatbotId", webhook.chatbotId.uuidString.lowercased()),
            ("createdAt", ISODate.string(webhook.createdAt)),
            ("disabledReason", (webhook.disabledReason ?? suspended).map { $0 as Any } ?? NSNull()),
            ("eventTypes", settings.eventTypes),
            ("failureCount", webhook.failureCount),
            ("headers", headers),
            ("id", webhook.id.uuidString.lowercased()),
            ("isActive", settings.isActive),
            ("lastFailureAt", ISODate.json(webhook.lastFailureAt)),
            ("lastSuccessAt", ISODate.json(webhook.lastSuccessAt)),
            ("lastTriggeredAt", ISODate.json(webhook.lastTriggeredAt)),
            ("maxConcurrency", settings.maxConcurrency),
            ("maxRetries", settings.maxRetries),
            ("name", settings.name),
            ("previousSecretExpiresAt", previousExpiry),
            ("retryDelay", settings.retryDelayMilliseconds),
            ("secret", secret ?? webhook.secretHint),
            ("signatureScheme", settings.signatureScheme),
            ("status", status),
            ("successCount", webhook.successCount),
            ("timeout", settings.timeoutMilliseconds),
            ("updatedAt", ISODate.string(webhook.updatedAt)),
            ("url", settings.url),
        ])
    }
}
