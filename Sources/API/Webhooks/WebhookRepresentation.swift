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

    /// `active`, `paused`, `disabled` (switched off automatically) or `suspended` (the tenant lacks the feature).
    static func status(of webhook: Webhook, subscription: Subscription) -> String {
        if suspendedReason(subscription) != nil { return "suspended" }
        if webhook.disabledReason != nil { return "disabled" }
        return webhook.settings.isActive ? "active" : "paused"
    }

    /// The representation of `webhook`; `secret` is the clear secret, given only by create and rotate.
    static func json(_ webhook: Webhook, subscription: Subscription, secret: String? = nil, now: Date = Date()) -> JSON.Value {
        let settings = webhook.settings
        let status = status(of: webhook, subscription: subscription)
        let sortedHeaders = settings.headers.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let headers = sortedHeaders.map { ($0.name, JSON.Value.string($0.shownValue)) }
        let previousExpiry = webhook.previousSecretExpiresAt.flatMap { $0 > now ? $0 : nil }
        // Members in code-point order, as every other answer sorts its keys.
        return .object([
            ("chatbotId", .uuid(webhook.chatbotId)),
            ("createdAt", .date(webhook.createdAt)),
            ("disabledReason", .string(webhook.disabledReason ?? suspendedReason(subscription))),
            ("eventTypes", .array(settings.eventTypes.map { .string($0) })),
            ("failureCount", .int(webhook.failureCount)),
            ("headers", .object(headers)),
            ("id", .uuid(webhook.id)),
            ("isActive", .bool(settings.isActive)),
            ("lastFailureAt", .date(webhook.lastFailureAt)),
            ("lastSuccessAt", .date(webhook.lastSuccessAt)),
            ("lastTriggeredAt", .date(webhook.lastTriggeredAt)),
            ("maxConcurrency", .int(settings.maxConcurrency)),
            ("maxRetries", .int(settings.maxRetries)),
            ("name", .string(settings.name)),
            ("ordering", .string(settings.ordering.rawValue)),
            ("payloadFormat", .string(settings.payloadFormat.rawValue)),
            ("previousSecretExpiresAt", .date(previousExpiry)),
            ("publicKey", webhook.publicKey.map { .string($0) } ?? .null),
            ("rateLimit", settings.rateLimit.map { .int($0) } ?? .null),
            ("retryDelay", .int(settings.retryDelayMilliseconds)),
            ("retrySchedule", settings.retryScheduleMilliseconds.isEmpty ? .null
                : .array(settings.retryScheduleMilliseconds.map { .int($0) })),
            ("secret", .string(secret ?? webhook.secretHint)),
            ("sensitiveHeaders", .array(sortedHeaders.filter(\.isSensitive).map { .string($0.name) })),
            ("signatureScheme", .string(settings.signatureScheme)),
            ("status", .string(status)),
            ("successCount", .int(webhook.successCount)),
            ("timeout", .int(settings.timeoutMilliseconds)),
            ("updatedAt", .date(webhook.updatedAt)),
            ("url", .string(settings.url)),
        ])
    }
}
