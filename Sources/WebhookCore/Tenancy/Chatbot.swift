public import Foundation

/// A chatbot of a tenant (the "website" of some seeds); webhooks hang off it.
public struct Chatbot: Sendable, Equatable {
    /// The chatbot's id.
    public let id: UUID
    /// The owning tenant.
    public let tenantId: UUID
    /// The display name.
    public var name: String
    /// When it was created.
    public let createdAt: Date

    /// Creates a chatbot value.
    public init(id: UUID, tenantId: UUID, name: String, createdAt: Date) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.createdAt = createdAt
    }
}
