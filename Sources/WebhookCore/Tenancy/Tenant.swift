public import Foundation

/// An account: it owns users, chatbots and everything under them.
public struct Tenant: Sendable, Equatable {
    /// The tenant's id.
    public let id: UUID
    /// The display name.
    public var name: String
    /// The billing state.
    public var subscription: Subscription
    /// When the tenant was created.
    public let createdAt: Date

    /// Creates a tenant value.
    public init(id: UUID, name: String, subscription: Subscription, createdAt: Date) {
        self.id = id
        self.name = name
        self.subscription = subscription
        self.createdAt = createdAt
    }
}
