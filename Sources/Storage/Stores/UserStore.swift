public import Foundation
import Postgres
public import WebhookCore

/// Dashboard users.
public struct UserStore {
    let connection: PostgresConnection

    /// A user together with the stored password hash, for login.
    public struct Credentials: Sendable {
        /// The user.
        public let user: User
        /// The encoded password hash.
        public let passwordHash: String
    }

    /// Creates a user; an email already in use throws ``StorageError/conflict(constraint:)``.
    public func create(tenantId: UUID, email: String, passwordHash: String, role: Role) throws -> User {
        let rows = try connection.query(
            """
            INSERT INTO users (tenant_id, email, password_hash, role) VALUES ($1, $2, $3, $4)
            RETURNING id, tenant_id, email, role, created_at
            """,
            [tenantId, email, passwordHash, role.rawValue])
        guard let row = rows.first else { throw StorageError.database("user insert returned no row") }
        return try Self.user(row)
    }

    /// The user with this email (case-insensitive) and its password hash, or `nil`.
    public func credentials(email: String) throws -> Credentials? {
        let rows = try connection.query(
            "SELECT id, tenant_id, email, role, created_at, password_hash FROM users WHERE lower(email) = lower($1)",
            [email])
        guard let row = rows.first else { return nil }
        return Credentials(user: try Self.user(row), passwordHash: try row.decode(5))
    }

    /// The tenant's user with `id`, or `nil` (also when the user belongs to another tenant).
    public func find(tenantId: UUID, id: UUID) throws -> User? {
        try connection.query(
            "SELECT id, tenant_id, email, role, created_at FROM users WHERE tenant_id = $1 AND id = $2",
            [tenantId, id]).first.map(Self.user)
    }

    /// Replaces a user's password hash.
    public func setPasswordHash(userId: UUID, _ passwordHash: String) throws {
        _ = try connection.execute("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1",
                                   [userId, passwordHash])
    }

    static func user(_ row: PostgresRow) throws -> User {
        let roleText: String = try row.decode(3)
        guard let role = Role(rawValue: roleText) else { throw StorageError.corrupt("role \(roleText)") }
        return User(id: try row.decode(0), tenantId: try row.decode(1), email: try row.decode(2), role: role,
                    createdAt: try row.decode(4))
    }
}
