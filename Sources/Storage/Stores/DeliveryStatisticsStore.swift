public import Foundation
import Postgres
public import WebhookCore

/// A webhook's delivery statistics for the dashboard's charts and health badges. Always scoped by tenant.
///
/// Every statement reads the deliveries of one webhook created in the window through `deliveries_webhook_idx`
/// (webhook, creation time) and their attempts through the attempts' primary key (delivery, number): the cost is
/// that of the window's deliveries, not of the webhook's history (docs/statistics.md).
public struct DeliveryStatisticsStore {
    let connection: PostgresConnection

    /// The statistics of the tenant's webhook `webhookId` over `window` ending at `now`, with its health over the
    /// `24h` window. Test sends are left out:
    /// they are not the webhook's traffic. A delivery counts in the bucket it was created in, with its outcome as of
    /// now; an attempt counts in the bucket it started in, when its delivery was created in the window.
    public func statistics(tenantId: UUID, webhookId: UUID, window: StatisticsWindow, now: Date) throws
        -> DeliveryStatistics {
        let (start, end) = window.range(now: now)
        let healthSince = StatisticsWindow.day.range(now: now).start
        // docs/query-planner.md: why only index paths.
        return try connection.transaction { connection in
            try Self.useIndexPathsOnly(connection)
            let parameters: [any PostgresEncodable] = [tenantId, webhookId, start, end, window.bucketSeconds]
            var buckets = window.bucketStarts(now: now).map { DeliveryStatistics.Bucket(start: $0, figures: .init()) }
            var totals = DeliveryStatistics.Figures()
            for row in try connection.query(Self.outcomesSQL, parameters) {
                let bucket: Int? = try row.decode(0)
                try Self.update(bucket, in: &buckets, totals: &totals) { figures in
                    figures.succeeded = try row.decode(1)
                    figures.failed = try row.decode(2)
                    figures.retrying = try row.decode(3)
                    figures.pending = try row.decode(4)
                }
            }
            for row in try connection.query(Self.latencySQL, parameters) {
                let bucket: Int? = try row.decode(0)
                try Self.update(bucket, in: &buckets, totals: &totals) { figures in
                    figures.attempts = try row.decode(1)
                    figures.latencyP50Ms = try row.decode(2)
                    figures.latencyP95Ms = try row.decode(3)
                    figures.latencyMaxMs = try row.decode(4)
                }
            }
            let health = try connection.query(Self.healthSQL, [tenantId, webhookId, healthSince, now])
            guard let row = health.first else { throw StorageError.corrupt("statistics without a health row") }
            let lastStartedAt: Date? = try row.decode(2)
            let lastAttempt = try lastStartedAt.map { startedAt in
                DeliveryStatistics.LastAttempt(startedAt: startedAt, statusCode: try row.decode(3), error: try row.decode(4),
                                               durationMs: try row.decode(5))
            }
            return DeliveryStatistics(
                buckets: buckets, totals: totals,
                health: .init(since: healthSince, succeeded: try row.decode(0), failed: try row.decode(1),
                              lastAttempt: lastAttempt))
        }
    }

    /// The figures over `window` ending at `now` of every webhook of the tenant's chatbot `chatbotId`, in the
    /// webhooks list's order (creation, then id), webhooks without traffic included with zero counts: what the
    /// per-webhook route's `totals` say, in one statement for the whole list. Test sends are left out. An unknown
    /// chatbot (or another tenant's) has no webhooks: the caller checks the chatbot.
    public func summaries(tenantId: UUID, chatbotId: UUID, window: StatisticsWindow, now: Date) throws
        -> [WebhookStatisticsSummary] {
        let (start, end) = window.range(now: now)
        return try connection.transaction { connection in
            // One index range of deliveries_webhook_idx per webhook.
            try Self.useIndexPathsOnly(connection)
            return try connection.query(Self.summariesSQL, [tenantId, chatbotId, start, end]).map { row in
                var figures = DeliveryStatistics.Figures()
                figures.succeeded = try row.decode(1)
                figures.failed = try row.decode(2)
                figures.retrying = try row.decode(3)
                figures.pending = try row.decode(4)
                figures.attempts = try row.decode(5)
                figures.latencyP50Ms = try row.decode(6)
                figures.latencyP95Ms = try row.decode(7)
                figures.latencyMaxMs = try row.decode(8)
                return WebhookStatisticsSummary(webhookId: try row.decode(0), figures: figures)
            }
        }
    }

    /// Leaves the planner only index paths for the rest of the transaction: it cannot then read the whole log or all
    /// attempts (a sequential scan or a hash or merge join) when its statistics of a webhook's share are off.
    private static func useIndexPathsOnly(_ connection: PostgresConnection) throws {
        try connection.execute(
            """
            SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),
                   set_config('enable_mergejoin', 'off', true)
            """)
    }

    /// Applies one row of a `GROUPING SETS ((bucket), ())` answer: a bucket's figures, or the totals (no bucket).
    private static func update(_ bucket: Int?, in buckets: inout [DeliveryStatistics.Bucket],
                               totals: inout DeliveryStatistics.Figures,
                               _ apply: (inout DeliveryStatistics.Figures) throws -> Void) throws {
        guard let bucket else { return try apply(&totals) }
        // A row stamped exactly at the window's end belongs to the last bucket.
        try apply(&buckets[min(max(bucket, 0), buckets.count - 1)].figures)
    }

