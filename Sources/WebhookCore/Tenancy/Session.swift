public import Foundation

/// A dashboard login. Only the SHA-256 of its token is stored; the token itself is shown once, at login.
public struct Session: Sendable, Equatable {
    /// The session's id.
    public let id: UUID
    /// The tenant of the user.
    public let tenantId: UUID
    /// The logged-in user; `nil` for a portal session, which belongs to no user.
    public let userId: UUID?
    /// When the user logged in.
    public let createdAt: Date
    /// When the session was last used (refreshed at most once a minute).
    public var lastSeenAt: Date
    /// The absolute end of the session, however active it is.
    public let expiresAt: Date
    /// When the session was logged out, if it was.
    public var revokedAt: Date?
    /// The client address that logged in, for the user's own review.
    public let clientAddress: String?

    /// Creates a session value.
    public init(id: UUID, tenantId: UUID, userId: UUID?, createdAt: Date, lastSeenAt: Date, expiresAt: Date,
                revokedAt: Date?, clientAddress: String?) {
        self.id = id
        self.tenantId = tenantId
        self.userId = userId
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.clientAddress = clientAddress
    }

    /// Whether the session still authenticates at `now`: not revoked, before its absolute expiry, and used within
    /// `idleTimeout` seconds.
    public func isUsable(at now: Date, idleTimeout: TimeInterval) -> Bool {
        revokedAt == nil && now < expiresAt && now.timeIntervalSince(lastSeenAt) < idleTimeout
    }
}
