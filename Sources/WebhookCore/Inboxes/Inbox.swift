public import Foundation

/// A tenant's test inbox: a URL (`/inbox/<token>`) that stores what is posted to it, for the dashboard to show.
public struct Inbox: Sendable, Equatable {
    /// The inbox's id.
    public let id: UUID
    /// The owning tenant.
    public let tenantId: UUID
    /// A name for people.
    public let name: String
    /// The token in its URL, sealed with ``SecretCipher`` for the associated data ``sealingLabel``.
    public let sealedToken: [UInt8]
    /// When it was made.
    public let createdAt: Date
    /// When it stops receiving and is deleted.
    public let expiresAt: Date
    /// How many requests it keeps now.
    public let requestCount: Int

    /// Creates an inbox value.
    public init(id: UUID, tenantId: UUID, name: String, sealedToken: [UInt8], createdAt: Date, expiresAt: Date, requestCount: Int) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.sealedToken = sealedToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.requestCount = requestCount
    }

    /// The associated data the token of inbox `id` is sealed for, apart from every webhook's.
    public static func sealingLabel(_ id: UUID) -> String {
        "inbox:" + id.uuidString.lowercased()
    }
}
