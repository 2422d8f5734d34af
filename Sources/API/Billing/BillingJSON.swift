import Foundation
import WebhookCore

/// JSON shapes of billing values, shared by `me`, `billing` and the admin endpoints.
enum BillingJSON {
    /// The currency of every price.
    static let currency = "usd"

    /// The add-on state.
    static func addon(_ addon: WebhooksAddon) -> JSON.Value {
        [
            "status": .string(addon.status.rawValue),
            "interval": .string(addon.interval?.rawValue),
            "priceCents": .int(addon.interval?.priceCents),
        ]
    }

    /// The plan limits.
    static func limits(_ limits: PlanLimits) -> JSON.Value { .object(limitMembers(limits)) }

    private static func limitMembers(_ limits: PlanLimits) -> [String: JSON.Value] {
        [
            "webhooksPerChatbot": .int(limits.webhooksPerChatbot),
            "maxRetries": .int(limits.maxRetries),
            "logRetentionDays": .int(limits.logRetentionDays),
        ]
    }

    /// The features `subscription` turns on: `["webhooks"]` or `[]`.
    static func features(_ subscription: Subscription) -> JSON.Value {
        subscription.hasWebhooksFeature ? [.string(Me.webhooksFeature)] : []
    }

    /// Plan, add-on, features and limits of `subscription`, as `me`, `billing` and the admin answers show them.
    static func subscription(_ subscription: Subscription) -> [String: JSON.Value] {
        [
            "plan": .string(subscription.plan.rawValue),
            "webhooksAddon": addon(subscription.webhooksAddon),
            "features": features(subscription),
            "limits": limits(subscription.limits),
        ]
    }

    /// The Webhooks add-on's price list.
    static var addonPrices: JSON.Value { [
        "name": "Webhooks add-on",
        "currency": .string(currency),
        "monthlyPriceCents": .int(WebhooksAddon.Interval.month.priceCents),
        "yearlyPriceCents": .int(WebhooksAddon.Interval.year.priceCents),
    ] }

    /// What every plan gives, from the one plan table.
    static var plans: JSON.Value {
        .array(Plan.allCases.map { plan in
            var entry = limitMembers(plan.limits)
            entry["plan"] = .string(plan.rawValue)
            entry["includesWebhooks"] = .bool(plan.limits.includesWebhooks)
            return .object(entry)
        })
    }

    /// What a tenant without the feature can buy: the 402 body's `upgrade` and the billing page's offer.
    static var upgradeOptions: JSON.Value { [
        "addon": ["name": "Webhooks add-on", "monthlyPriceCents": .int(WebhooksAddon.Interval.month.priceCents),
                  "yearlyPriceCents": .int(WebhooksAddon.Interval.year.priceCents)],
        "plan": "scale",
    ] }
}
