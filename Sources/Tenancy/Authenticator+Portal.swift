public import Foundation
import Cryptography
import Storage
public import WebhookCore

/// A portal link as made: the token goes into the link's URL, shown once; only its hash is stored.
public struct PortalLink: Sendable {
    /// `ptl_...`: the secret part of the link.
    public let token: String
    /// When the link stops working if unused.
    public let expiresAt: Date
}

/// A portal session opened from a link.
public struct PortalSession: Sendable {
    /// `sess_...`: sent by the page as `Authorization: Bearer`.
    public let token: String
    /// The session's absolute end.
    public let expiresAt: Date
    /// Its chatbot and theme.
    public let scope: PortalScope
}

extension Authenticator {
    /// How long a portal link works by default, unused.
    public static let defaultPortalLinkLifetime: TimeInterval = 10 * 60
    /// The shortest and longest lifetime a link may be asked for.
    public static let portalLinkLifetimes: ClosedRange<Int> = 60...3_600

    /// Makes a single-use link to the chatbot `chatbotId` of `tenantId`, working for `lifetime` seconds; `nil` when
    /// the tenant has no such chatbot (another tenant's included).
    public func createPortalLink(tenantId: UUID, chatbotId: UUID, theme: PortalTheme,
                                 lifetime: TimeInterval = defaultPortalLinkLifetime, now: Date = Date()) throws -> PortalLink? {
        let token = PortalToken.generate()
        let expiresAt = now.addingTimeInterval(lifetime)
        let created = try database.transaction { session -> Bool in
            guard try session.chatbots.find(tenantId: tenantId, id: chatbotId) != nil else { return false }
            try session.portalLinks.create(tenantId: tenantId, chatbotId: chatbotId, tokenHash: PortalToken.hash(token),
                                           theme: theme, createdAt: now, expiresAt: expiresAt)
            return true
        }
        return created ? PortalLink(token: token, expiresAt: expiresAt) : nil
    }

    /// Redeems the portal link `token` for a session scoped to its chatbot, lasting ``AuthPolicy/portalSessionLifetime``
    /// (and ending sooner when idle, as every session). `nil` when the token is malformed, unknown, expired or
    /// already used: a link opens one session, once.
    public func openPortalSession(linkToken token: String, clientAddress: String, now: Date = Date()) throws -> PortalSession? {
        guard PortalToken.isWellFormed(token) else { return nil }
        let hash = PortalToken.hash(token)
        let sessionToken = SessionToken.generate()
        let expiresAt = now.addingTimeInterval(policy.portalSessionLifetime)
        return try database.transaction { session -> PortalSession? in
            // The link is found by its hash (an index search); the comparison below is in constant time anyway.
            guard let link = try session.portalLinks.redeem(tokenHash: hash, now: now),
                  ConstantTime.equals(link.tokenHash, hash)
            else { return nil }
            _ = try session.sessions.createPortal(
                tenantId: link.tenantId, scope: link.scope, tokenHash: SessionToken.hash(sessionToken), createdAt: now,
                expiresAt: expiresAt, clientAddress: String(clientAddress.prefix(100)))
            return PortalSession(token: sessionToken, expiresAt: expiresAt, scope: link.scope)
        }
    }

    /// Deletes portal links that expired before `now`, used or not, for the periodic job; returns how many.
    @discardableResult
    public func purgeExpiredPortalLinks(now: Date = Date()) throws -> Int {
        try database.transaction { try $0.portalLinks.purge(expiredBefore: now) }
    }
}
