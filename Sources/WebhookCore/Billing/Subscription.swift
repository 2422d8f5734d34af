/// A tenant's billing state: its plan and the Webhooks add-on.
public struct Subscription: Sendable, Equatable {
    /// The plan.
    public var plan: Plan
    /// The Webhooks add-on.
    public var webhooksAddon: WebhooksAddon

    /// Creates a billing state.
    public init(plan: Plan, webhooksAddon: WebhooksAddon = WebhooksAddon(status: .none, interval: nil)) {
        self.plan = plan
        self.webhooksAddon = webhooksAddon
    }

    /// The `webhooks` feature is on exactly when the plan is Scale or the add-on is active.
    public var hasWebhooksFeature: Bool { plan.limits.includesWebhooks || webhooksAddon.isActive }

    /// The limits in force.
    public var limits: PlanLimits { plan.limits }
}
