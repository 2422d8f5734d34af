public import Foundation
import Postgres
public import WebhookCore

/// Test inboxes and the requests they received. Every read and write of a tenant's inbox is filtered by its
/// tenant; a request is stored through the inbox's token hash alone (the URL is the capability).
public struct InboxStore {
    let connection: PostgresConnection

    private static let columns = """
        i.id, i.tenant_id, i.name, i.token_sealed, i.created_at, i.expires_at,
        (SELECT count(*) FROM inbox_requests r WHERE r.inbox_id = i.id)::int8
        """
    private static let requestColumns = """
        r.id, r.sequence, r.received_at, r.method, r.path, r.query, r.header_names, r.header_values, r.body, r.size,
        r.truncated
        """

    /// Creates an inbox unless the tenant already holds `limit` live ones (then `nil`). Call it inside a
    /// transaction: the count and the insert are serialised per tenant by an advisory lock.
    public func create(id: UUID, tenantId: UUID, name: String, tokenHash: [UInt8], sealedToken: [UInt8],
                       lifetimeSeconds: Int, limit: Int) throws -> Inbox? {
        _ = try connection.query("SELECT pg_advisory_xact_lock(hashtextextended('inboxes:' || $1::text, 0))", [tenantId])
        let rows = try connection.query(
            """
            INSERT INTO inboxes AS i (id, tenant_id, name, token_hash, token_sealed, expires_at)
            SELECT $1, $2, $3, $4, $5, now() + make_interval(secs => $6::int)
            WHERE (SELECT count(*) FROM inboxes WHERE tenant_id = $2 AND expires_at > now()) < $7
            RETURNING \(Self.columns)
            """,
            [id, tenantId, name, tokenHash, sealedToken, lifetimeSeconds, limit])
        return try rows.first.map(Self.inbox)
    }

    /// The tenant's live inboxes, oldest first.
    public func list(tenantId: UUID) throws -> [Inbox] {
        try connection.query(
            """
            SELECT \(Self.columns) FROM inboxes i
            WHERE i.tenant_id = $1 AND i.expires_at > now() ORDER BY i.created_at, i.id
            """,
            [tenantId]).map(Self.inbox)
    }

    /// The tenant's live inbox `id`, or `nil` (also for another tenant's).
    public func find(tenantId: UUID, id: UUID) throws -> Inbox? {
        try connection.query(
            "SELECT \(Self.columns) FROM inboxes i WHERE i.tenant_id = $1 AND i.id = $2 AND i.expires_at > now()",
            [tenantId, id]).first.map(Self.inbox)
    }

    /// Deletes the tenant's inbox `id` with its requests; `false` when there is none.
    public func delete(tenantId: UUID, id: UUID) throws -> Bool {
        try connection.execute("DELETE FROM inboxes WHERE tenant_id = $1 AND id = $2 AND expires_at > now()",
                               [tenantId, id]) == 1
    }

    /// Stores a request for the live inbox whose token hashes to `tokenHash` and drops its requests beyond the
    /// newest `keep`; returns the new request's id, or `nil` when no live inbox has that token. Call it inside a
    /// transaction.
    public func receive(tokenHash: [UInt8], method: String, path: String, query: String?,
                        headers: [(name: String, value: String)], body: [UInt8], size: Int, truncated: Bool,
                        keep: Int) throws -> UUID? {
        let rows = try connection.query(
            """
            INSERT INTO inbox_requests (tenant_id, inbox_id, method, path, query, header_names, header_values, body,
                                        size, truncated)
            SELECT i.tenant_id, i.id, $2, $3, $4, $5, $6, $7, $8, $9 FROM inboxes i
            WHERE i.token_hash = $1 AND i.expires_at > now()
            RETURNING id, inbox_id
            """,
            [tokenHash, method.storedText(maxBytes: 32), path.storedText(maxBytes: InboxLimits.targetBytes),
             query?.storedText(maxBytes: InboxLimits.targetBytes), headers.map { $0.name.storedText(maxBytes: 256) },
             headers.map { $0.value.storedText(maxBytes: InboxLimits.headerValueBytes) }, body, size, truncated])
        guard let row = rows.first else { return nil }
        let id: UUID = try row.decode(0)
        let inboxId: UUID = try row.decode(1)
        try connection.execute(
            """
            DELETE FROM inbox_requests WHERE inbox_id = $1 AND sequence <= (
                SELECT sequence FROM inbox_requests WHERE inbox_id = $1 ORDER BY sequence DESC OFFSET $2 LIMIT 1)
            """,
            [inboxId, keep])
        return id
    }

    /// The newest `limit` requests of the tenant's inbox `inboxId` received after the sequence number `after`
    /// (all kept ones without it), newest first.
    public func requests(tenantId: UUID, inboxId: UUID, after: Int64?, limit: Int) throws -> [InboxRequest] {
        try connection.query(
            """
            SELECT \(Self.requestColumns) FROM inbox_requests r
            WHERE r.tenant_id = $1 AND r.inbox_id = $2 AND r.sequence > $3
            ORDER BY r.sequence DESC LIMIT $4
            """,
            [tenantId, inboxId, after ?? 0, limit]).map(Self.request)
    }

    /// The tenant's request `id` of inbox `inboxId`, or `nil`.
    public func request(tenantId: UUID, inboxId: UUID, id: UUID) throws -> InboxRequest? {
        try connection.query(
            """
            SELECT \(Self.requestColumns) FROM inbox_requests r
            WHERE r.tenant_id = $1 AND r.inbox_id = $2 AND r.id = $3
            """,
            [tenantId, inboxId, id]).first.map(Self.request)
    }

    /// Deletes inboxes (and their requests) that expired before `now`, in batches of `batchSize`; returns how many.
    @discardableResult
    public func purgeExpired(now: Date, batchSize: Int = 1_000) throws -> Int {
        var deleted = 0
        while true {
            let count = try connection.execute(
                """
                DELETE FROM inboxes i USING (
                    SELECT id FROM inboxes WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED
                ) doomed WHERE i.id = doomed.id
                """,
                [now, max(1, batchSize)])
            deleted += count
            if count < max(1, batchSize) { return deleted }
        }
    }

    static func inbox(_ row: PostgresRow) throws -> Inbox {
        Inbox(id: try row.decode(0), tenantId: try row.decode(1), name: try row.decode(2), sealedToken: try row.decode(3),
              createdAt: try row.decode(4), expiresAt: try row.decode(5), requestCount: try row.decode(6))
    }

    static func request(_ row: PostgresRow) throws -> InboxRequest {
        let names: [String] = try row.decode(6)
        let values: [String] = try row.decode(7)
        let size: Int = try row.decode(9)
        return InboxRequest(id: try row.decode(0), sequence: try row.decode(1), receivedAt: try row.decode(2),
                            method: try row.decode(3), path: try row.decode(4), query: try row.decode(5),
                            headers: zip(names, values).map { (name: $0, value: $1) }, body: try row.decode(8),
                            size: size, truncated: try row.decode(10))
    }
}
