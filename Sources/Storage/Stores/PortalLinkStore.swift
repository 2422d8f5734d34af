public import Foundation
import Postgres
public import WebhookCore

/// Portal links, stored by the SHA-256 of their token only. A link is redeemed once: ``redeem(tokenHash:now:)``
/// marks it used in the same statement that finds it.
public struct PortalLinkStore {
    let connection: PostgresConnection

    /// A redeemed link: what the session it opens is scoped to.
    public struct Redeemed: Sendable {
        /// The tenant of the chatbot.
        public let tenantId: UUID
        /// The chatbot and the link's theme.
        public let scope: PortalScope
        /// The stored token hash, for a constant-time comparison by the caller.
        public let tokenHash: [UInt8]
    }

    /// Stores a new link to the chatbot `chatbotId` of `tenantId`. The caller has checked the chatbot is the
    /// tenant's; the foreign key refuses any other.
    public func create(tenantId: UUID, chatbotId: UUID, tokenHash: [UInt8], theme: PortalTheme, createdAt: Date,
                       expiresAt: Date) throws {
        _ = try connection.execute(
            """
            INSERT INTO portal_links (tenant_id, chatbot_id, token_hash, theme, created_at, expires_at)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6)
            """,
            [tenantId, chatbotId, tokenHash, try PortalThemeColumn.encode(theme), createdAt, expiresAt])
    }

    /// Marks the unused, unexpired link whose token hashes to `tokenHash` used at `now` and returns it; `nil` when
    /// there is none (unknown, expired, or already used: a second redemption, even a concurrent one, finds nothing).
    public func redeem(tokenHash: [UInt8], now: Date) throws -> Redeemed? {
        let rows = try connection.query(
            """
            UPDATE portal_links SET used_at = $2
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING tenant_id, chatbot_id, theme::text, token_hash
            """,
            [tokenHash, now])
        guard let row = rows.first else { return nil }
        let theme: String? = try row.decode(2)
        return Redeemed(tenantId: try row.decode(0),
                        scope: PortalScope(chatbotId: try row.decode(1), theme: try PortalThemeColumn.decode(theme)),
                        tokenHash: try row.decode(3))
    }

    /// Deletes the links that expired before `now` (used or not); returns how many.
    @discardableResult
    public func purge(expiredBefore now: Date) throws -> Int {
        try connection.execute("DELETE FROM portal_links WHERE expires_at <= $1", [now])
    }
}
