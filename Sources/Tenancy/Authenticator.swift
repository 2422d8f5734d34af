public import Foundation
import Cryptography
public import Storage
public import WebhookCore

/// Who is calling: dashboard logins and sessions, API keys, and the `me` view of a caller.
///
/// Synchronous, for worker threads. Secrets are never stored: session tokens and API keys are kept as SHA-256
/// hashes, passwords as scrypt hashes. Timestamps come from the `now` arguments, so tests can move the clock.
///
/// Logins are rate-limited per account from one client address, per client address and per account, with counters
/// in PostgreSQL (shared by every server process; see ``AuthPolicy``), checked before any password work, and the
/// password KDF runs behind a ``KDFGate`` so a flood of logins cannot take every core.
public struct Authenticator: Sendable {
    let database: Database
    /// The lifetimes and limits in force.
    public let policy: AuthPolicy
    private let kdfGate: KDFGate

    /// Creates the authenticator over `database`; `kdfGate` is process-wide by default.
    public init(database: Database, policy: AuthPolicy = .standard, kdfGate: KDFGate = .shared) {
        self.database = database
        self.policy = policy
        self.kdfGate = kdfGate
    }

    // MARK: Sessions

    /// Checks an email and password and opens a session.
    ///
    /// The email is matched case-insensitively. An unknown email and a wrong password both throw
    /// ``TenancyError/invalidCredentials`` after the same work (a real or a dummy scrypt verification, the same
    /// queries), and both count as a failure for the account, for `clientAddress`, and for the account from
    /// `clientAddress`.
    ///
    /// The lock is per account *and* address, so someone else's guesses never lock an owner out from their own
    /// address; the account-wide count only tightens the limit while the account is under attack (see
    /// ``AuthPolicy``).
    ///
    /// - Throws: ``TenancyError/rateLimited(retryAfter:)`` when a limit of ``AuthPolicy`` is reached in the current
    ///   window (before the password is looked at, so even the right one is refused) or when the process is busy
    ///   with other logins; ``TenancyError/invalidCredentials``; ``StorageError``.
    public func login(email: String, password: String, clientAddress: String, now: Date = Date()) throws -> LoginResult {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let buckets = LoginThrottleBucket(normalizedEmail: email, clientAddress: clientAddress)
        // Cheap check first, so a flood that is already limited does not even queue for the KDF.
        try checkThrottle(buckets: buckets, now: now)
        // No stored email or password can have these sizes, nor an email a control character (see CredentialRules);
        // refusing them needs no lookup, so it tells nothing about which accounts exist.
        guard (3...254).contains(email.utf8.count), !ControlCharacters.occur(in: email),
              (1...1024).contains(password.utf8.count)
        else {
            throw TenancyError.invalidCredentials
        }
        return try kdfGate.withPermit {
            // Checked again holding a KDF turn: failures recorded by logins that ran meanwhile (in this or another
            // process) count, so concurrent guesses can overshoot a limit only by the number of KDF turns running
            // at once across the processes (one or two per process), not by the number of requests in flight.
            try checkThrottle(buckets: buckets, now: now)
            let credentials = try database.read { try $0.users.credentials(email: email) }
            let verified: Bool
            if let credentials {
                verified = PasswordHasher.verify(password: password, against: credentials.passwordHash)
            } else {
                PasswordHasher.verifyDummy(password: password)
                verified = false
            }
            guard verified, let credentials else {
                _ = try database.transaction { session in
                    try session.loginThrottle.recordFailure(buckets: buckets.all, now: now,
                                                            windowStartedBy: now.addingTimeInterval(-policy.throttleWindow))
                }
                throw TenancyError.invalidCredentials
            }
            return try openSession(for: credentials.user, buckets: buckets, clientAddress: clientAddress, now: now)
        }
    }

    /// The caller presenting `token`: a session token (`sess_...`) or an API key (`sk_...`). `nil` when the token
    /// is malformed or unknown, when the key is revoked, and when the session is revoked, past its absolute expiry
    /// or idle for longer than the idle timeout. Refreshes the session's `last_seen_at` or the key's
    /// `last_used_at`, at most once per ``AuthPolicy/lastSeenGranularity``.
    public func authenticate(token: String, now: Date = Date()) throws -> AuthContext? {
        try authenticate(token: token, now: now, blocking: true)
    }

    /// The caller presenting `token` when the database's read cache alone can say so: `nil` on a cache miss, for a
    /// credential that would not authenticate, and when its last-seen time is due for a refresh; the caller then
    /// takes the blocking path (``authenticate(token:now:)``), which decides. Never blocks on the database.
    public func cachedContext(token: String, now: Date = Date()) -> AuthContext? {
        try? authenticate(token: token, now: now, blocking: false)
    }

    /// The one path of both: read the token, find what is stored for it (the read cache first; the database on a
    /// miss only when `blocking`), check it, and refresh its last-seen time when due (only when `blocking`).
    private func authenticate(token: String, now: Date, blocking: Bool) throws -> AuthContext? {
        guard let credential = Credential(token: token) else { return nil }
        let key = credential.cacheKey
        let stored = blocking
            ? try database.cachedRead(key, tenantOf: { $0.context.tenantId }, credential.load)
            : database.readCache.value(key, as: StoredCredential.self)
        guard let stored, stored.authenticates(credential, at: now, policy: policy) else { return nil }
        if stored.isDueForTouch(at: now, policy: policy) {
            guard blocking else { return nil }
            _ = try database.transaction { try stored.touch(in: $0, at: now, policy: policy) }
            database.readCache.remove(key)
        }
        return stored.context
    }

