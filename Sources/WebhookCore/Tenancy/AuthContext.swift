public import Foundation

/// Who is calling, once a session token or an API key has been checked: the tenant every query of the request is
/// scoped to, the caller's role and the tenant's billing state as they stand now.
public struct AuthContext: Sendable, Equatable {
    /// The tenant the request acts for; every read and write of the request is scoped to it.
    public let tenantId: UUID
    /// The logged-in user, for ``AuthMethod/session``; `nil` for API keys.
    public let userId: UUID?
    /// The API key used, for ``AuthMethod/apiKey``; `nil` for sessions.
    public let apiKeyId: UUID?
    /// The session used, for ``AuthMethod/session``; `nil` for API keys.
    public let sessionId: UUID?
    /// What the caller may do: the user's current role for a session, ``Role/admin`` for an API key.
    public let role: Role
    /// The tenant's plan and add-on, read when the request was authenticated.
    public let subscription: Subscription
    /// How the caller authenticated.
    public let method: AuthMethod
    /// For a portal session (opened from a portal link), the one chatbot it may reach; `nil` for every other caller.
    public let portal: PortalScope?

    /// Creates an authentication context.
    public init(tenantId: UUID, userId: UUID?, apiKeyId: UUID?, sessionId: UUID?, role: Role,
                subscription: Subscription, method: AuthMethod, portal: PortalScope? = nil) {
        self.tenantId = tenantId
        self.userId = userId
        self.apiKeyId = apiKeyId
        self.sessionId = sessionId
        self.role = role
        self.subscription = subscription
        self.method = method
        self.portal = portal
    }

    /// Whether the caller may create, change or delete webhooks (owners and admins, and API keys).
    public var canWrite: Bool { role.canWrite }
}
