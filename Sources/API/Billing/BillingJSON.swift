import Foundation
import WebhookCore

/// JSON shapes of billing values, shared by `me`, `billing` and the admin endpoints.
enum BillingJSON {
    /// The add-on state.
    static func addon(_ addon: WebhooksAddon) -> [String: Any] {
        [
            "status": addon.status.rawValue,
            "interval": addon.interval?.rawValue as Any? ?? NSNull(),
            "priceCents": addon.interval?.priceCents as Any? ?? NSNull(),
        ]
    }

    /// The plan limits.
    static func limits(_ limits: PlanLimits) -> [String: Any] {
        [
            "webhooksPerChatbot": limits.webhooksPerChatbot,
            "maxRetries": limits.maxRetries,
            "logRetentionDays": limits.logRetentionDays,
        ]
    }

    /// What a tenant without the feature can buy: the 402 body's `upgrade` and the billing page's offer.
    static var upgradeOptions: [String: Any] { [
        "addon": ["name": "Webhooks add-on", "monthlyPriceCents": WebhooksAddon.Interval.month.priceCents,
                  "yearlyPriceCents": WebhooksAddon.Interval.year.priceCents],
        "plan": "scale",
    ] }
}