    /// Revokes the session of `sessionToken`; returns whether there was an active one. Unknown and malformed tokens
    /// are not an error (logging out twice is fine).
    @discardableResult
    public func logout(sessionToken: String, now: Date = Date()) throws -> Bool {
        guard SessionToken.isWellFormed(sessionToken) else { return false }
        let hash = SessionToken.hash(sessionToken)
        defer { database.readCache.remove(.session(tokenHash: hash)) }
        return try database.transaction { try $0.sessions.revoke(tokenHash: hash, at: now) }
    }

    /// Revokes every session of a user of `tenantId` (after a password change, say); returns how many.
    @discardableResult
    public func logoutEverywhere(tenantId: UUID, userId: UUID, now: Date = Date()) throws -> Int {
        try database.transaction(changing: tenantId) { try $0.sessions.revokeAll(tenantId: tenantId, userId: userId, at: now) }
    }

    /// Deletes the sessions that can no longer authenticate at `now` (expired, idle or revoked), for a periodic
    /// job; returns how many.
    @discardableResult
    public func purgeExpiredSessions(now: Date = Date()) throws -> Int {
        try database.transaction {
            try $0.sessions.purge(now: now, idleBefore: now.addingTimeInterval(-policy.sessionIdleTimeout))
        }
    }

    /// Deletes failed-login counters whose window has ended at `now`, for the same periodic job; returns how many.
    @discardableResult
    public func purgeStaleLoginThrottles(now: Date = Date()) throws -> Int {
        try database.transaction {
            try $0.loginThrottle.purge(windowStartedBy: now.addingTimeInterval(-policy.throttleWindow))
        }
    }

    // MARK: API keys

    /// The tenant's API keys (revoked ones included, with `revokedAt`), newest first; never the keys themselves.
    public func listAPIKeys(tenantId: UUID) throws -> [APIKey] {
        try database.read { try $0.apiKeys.list(tenantId: tenantId) }
    }

    /// Revokes the tenant's key `id`; returns `false` when the tenant has no such unrevoked key (another tenant's
    /// key id included, so its existence is not revealed).
    public func revokeAPIKey(tenantId: UUID, id: UUID, now: Date = Date()) throws -> Bool {
        try database.transaction(changing: tenantId) { try $0.apiKeys.revoke(tenantId: tenantId, id: id, at: now) }
    }

    // MARK: Me

    /// The caller as `GET /api/v1/auth/me` shows it: user, tenant, plan, add-on, features and limits, read now.
    /// `nil` when the context's tenant or user no longer exists.
    public func me(for context: AuthContext) throws -> Me? {
        try database.read { session in
            guard let tenant = try session.tenants.find(id: context.tenantId) else { return nil }
            guard let userId = context.userId else {
                return Me(user: nil, role: context.role, method: context.method, tenant: tenant, portal: context.portal)
            }
            guard let user = try session.users.find(tenantId: context.tenantId, id: userId) else { return nil }
            return Me(user: user, role: user.role, method: context.method, tenant: tenant)
        }
    }

    // MARK: Internals

    /// Throws ``TenancyError/rateLimited(retryAfter:)`` when a limit is reached in a window that has not ended;
    /// `retryAfter` is when the last such window ends. The account-wide limit refuses only addresses that have
    /// themselves failed against the account in their window: an address with no failures still gets its turn.
    private func checkThrottle(buckets: LoginThrottleBucket, now: Date) throws {
        let counters = try database.read { try $0.loginThrottle.counters(buckets: buckets.all) }
        var live: [String: (failures: Int, remaining: TimeInterval)] = [:]
        for counter in counters {
            let remaining = counter.windowStart.addingTimeInterval(policy.throttleWindow).timeIntervalSince(now)
            if remaining > 0 { live[counter.bucket] = (counter.failures, remaining) }
        }
        var retryAfter: TimeInterval = 0
        func limit(_ bucket: String, at failures: Int) {
            if let counter = live[bucket], counter.failures >= failures { retryAfter = max(retryAfter, counter.remaining) }
        }
        limit(buckets.accountFromAddress, at: policy.accountFailureLimit)
        limit(buckets.address, at: policy.addressFailureLimit)
        if live[buckets.accountFromAddress] != nil { limit(buckets.account, at: policy.accountWideFailureLimit) }
        if retryAfter > 0 {
            throw TenancyError.rateLimited(retryAfter: max(1, Int(retryAfter.rounded(.up))))
        }
    }

    /// Creates the session of a verified user and forgets the account's failures from this address. The address's
    /// failures stay (otherwise one valid account would let an address reset its own counter between guesses at
    /// others), and so do the account-wide ones (the owner signing in does not end an attack from elsewhere).
    private func openSession(for user: User, buckets: LoginThrottleBucket, clientAddress: String,
                             now: Date) throws -> LoginResult {
        let token = SessionToken.generate()
        let expiresAt = now.addingTimeInterval(policy.sessionLifetime)
        let (tenant, session) = try database.transaction { session in
            try session.loginThrottle.reset(bucket: buckets.accountFromAddress)
            guard let tenant = try session.tenants.find(id: user.tenantId) else { throw TenancyError.tenantNotFound }
            let created = try session.sessions.create(
                tenantId: user.tenantId, userId: user.id, tokenHash: SessionToken.hash(token), createdAt: now,
                expiresAt: expiresAt, clientAddress: String(clientAddress.prefix(100)))
            return (tenant, created)
        }
        return LoginResult(user: user, tenant: tenant, sessionId: session.id, token: token, expiresAt: expiresAt)
    }
}
