/// What `GET /api/v1/auth/me` shows: who is calling, their tenant, and what its billing gives.
public struct Me: Sendable, Equatable {
    /// The name of the one feature this service gates.
    public static let webhooksFeature = "webhooks"

    /// The logged-in user; `nil` when the caller is an API key.
    public let user: User?
    /// The caller's role (an API key acts as ``Role/admin``).
    public let role: Role
    /// How the caller authenticated.
    public let method: AuthMethod
    /// The tenant, with its billing state.
    public let tenant: Tenant
    /// For a portal session, its chatbot and theme.
    public let portal: PortalScope?

    /// Creates the view of a caller.
    public init(user: User?, role: Role, method: AuthMethod, tenant: Tenant, portal: PortalScope? = nil) {
        self.user = user
        self.role = role
        self.method = method
        self.tenant = tenant
        self.portal = portal
    }

    /// The tenant's plan.
    public var plan: Plan { tenant.subscription.plan }
    /// The tenant's Webhooks add-on.
    public var webhooksAddon: WebhooksAddon { tenant.subscription.webhooksAddon }
    /// The features that are on: `["webhooks"]` when the plan is Scale or the add-on is active, else `[]`.
    public var features: [String] { tenant.subscription.hasWebhooksFeature ? [Self.webhooksFeature] : [] }
    /// The limits of the tenant's plan.
    public var limits: PlanLimits { tenant.subscription.limits }
}
