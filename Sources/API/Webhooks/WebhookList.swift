import Foundation
import WebhookCore

/// A chatbot's webhooks as the read cache keeps them: the rows, and the list answer (`{"total", "webhooks"}`)
/// encoded once when they were loaded, for the tenant's billing state and the time of that load.
///
/// The encoded answer is reused while it still says the same thing: the caller's tenant has the same webhooks
/// feature it was encoded for, and no previous secret it shows has expired since (its `previousSecretExpiresAt`
/// would turn to null). Otherwise the list is encoded afresh.
struct WebhookList: Sendable {
    /// The webhooks, oldest first.
    let webhooks: [Webhook]
    private let encoded: [UInt8]
    private let encodedWithFeature: Bool
    private let encodedUntil: Date

    /// The list of `webhooks`, encoded for `subscription` at `now`.
    init(_ webhooks: [Webhook], subscription: Subscription, now: Date = Date()) {
        self.webhooks = webhooks
        encoded = Self.encode(webhooks, subscription: subscription, now: now)
        encodedWithFeature = subscription.hasWebhooksFeature
        encodedUntil = webhooks.compactMap(\.previousSecretExpiresAt).filter { $0 > now }.min() ?? .distantFuture
    }

    /// The answer's body for a caller of `subscription` at `now`.
    func body(for subscription: Subscription, now: Date = Date()) -> [UInt8] {
        guard subscription.hasWebhooksFeature == encodedWithFeature, now < encodedUntil else {
            return Self.encode(webhooks, subscription: subscription, now: now)
        }
        return encoded
    }

    private static func encode(_ webhooks: [Webhook], subscription: Subscription, now: Date) -> [UInt8] {
        JSON.encode(.object([
            ("total", .int(webhooks.count)),
            ("webhooks", .array(webhooks.map { WebhookRepresentation.json($0, subscription: subscription, now: now) })),
        ]))
    }
}
