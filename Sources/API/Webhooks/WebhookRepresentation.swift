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
    static func json(_ webhook: Webhook, subscription: Subscription, secret: String? = nil, now: Date = Date()) -> [String: Any] {
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
        var headers: [String: Any] = [:]
        for header in settings.headers { headers[header.name] = header.value }
        var object: [String: Any] = [
            "id": webhook.id.uuidString.lowercased(),
            "chatbotId": webhook.chatbotId.uuidString.lowercased(),
            "name": settings.name,
            "url": settings.url,
            "eventTypes": settings.eventTypes,
            "isActive": settings.isActive,
            "status": status,
            "signatureScheme": settings.signatureScheme,
            "maxRetries": settings.maxRetries,
            "retryDelay": settings.retryDelayMilliseconds,
            "timeout": settings.timeoutMilliseconds,
            "maxConcurrency": settings.maxConcurrency,
            "headers": headers,
            "secret": secret ?? webhook.secretHint,
            "successCount": webhook.successCount,
            "failureCount": webhook.failureCount,
            "lastTriggeredAt": ISODate.json(webhook.lastTriggeredAt),
            "lastSuccessAt": ISODate.json(webhook.lastSuccessAt),
            "lastFailureAt": ISODate.json(webhook.lastFailureAt),
            "disabledReason": (webhook.disabledReason ?? suspended).map { $0 as Any } ?? NSNull(),
            "createdAt": ISODate.string(webhook.createdAt),
            "updatedAt": ISODate.string(webhook.updatedAt),
        ]
        if let expires = webhook.previousSecretExpiresAt, expires > now {
            object["previousSecretExpiresAt"] = ISODate.string(expires)
        } else {
            object["previousSecretExpiresAt"] = NSNull()
        }
        return object
    }
}
