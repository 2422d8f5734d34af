import Cryptography
import Foundation
import Storage
import WebhookCore

/// A presented token, read as what it claims to be: a session token (`sess_...`) or an API key (`sk_...`), and
/// the SHA-256 it is stored under. Malformed tokens are refused here, so they cost no lookup.
struct Credential {
    private enum Kind {
        case session
        case apiKey
    }

    private let kind: Kind
    /// The SHA-256 of the whole token.
    let hash: [UInt8]

    /// The credential `token` claims to be, or `nil` when it has the shape of neither.
    init?(token: String) {
        if token.hasPrefix(APIKeyGenerator.prefix) {
            guard APIKeyGenerator.isWellFormed(token) else { return nil }
            kind = .apiKey
            hash = APIKeyGenerator.hash(token)
        } else {
            guard SessionToken.isWellFormed(token) else { return nil }
            kind = .session
            hash = SessionToken.hash(token)
        }
    }

    /// Where the read cache keeps what is stored for it.
    var cacheKey: ReadCache.Key {
        switch kind {
        case .session: .session(tokenHash: hash)
        case .apiKey: .apiKey(keyHash: hash)
        }
    }

    /// What is stored for it, or `nil` when nothing is (an unknown token, a revoked key).
    ///
    /// Looking the row up by the hash (an index search, not constant-time) is safe: the token has 256 bits of
    /// entropy, so timing can reveal at most how much of a SHA-256 of a guess matches a stored one, which does not
    /// help find a valid token. ``StoredCredential/authenticates(_:at:policy:)`` compares in constant time anyway.
    func load(_ session: DatabaseSession) throws -> StoredCredential? {
        switch kind {
        case .session: try session.sessions.find(tokenHash: hash).map(StoredCredential.init)
        case .apiKey: try session.apiKeys.lookup(keyHash: hash).map(StoredCredential.init)
        }
    }
}

/// What the database holds for a credential, as the read cache keeps it: the caller it stands for, and what decides
/// whether it still authenticates and when its last-seen time is next written.
struct StoredCredential: Sendable {
    /// The caller, with the role and billing state read with it.
    let context: AuthContext
    private let storedHash: [UInt8]
    /// A session's `lastSeenAt` or a key's `lastUsedAt`.
    private let lastSeen: Date?
    /// The session, whose expiry, idle time and revocation decide; `nil` for an API key (a revoked one is not found).
    private let session: Session?

    init(_ found: SessionStore.Lookup) {
        context = AuthContext(tenantId: found.session.tenantId, userId: found.session.userId, apiKeyId: nil,
                              sessionId: found.session.id, role: found.role, subscription: found.subscription,
                              method: .session, portal: found.portal)
        storedHash = found.tokenHash
        lastSeen = found.session.lastSeenAt
        session = found.session
    }

    /// Keys act as admins of their tenant.
    init(_ found: APIKeyStore.Lookup) {
        context = AuthContext(tenantId: found.apiKey.tenantId, userId: nil, apiKeyId: found.apiKey.id, sessionId: nil,
                              role: .admin, subscription: found.subscription, method: .apiKey)
        storedHash = found.keyHash
        lastSeen = found.apiKey.lastUsedAt
        session = nil
    }

    /// Whether `credential` is the one stored and still authenticates at `now`.
    func authenticates(_ credential: Credential, at now: Date, policy: AuthPolicy) -> Bool {
        guard ConstantTime.equals(storedHash, credential.hash) else { return false }
        return session?.isUsable(at: now, idleTimeout: policy.sessionIdleTimeout) ?? true
    }

    /// Whether its last-seen time is older than ``AuthPolicy/lastSeenGranularity`` at `now`, so it is written.
    func isDueForTouch(at now: Date, policy: AuthPolicy) -> Bool {
        (lastSeen ?? .distantPast) <= now.addingTimeInterval(-policy.lastSeenGranularity)
    }

    /// Writes its last-seen time, unless a concurrent request just did.
    func touch(in database: DatabaseSession, at now: Date, policy: AuthPolicy) throws {
        let seenAfter = now.addingTimeInterval(-policy.lastSeenGranularity)
        if let session {
            try database.sessions.touch(tenantId: session.tenantId, id: session.id, now: now, unlessSeenAfter: seenAfter)
        } else if let apiKeyId = context.apiKeyId {
            try database.apiKeys.touch(tenantId: context.tenantId, id: apiKeyId, now: now, unlessUsedAfter: seenAfter)
        }
    }
}
