/// A tenant's subscription plan, as synced from the billing provider.
public enum Plan: String, Sendable, CaseIterable, Codable {
    case free
    case starter
    case pro
    case scale

    /// What this plan gives, from the one table in ``PlanLimits/table``.
    public var limits: PlanLimits { PlanLimits.for(self) }
}
