public import Foundation
import Postgres
public import WebhookCore

/// Chatbots, always scoped by tenant.
public struct ChatbotStore {
    let connection: PostgresConnection

    /// Creates a chatbot for the tenant.
    public func create(tenantId: UUID, name: String) throws -> Chatbot {
        let rows = try connection.query(
            "INSERT INTO chatbots (tenant_id, name) VALUES ($1, $2) RETURNING id, tenant_id, name, created_at",
            [tenantId, name])
        guard let row = rows.first else { throw StorageError.database("chatbot insert returned no row") }
        return try Self.chatbot(row)
    }

    /// The tenant's chatbots, oldest first.
    public func list(tenantId: UUID) throws -> [Chatbot] {
        try connection.query(
            "SELECT id, tenant_id, name, created_at FROM chatbots WHERE tenant_id = $1 ORDER BY created_at, id",
            [tenantId]).map(Self.chatbot)
    }

    /// The tenant's chatbot with `id`, or `nil` (also when it belongs to another tenant).
    public func find(tenantId: UUID, id: UUID) throws -> Chatbot? {
        try connection.query(
            "SELECT id, tenant_id, name, created_at FROM chatbots WHERE tenant_id = $1 AND id = $2",
            [tenantId, id]).first.map(Self.chatbot)
    }

    static func chatbot(_ row: PostgresRow) throws -> Chatbot {
        Chatbot(id: try row.decode(0), tenantId: try row.decode(1), name: try row.decode(2), createdAt: try row.decode(3))
    }
}
