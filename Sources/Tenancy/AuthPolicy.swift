public import Foundation

/// Every number of authentication in one place: session lifetimes and login rate limits.
/// ``standard`` is what the service runs with; tests may shrink limits to keep the number of slow KDF runs small.
public struct AuthPolicy: Sendable, Equatable {
    /// A session ends this long after login, however active it is (7 days).
    public var sessionLifetime: TimeInterval
    /// A session ends when unused for this long (24 hours).
    public var sessionIdleTimeout: TimeInterval
    /// How long a portal session (opened from a portal link) lasts at most, however active it is.
    public var portalSessionLifetime: TimeInterval = 3600
    /// `last_seen_at` of a session and `last_used_at` of an API key are written at most this often (60 s), so
    /// authenticating a request does not cost a write each time.
    public var lastSeenGranularity: TimeInterval
    /// Failed logins allowed per account (email) from one client address in one window (5): the lock. Past it,
    /// that address cannot log in to that account, even with the right password, until the window ends; the
    /// account's owner from another address is not affected.
    public var accountFailureLimit: Int
    /// Failed logins allowed per client address (an IPv6 address counts as its /64) in one window (20), against
    /// any accounts.
    public var addressFailureLimit: Int
    /// Failed logins per account from all addresses in one window (100) past which the account counts as under
    /// attack: then an address that has failed against it in its window is refused (its allowance drops from
    /// ``accountFailureLimit`` to what it has used), while an address with no failures still gets its turn, so
    /// the owner signs in and a spread-out guesser needs a fresh address for every guess.
    public var accountWideFailureLimit: Int
    /// The length of a rate-limit window (15 minutes); a window starts at its bucket's first failure.
    public var throttleWindow: TimeInterval

    /// Creates a policy; every argument defaults to the ``standard`` value.
    public init(sessionLifetime: TimeInterval = 7 * 24 * 3600, sessionIdleTimeout: TimeInterval = 24 * 3600,
                lastSeenGranularity: TimeInterval = 60, accountFailureLimit: Int = 5, addressFailureLimit: Int = 20,
                accountWideFailureLimit: Int = 100, throttleWindow: TimeInterval = 15 * 60) {
        self.sessionLifetime = sessionLifetime
        self.sessionIdleTimeout = sessionIdleTimeout
        self.lastSeenGranularity = lastSeenGranularity
        self.accountFailureLimit = accountFailureLimit
        self.addressFailureLimit = addressFailureLimit
        self.accountWideFailureLimit = accountWideFailureLimit
        self.throttleWindow = throttleWindow
    }

    /// The production policy: 7-day sessions with a 24-hour idle timeout; per 15 minutes, 5 failures per account
    /// from one address, 20 per address, and 100 per account before it counts as under attack.
    public static let standard = AuthPolicy()
}
