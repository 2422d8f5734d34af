public import Foundation
public import WebhookCore

/// What a successful login gives: who logged in and the new session's token, which is never visible again.
public struct LoginResult: Sendable {
    /// The user.
    public let user: User
    /// The user's tenant, with its subscription.
    public let tenant: Tenant
    /// The user's role.
    public var role: Role { user.role }
    /// The new session's id.
    public let sessionId: UUID
    /// The session token (`sess_...`), for the cookie or a bearer header; only its SHA-256 is stored.
    public let token: String
    /// The session's absolute expiry (it also ends after the idle timeout).
    public let expiresAt: Date
}

extension LoginResult: CustomStringConvertible, CustomDebugStringConvertible {
    /// A description for logs, with the token left out.
    public var description: String {
        "LoginResult(user: \(user.id), tenant: \(tenant.id), role: \(role.rawValue), session: \(sessionId), token: <redacted>)"
    }

    /// The same as ``description``: the token stays out of debug output too.
    public var debugDescription: String { description }
}
