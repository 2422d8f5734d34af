public import Foundation
import Postgres
public import WebhookCore

/// API keys, stored as SHA-256 hashes only.
public struct APIKeyStore {
    let connection: PostgresConnection

    /// An unrevoked key found by its hash, with what authenticating it needs.
    public struct Lookup: Sendable {
        /// The key.
        public let apiKey: APIKey
        /// The stored key hash, for a constant-time comparison by the caller.
        public let keyHash: [UInt8]
        /// The tenant's plan and add-on now.
        public let subscription: Subscription
    }

    private static let columns = "k.id, k.tenant_id, k.name, k.key_prefix, k.created_at, k.revoked_at, k.last_used_at"

    /// Stores a new key's hash; the caller generated the key and shows it once.
    public func create(tenantId: UUID, name: String, prefix: String, keyHash: [UInt8]) throws -> APIKey {
        let rows = try connection.query(
            """
            INSERT INTO api_keys AS k (tenant_id, name, key_prefix, key_hash) VALUES ($1, $2, $3, $4)
            RETURNING \(Self.columns)
            """,
            [tenantId, name, prefix, keyHash])
        guard let row = rows.first else { throw StorageError.database("api key insert returned no row") }
        return try Self.apiKey(row)
    }

    /// The unrevoked key with this hash, or `nil`.
    public func find(keyHash: [UInt8]) throws -> APIKey? {
        try connection.query(
            "SELECT \(Self.columns) FROM api_keys k WHERE k.key_hash = $1 AND k.revoked_at IS NULL",
            [keyHash]).first.map(Self.apiKey)
    }

    /// The unrevoked key with this hash together with its tenant's subscription, or `nil`.
    public func lookup(keyHash: [UInt8]) throws -> Lookup? {
        let rows = try connection.query(
            """
            SELECT \(Self.columns), k.key_hash, sub.plan, sub.webhooks_addon_status, sub.webhooks_addon_interval
            FROM api_keys k JOIN subscriptions sub ON sub.tenant_id = k.tenant_id
            WHERE k.key_hash = $1 AND k.revoked_at IS NULL
            """,
            [keyHash])
        guard let row = rows.first else { return nil }
        return Lookup(apiKey: try Self.apiKey(row), keyHash: try row.decode(7),
                      subscription: try TenantStore.subscription(row, from: 8))
    }

    /// The tenant's keys, revoked ones included, newest first.
    public func list(tenantId: UUID) throws -> [APIKey] {
        try connection.query(
            "SELECT \(Self.columns) FROM api_keys k WHERE k.tenant_id = $1 ORDER BY k.created_at DESC, k.id",
            [tenantId]).map(Self.apiKey)
    }

    /// Revokes the tenant's unrevoked key `id`; returns `false` when there is none (also when `id` is another
    /// tenant's key or already revoked).
    public func revoke(tenantId: UUID, id: UUID, at now: Date) throws -> Bool {
        try connection.execute(
            "UPDATE api_keys SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL",
            [tenantId, id, now]) == 1
    }

    /// Sets `lastUsedAt` to `now` unless it was already set after `usedAfter` (so concurrent requests write once);
    /// returns whether it moved.
    @discardableResult
    public func touch(tenantId: UUID, id: UUID, now: Date, unlessUsedAfter usedAfter: Date) throws -> Bool {
        try connection.execute(
            """
            UPDATE api_keys SET last_used_at = $3
            WHERE tenant_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at <= $4)
            """,
            [tenantId, id, now, usedAfter]) == 1
    }

    static func apiKey(_ row: PostgresRow) throws -> APIKey {
        APIKey(id: try row.decode(0), tenantId: try row.decode(1), name: try row.decode(2), prefix: try row.decode(3),
               createdAt: try row.decode(4), revokedAt: try row.decode(5), lastUsedAt: try row.decode(6))
    }
}
