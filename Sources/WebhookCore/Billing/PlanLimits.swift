/// What a plan gives a tenant. Every per-plan number in the product is read from ``table``, nowhere else.
public struct PlanLimits: Sendable, Equatable {
    /// Whether the plan itself includes the `webhooks` feature (without the add-on).
    public let includesWebhooks: Bool
    /// How many webhooks one chatbot may have.
    public let webhooksPerChatbot: Int
    /// The highest `maxRetries` a webhook may ask for.
    public let maxRetries: Int
    /// How many days delivery logs are kept.
    public let logRetentionDays: Int

    /// The one table of plan limits. Plans without the feature still get limits: they apply once the
    /// Webhooks add-on is bought.
    public static let table: [Plan: PlanLimits] = [
        .free: PlanLimits(includesWebhooks: false, webhooksPerChatbot: 5, maxRetries: 3, logRetentionDays: 3),
        .starter: PlanLimits(includesWebhooks: false, webhooksPerChatbot: 10, maxRetries: 5, logRetentionDays: 7),
        .pro: PlanLimits(includesWebhooks: false, webhooksPerChatbot: 20, maxRetries: 8, logRetentionDays: 14),
        .scale: PlanLimits(includesWebhooks: true, webhooksPerChatbot: 100, maxRetries: 10, logRetentionDays: 30),
    ]

    /// The limits of `plan`.
    public static func `for`(_ plan: Plan) -> PlanLimits {
        // The table is total over `Plan`; the fallback only satisfies the type checker.
        table[plan] ?? PlanLimits(includesWebhooks: false, webhooksPerChatbot: 0, maxRetries: 0, logRetentionDays: 1)
    }
}
