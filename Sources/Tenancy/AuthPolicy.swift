public import Foundation

/// Every number of authentication in one place: session lifetimes and login rate limits.
/// ``standard`` is what the service runs with; tests may shrink limits to keep the number of slow KDF runs small.
public struct AuthPolicy: Sendable, Equatable {
    /// A session ends this long after login, however active it is (7 days).
    public var sessionLifetime: TimeInterval
    /// A session ends when unused for this long (24 hours).
    public var sessionIdleTimeout: TimeInterval
    /// `last_seen_at` of a session and `last_used_at` of an API key are written at most this often (60 s), so
    /// authenticating a request does not cost a write each time.
    public var lastSeenGranularity: TimeInterval
    /// Failed logins allowed per account (email) in one window (5).
    public var accountFailureLimit: Int
    /// Failed logins allowed per client address (an IPv6 address counts as its /64) in one window (20).
    public var addressFailureLimit: Int
    /// The length of a rate-limit window (15 minutes); a window starts at its bucket's first failure.
    public var throttleWindow: TimeInterval

    /// Creates a policy; every argument defaults to the ``standard`` value.
    public init(sessionLifetime: TimeInterval = 7 * 24 * 3600, sessionIdleTimeout: TimeInterval = 24 * 3600,
                lastSeenGranularity: TimeInterval = 60, accountFailureLimit: Int = 5, addressFailureLimit: Int = 20,
                throttleWindow: TimeInterval = 15 * 60) {
        self.sessionLifetime = sessionLifetime
        self.sessionIdleTimeout = sessionIdleTimeout
        self.lastSeenGranularity = lastSeenGranularity
        self.accountFailureLimit = accountFailureLimit
        self.addressFailureLimit = addressFailureLimit
        self.throttleWindow = throttleWindow
    }

    /// The production policy: 7-day sessions with a 24-hour idle timeout; 5 failures per account and 20 per
    /// address per 15 minutes.
    public static let standard = AuthPolicy()
}
