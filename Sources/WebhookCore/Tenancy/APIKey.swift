public import Foundation

/// A server-to-server credential of a tenant (`sk_...`). Only its hash is stored; the key itself is shown once.
public struct APIKey: Sendable, Equatable {
    /// The key's id.
    public let id: UUID
    /// The owning tenant.
    public let tenantId: UUID
    /// A label.
    public var name: String
    /// The first characters of the key, to tell keys apart.
    public let prefix: String
    /// When it was created.
    public let createdAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?
    /// When it last authenticated a request (refreshed at most once a minute), if ever.
    public var lastUsedAt: Date?

    /// Creates an API key value.
    public init(id: UUID, tenantId: UUID, name: String, prefix: String, createdAt: Date, revokedAt: Date?,
                lastUsedAt: Date? = nil) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}
