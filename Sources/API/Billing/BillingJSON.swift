import Foundation
import WebhookCore

/// JSON shapes of billing values, shared by `me`, `billing` and the admin endpoints.
enum BillingJSON {
    /// The currency of every price.
    static let currency = "usd"

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

    /// The features `subscription` turns on: `["webhooks"]` or `[]`.
    static func features(_ subscription: Subscription) -> [String] {
        subscription.hasWebhooksFeature ? [Me.webhooksFeature] : []
    }

    /// Plan, add-on, features and limits of `subscription`, as `me`, `billing` and the admin answers show them.
    static func subscription(_ subscription: Subscription) -> [String: Any] {
        [
            "plan": subscription.plan.rawValue,
            "webhooksAddon": addon(subscription.webhooksAddon),
            "features": features(subscription),
            "limits": limits(subscription.limits),
        ]
    }

    /// The Webhooks add-on's price list.
    static var addonPrices: [String: Any] { [
        "name": "Webhooks add-on",
        "currency": currency,
        "monthlyPriceCents": WebhooksAddon.Interval.month.priceCents,
        "yearlyPriceCents": WebhooksAddon.Interval.year.priceCents,
    ] }

    /// What every plan gives, from the one plan table.
    static var plans: [[String: Any]] {
        Plan.allCases.map { plan in
            var entry = limits(plan.limits)
            entry["plan"] = plan.rawValue
            entry["includesWebhooks"] = plan.limits.includesWebhooks
            return entry
        }
    }

    /// What a tenant without the feature can buy: the 402 body's `upgrade` and the billing page's offer.
    static var upgradeOptions: [String: Any] { [
        "addon": ["name": "Webhooks add-on", "monthlyPriceCents": WebhooksAddon.Interval.month.priceCents,
                  "yearlyPriceCents": WebhooksAddon.Interval.year.priceCents],
        "plan": "scale",
    ] }
}
