public import Foundation
import Postgres

/// Fixed-window counters of failed logins, shared by every server process through the `login_throttle` table.
/// The caller names the buckets (per account, per client address) and owns the policy (limits, window length).
public struct LoginThrottleStore {
    let connection: PostgresConnection

    /// One bucket's counter.
    public struct Counter: Sendable, Equatable {
        /// The bucket's name.
        public let bucket: String
        /// When its current window started.
        public let windowStart: Date
        /// Failures counted in that window.
        public let failures: Int

        /// Creates a counter value.
        public init(bucket: String, windowStart: Date, failures: Int) {
            self.bucket = bucket
            self.windowStart = windowStart
            self.failures = failures
        }
    }

    /// The counters of `buckets` that exist (a missing bucket has no failures).
    public func counters(buckets: [String]) throws -> [Counter] {
        try connection.query(
            "SELECT bucket, window_start, failures FROM login_throttle WHERE bucket = ANY($1) ORDER BY bucket",
            [buckets]).map(Self.counter)
    }

    /// Counts one failure in each of `buckets`, atomically: a bucket whose window started at or before
    /// `windowStartedBy` (i.e. has ended) restarts at `now` with one failure; otherwise its count goes up by one.
    /// Returns the counters as they now stand.
    @discardableResult
    public func recordFailure(buckets: [String], now: Date, windowStartedBy: Date) throws -> [Counter] {
        // Rows are upserted in bucket order, so two concurrent calls lock them in the same order (no deadlock).
        try connection.query(
            """
            INSERT INTO login_throttle AS t (bucket, window_start, failures)
            SELECT b, $2, 1 FROM unnest($1::text[]) AS b ORDER BY b
            ON CONFLICT (bucket) DO UPDATE SET
                window_start = CASE WHEN t.window_start <= $3 THEN EXCLUDED.window_start ELSE t.window_start END,
                failures = CASE WHEN t.window_start <= $3 THEN 1 ELSE t.failures + 1 END
            RETURNING bucket, window_start, failures
            """,
            [Array(Set(buckets)).sorted(), now, windowStartedBy]).map(Self.counter)
    }

    /// Forgets a bucket's failures (after a successful login of that account).
    public func reset(bucket: String) throws {
        _ = try connection.execute("DELETE FROM login_throttle WHERE bucket = $1", [bucket])
    }

    /// Deletes counters whose window started at or before `windowStartedBy` (they count as empty anyway);
    /// returns how many.
    @discardableResult
    public func purge(windowStartedBy: Date) throws -> Int {
        try connection.execute("DELETE FROM login_throttle WHERE window_start <= $1", [windowStartedBy])
    }

    static func counter(_ row: PostgresRow) throws -> Counter {
        Counter(bucket: try row.decode(0), windowStart: try row.decode(1), failures: try row.decode(2))
    }
}
