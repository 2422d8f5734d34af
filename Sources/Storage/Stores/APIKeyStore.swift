public import Foundation
import Postgres
public import WebhookCore

/// API keys, stored as SHA-256 hashes only.
public struct APIKeyStore {
    let connection: PostgresConnection

    /// Stores a new key's hash; the caller generated the key and shows it once.
    public func create(tenantId: UUID, name: String, prefix: String, keyHash: [UInt8]) throws -> APIKey {
        let rows = try connection.query(
            """
            INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash) VALUES ($1, $2, $3, $4)
            RETURNING id, tenant_id, name, key_prefix, created_at, revoked_at
            """,
            [tenantId, name, prefix, keyHash])
        guard let row = rows.first else { throw StorageError.database("api key insert returned no row") }
        return try Self.apiKey(row)
    }

    /// The unrevoked key with this hash, or `nil`.
    public func find(keyHash: [UInt8]) throws -> APIKey? {
        try connection.query(
            """
            SELECT id, tenant_id, name, key_prefix, created_at, revoked_at FROM api_keys
            WHERE key_hash = $1 AND revoked_at IS NULL
            """,
            [keyHash]).first.map(Self.apiKey)
    }

    static func apiKey(_ row: PostgresRow) throws -> APIKey {
        APIKey(id: try row.decode(0), tenantId: try row.decode(1), name: try row.decode(2), prefix: try row.decode(3),
               createdAt: try row.decode(4), revokedAt: try row.decode(5))
    }
}
