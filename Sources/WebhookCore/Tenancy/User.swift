public import Foundation

/// A person who logs in to the dashboard; belongs to exactly one tenant.
public struct User: Sendable, Equatable {
    /// The user's id.
    public let id: UUID
    /// The tenant the user belongs to.
    public let tenantId: UUID
    /// The login email, unique across all tenants (case-insensitively).
    public var email: String
    /// What the user may do.
    public var role: Role
    /// When the user was created.
    public let createdAt: Date

    /// Creates a user value.
    public init(id: UUID, tenantId: UUID, email: String, role: Role, createdAt: Date) {
        self.id = id
        self.tenantId = tenantId
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}
