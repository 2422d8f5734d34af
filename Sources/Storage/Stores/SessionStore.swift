public import Foundation
import Postgres
public import WebhookCore

/// Dashboard sessions, stored by the SHA-256 of their token only.
public struct SessionStore {
    let connection: PostgresConnection

    /// A session found by its token hash, with what authenticating it needs: the user's current role and the
    /// tenant's current billing state.
    public struct Lookup: Sendable {
        /// The session, whether or not it is still usable (the caller decides).
        public let session: Session
        /// The stored token hash, for a constant-time comparison by the caller.
        public let tokenHash: [UInt8]
        /// The user's role now; ``Role/admin`` for a portal session, which may write within its chatbot.
        public let role: Role
        /// For a portal session, its chatbot and theme.
        public let portal: PortalScope?
        /// The tenant's plan and add-on now.
        public let subscription: Subscription
    }

    private static let columns =
        "s.id, s.tenant_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.client_address, "
        + "s.chatbot_scope, s.portal_theme::text"

    /// Stores a new session of a user of `tenantId`; `lastSeenAt` starts at `createdAt`.
    public func create(tenantId: UUID, userId: UUID, tokenHash: [UInt8], createdAt: Date, expiresAt: Date,
                       clientAddress: String?) throws -> Session {
        let rows = try connection.query(
            """
            INSERT INTO sessions AS s (tenant_id, user_id, token_hash, created_at, last_seen_at, expires_at, client_address)
            VALUES ($1, $2, $3, $4, $4, $5, $6)
            RETURNING \(Self.columns)
            """,
            [tenantId, userId, tokenHash, createdAt, expiresAt, clientAddress])
        guard let row = rows.first else { throw StorageError.database("session insert returned no row") }
        return try Self.session(row)
    }

    /// Stores a new portal session of `tenantId`: no user, scoped to `scope`'s chatbot; `lastSeenAt` starts at
    /// `createdAt`.
    public func createPortal(tenantId: UUID, scope: PortalScope, tokenHash: [UInt8], createdAt: Date, expiresAt: Date,
                             clientAddress: String?) throws -> Session {
        let rows = try connection.query(
            """
            INSERT INTO sessions AS s (tenant_id, chatbot_scope, portal_theme, token_hash, created_at, last_seen_at,
                                       expires_at, client_address)
            VALUES ($1, $2, $3::jsonb, $4, $5, $5, $6, $7)
            RETURNING \(Self.columns)
            """,
            [tenantId, scope.chatbotId, try PortalThemeColumn.encode(scope.theme), tokenHash, createdAt, expiresAt,
             clientAddress])
        guard let row = rows.first else { throw StorageError.database("session insert returned no row") }
        return try Self.session(row)
    }

    /// The session whose token hashes to `tokenHash`, with its user's role and tenant's subscription, or `nil`.
    /// Revoked and expired sessions are returned too, so the caller can apply its policy in one place.
    public func find(tokenHash: [UInt8]) throws -> Lookup? {
        let rows = try connection.query(
            """
            SELECT \(Self.columns), s.token_hash, u.role, sub.plan, sub.webhooks_addon_status, sub.webhooks_addon_interval
            FROM sessions s
            LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
            JOIN subscriptions sub ON sub.tenant_id = s.tenant_id
            WHERE s.token_hash = $1 AND (u.id IS NOT NULL OR s.chatbot_scope IS NOT NULL)
            """,
            [tokenHash])
        guard let row = rows.first else { return nil }
        let portal = try Self.portal(row)
        let role: Role
        if portal != nil {
            role = .admin
        } else {
            let roleText: String = try row.decode(11)
            guard let found = Role(rawValue: roleText) else { throw StorageError.corrupt("role \(roleText)") }
            role = found
        }
        return Lookup(session: try Self.session(row), tokenHash: try row.decode(10), role: role, portal: portal,
                      subscription: try TenantStore.subscription(row, from: 12))
    }

    /// Moves `lastSeenAt` to `now` unless it was already set after `seenAfter` (so concurrent requests write once);
    /// returns whether it moved.
    @discardableResult
    public func touch(tenantId: UUID, id: UUID, now: Date, unlessSeenAfter seenAfter: Date) throws -> Bool {
        try connection.execute(
            "UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND id = $2 AND last_seen_at <= $4",
            [tenantId, id, now, seenAfter]) == 1
    }

    /// Revokes the unrevoked session whose token hashes to `tokenHash`; returns whether there was one.
    @discardableResult
    public func revoke(tokenHash: [UInt8], at now: Date) throws -> Bool {
        try connection.execute(
            "UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
            [tokenHash, now]) == 1
    }

    /// Revokes every unrevoked session of a user of `tenantId`; returns how many.
    @discardableResult
    public func revokeAll(tenantId: UUID, userId: UUID, at now: Date) throws -> Int {
        try connection.execute(
            "UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
            [tenantId, userId, now])
    }

    /// Deletes the sessions that can no longer authenticate: expired at `now`, idle since `idleBefore` or revoked.
    /// Returns how many.
    @discardableResult
    public func purge(now: Date, idleBefore: Date) throws -> Int {
        try connection.execute(
            "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 OR revoked_at IS NOT NULL",
            [now, idleBefore])
    }

    static func session(_ row: PostgresRow) throws -> Session {
        Session(id: try row.decode(0), tenantId: try row.decode(1), userId: try row.decode(2),
                createdAt: try row.decode(3), lastSeenAt: try row.decode(4), expiresAt: try row.decode(5),
                revokedAt: try row.decode(6), clientAddress: try row.decode(7))
    }

    /// The portal scope of a row of ``columns``, `nil` for a user's session.
    static func portal(_ row: PostgresRow) throws -> PortalScope? {
        let chatbotId: UUID? = try row.decode(8)
        guard let chatbotId else { return nil }
        let theme: String? = try row.decode(9)
        return PortalScope(chatbotId: chatbotId, theme: try PortalThemeColumn.decode(theme))
    }
}
