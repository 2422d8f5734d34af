public import Foundation
import Postgres

extension DeliveryStatisticsStore {
    /// How far back the rollups are kept: the longest window (`7d`) and a day.
    public static let keptSeconds = 8 * 86_400

    /// Merges each past hour's rollup rows (one per session that wrote in it) into one, and deletes the hours older
    /// than ``keptSeconds``, so a window reads about one row per hour whatever wrote it. The current hour is left as
    /// it is: its writers are still adding to their own rows. Runs in one process at a time (an advisory lock; the
    /// others skip it). Returns how many rows it removed.
    @discardableResult
    public func compact(now: Date) throws -> Int {
        try connection.transaction { connection in
            let locked: Bool = try connection.query("SELECT pg_try_advisory_xact_lock(hashtext('delivery_stats compaction'))")
                .first?.decode(0) ?? false
            guard locked else { return 0 }
            let currentHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
            let parameters: [any PostgresEncodable] = [currentHour, now.addingTimeInterval(-Double(Self.keptSeconds))]
            return try [Self.compactCountsSQL, Self.compactLatencySQL].reduce(0) { removed, sql in
                removed + (try connection.query(sql, parameters).first?.decode(0, as: Int.self) ?? 0)
            }
        }
    }

    /// Deletes the rows of hours before `$2`, and merges the other rows of hours before `$1` into writer 0.
    static let compactCountsSQL = """
        WITH expired AS (
            DELETE FROM delivery_stats WHERE hour < $2 RETURNING 1
        ),
        merged AS (
            DELETE FROM delivery_stats WHERE hour >= $2 AND hour < $1 AND writer <> 0 RETURNING *
        ),
        written AS (
            INSERT INTO delivery_stats AS s (webhook_id, hour, writer, tenant_id, succeeded, failed, retrying, pending,
                                             attempts, longest_ms, last_attempt_at, last_status_code, last_error,
                                             last_duration_ms)
            SELECT DISTINCT ON (webhook_id, hour)
                   webhook_id, hour, 0, tenant_id, sum(succeeded) OVER w, sum(failed) OVER w, sum(retrying) OVER w,
                   sum(pending) OVER w, sum(attempts) OVER w, max(longest_ms) OVER w, last_attempt_at,
                   last_status_code, last_error, last_duration_ms
            FROM merged
            WINDOW w AS (PARTITION BY webhook_id, hour)
            ORDER BY webhook_id, hour, last_attempt_at DESC NULLS LAST
            ON CONFLICT (webhook_id, hour, writer) DO UPDATE SET
                succeeded = s.succeeded + excluded.succeeded, failed = s.failed + excluded.failed,
                retrying = s.retrying + excluded.retrying, pending = s.pending + excluded.pending,
                attempts = s.attempts + excluded.attempts, longest_ms = greatest(s.longest_ms, excluded.longest_ms),
                last_attempt_at = greatest(s.last_attempt_at, excluded.last_attempt_at),
                last_status_code = CASE WHEN excluded.last_attempt_at IS NULL OR s.last_attempt_at > excluded.last_attempt_at
                                        THEN s.last_status_code ELSE excluded.last_status_code END,
                last_error = CASE WHEN excluded.last_attempt_at IS NULL OR s.last_attempt_at > excluded.last_attempt_at
                                  THEN s.last_error ELSE excluded.last_error END,
                last_duration_ms = CASE WHEN excluded.last_attempt_at IS NULL OR s.last_attempt_at > excluded.last_attempt_at
                                        THEN s.last_duration_ms ELSE excluded.last_duration_ms END
        )
        SELECT (SELECT count(*) FROM expired) + (SELECT count(*) FROM merged)
            - (SELECT count(DISTINCT (webhook_id, hour)) FROM merged)
        """

    /// ``compactCountsSQL`` for the latency histograms.
    static let compactLatencySQL = """
        WITH expired AS (
            DELETE FROM delivery_latency_stats WHERE hour < $2 RETURNING 1
        ),
        merged AS (
            DELETE FROM delivery_latency_stats WHERE hour >= $2 AND hour < $1 AND writer <> 0 RETURNING *
        ),
        written AS (
            INSERT INTO delivery_latency_stats AS s (webhook_id, hour, writer, bucket, tenant_id, attempts)
            SELECT webhook_id, hour, 0, bucket, tenant_id, sum(attempts) FROM merged
            GROUP BY webhook_id, hour, bucket, tenant_id
            ON CONFLICT (webhook_id, hour, writer, bucket) DO UPDATE SET attempts = s.attempts + excluded.attempts
        )
        SELECT (SELECT count(*) FROM expired) + (SELECT count(*) FROM merged)
            - (SELECT count(DISTINCT (webhook_id, hour, bucket)) FROM merged)
        """
}