    /// The window's deliveries (`$3` to `$4`) by outcome, per bucket of `$5` seconds and in total.
    static let outcomesSQL = """
        SELECT bucket, count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
               count(*) FILTER (WHERE status = 'pending' AND attempt_count > 0),
               count(*) FILTER (WHERE status = 'pending' AND attempt_count = 0)
        FROM (
            SELECT floor(extract(epoch FROM d.created_at - $3::timestamptz) / $5::int)::int AS bucket, d.status,
                   d.attempt_count
            FROM deliveries d
            WHERE d.webhook_id = $2 AND d.tenant_id = $1 AND NOT d.is_test
              AND d.created_at >= $3 AND d.created_at <= $4
        ) w
        GROUP BY GROUPING SETS ((bucket), ())
        """

    /// The attempts started in the window (`$3` to `$4`) of the window's deliveries: count and durations, per
    /// bucket of `$5` seconds and in total.
    static let latencySQL = """
        SELECT bucket, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms),
               percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms), max(duration_ms)
        FROM (
            SELECT floor(extract(epoch FROM a.started_at - $3::timestamptz) / $5::int)::int AS bucket, a.duration_ms
            FROM deliveries d
            -- the window's deliveries drive (OFFSET 0 keeps the join from being turned around: with the
            -- statistics of a small table, reading every attempt looked cheaper)
            CROSS JOIN LATERAL (
                SELECT a.started_at, a.duration_ms FROM delivery_attempts a
                WHERE a.delivery_id = d.id AND a.tenant_id = d.tenant_id AND a.started_at >= $3 AND a.started_at <= $4
                OFFSET 0
            ) a
            WHERE d.webhook_id = $2 AND d.tenant_id = $1 AND NOT d.is_test
              AND d.created_at >= $3 AND d.created_at <= $4
              AND (d.webhook_id, d.created_at) >= ($2, $3::timestamptz) AND (d.webhook_id, d.created_at) <= ($2, $4::timestamptz)
        ) w
        GROUP BY GROUPING SETS ((bucket), ())
        """

    /// Every webhook of chatbot `$2` with its window's (`$3` to `$4`) deliveries by outcome and its attempts
    /// started in the window (of those deliveries): the outcomes and latency statements of one webhook, run per
    /// webhook by `LATERAL` so each reads its own range of deliveries_webhook_idx (an aggregate without GROUP BY
    /// answers one row, zeros and nulls for a quiet webhook). The (webhook_id, created_at) rows repeat the window's
    /// bounds in a form only that index serves, so no plan reads deliveries_created_idx across every webhook.
    static let summariesSQL = """
        SELECT w.id, o.succeeded, o.failed, o.retrying, o.pending, l.attempts, l.p50, l.p95, l.longest
        FROM webhooks w
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE d.status = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE d.status = 'failed') AS failed,
                   count(*) FILTER (WHERE d.status = 'pending' AND d.attempt_count > 0) AS retrying,
                   count(*) FILTER (WHERE d.status = 'pending' AND d.attempt_count = 0) AS pending
            FROM deliveries d
            WHERE d.webhook_id = w.id AND d.tenant_id = w.tenant_id AND NOT d.is_test
              AND d.created_at >= $3 AND d.created_at <= $4
              AND (d.webhook_id, d.created_at) >= (w.id, $3::timestamptz) AND (d.webhook_id, d.created_at) <= (w.id, $4::timestamptz)
        ) o
        CROSS JOIN LATERAL (
            SELECT count(*) AS attempts, percentile_disc(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY a.duration_ms) AS p95, max(a.duration_ms) AS longest
            FROM deliveries d
            JOIN delivery_attempts a ON a.delivery_id = d.id AND a.tenant_id = d.tenant_id
            WHERE d.webhook_id = w.id AND d.tenant_id = w.tenant_id AND NOT d.is_test
              AND d.created_at >= $3 AND d.created_at <= $4
              AND (d.webhook_id, d.created_at) >= (w.id, $3::timestamptz) AND (d.webhook_id, d.created_at) <= (w.id, $4::timestamptz)
              AND a.started_at >= $3 AND a.started_at <= $4
        ) l
        WHERE w.tenant_id = $1 AND w.chatbot_id = $2
        ORDER BY w.created_at, w.id
        """

    /// The settled deliveries created from `$3` to `$4`, and the newest attempt of those deliveries.
    static let healthSQL = """
        WITH d AS (
            SELECT d.id, d.tenant_id, d.status
            FROM deliveries d
            WHERE d.webhook_id = $2 AND d.tenant_id = $1 AND NOT d.is_test
              AND d.created_at >= $3 AND d.created_at <= $4
        ),
        last AS (
            SELECT a.started_at, a.status_code, a.error, a.duration_ms
            FROM d JOIN delivery_attempts a ON a.delivery_id = d.id AND a.tenant_id = d.tenant_id
            ORDER BY a.started_at DESC
            LIMIT 1
        )
        SELECT (SELECT count(*) FROM d WHERE status = 'succeeded'), (SELECT count(*) FROM d WHERE status = 'failed'),
               last.started_at, last.status_code, last.error, last.duration_ms
        FROM (SELECT 1) one LEFT JOIN last ON true
        """
}
