public import Foundation
import Postgres
public import WebhookCore

/// A webhook's delivery statistics for the dashboard's charts and health badges. Always scoped by tenant.
///
/// Every statement reads the hourly rollups of migration 0023 (`delivery_stats`, `delivery_latency_stats`, kept by
/// statement triggers on every write of a delivery or an attempt) through their primary key (webhook, hour): the
/// cost is the window's hours (a few rows each), not its deliveries (docs/statistics.md).
public struct DeliveryStatisticsStore {
    let connection: PostgresConnection

    /// The statistics of the tenant's webhook `webhookId` over `window` ending at `now`, with its health over the
    /// `24h` window. Test sends are left out: they are not the webhook's traffic. A delivery counts in the bucket
    /// it was created in, with its outcome as of now; an attempt counts in the bucket it started in.
    public func statistics(tenantId: UUID, webhookId: UUID, window: StatisticsWindow, now: Date) throws
        -> DeliveryStatistics {
        let (start, end) = window.range(now: now)
        let healthSince = StatisticsWindow.day.range(now: now).start
        return try connection.transaction { connection in
            try connection.useIndexPathsOnly()
            let parameters: [any PostgresEncodable] = [tenantId, webhookId, start, end, window.bucketSeconds]
            var buckets = window.bucketStarts(now: now).map { DeliveryStatistics.Bucket(start: $0, figures: .init()) }
            var totals = DeliveryStatistics.Figures()
            for row in try connection.query(Self.countsSQL, parameters) {
                let bucket: Int? = try row.decode(0)
                try Self.update(bucket, in: &buckets, totals: &totals) { try $0.setCounts(from: row) }
            }
            let histograms: [Int?: LatencyHistogram] = try Self.histograms(
                connection.query(Self.latencySQL, parameters), by: { try $0.decode(0) })
            for (bucket, histogram) in histograms {
                try Self.update(bucket, in: &buckets, totals: &totals) { $0.setLatency(from: histogram) }
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
    /// per-webhook route's `totals` say, for the whole list. Test sends are left out. An unknown chatbot (or another
    /// tenant's) has no webhooks: the caller checks the chatbot.
    public func summaries(tenantId: UUID, chatbotId: UUID, window: StatisticsWindow, now: Date) throws
        -> [WebhookStatisticsSummary] {
        let (start, end) = window.range(now: now)
        return try connection.transaction { connection in
            try connection.useIndexPathsOnly()
            let parameters: [any PostgresEncodable] = [tenantId, chatbotId, start, end]
            var summaries = try connection.query(Self.summariesSQL, parameters).map { row in
                var figures = DeliveryStatistics.Figures()
                try figures.setCounts(from: row)
                return WebhookStatisticsSummary(webhookId: try row.decode(0), figures: figures)
            }
            let histograms: [UUID: LatencyHistogram] = try Self.histograms(
                connection.query(Self.summaryLatencySQL, parameters), by: { try $0.decode(0) })
            for index in summaries.indices {
                if let histogram = histograms[summaries[index].webhookId] {
                    summaries[index].figures.setLatency(from: histogram)
                }
            }
            return summaries
        }
    }

    /// Applies one row of a `GROUPING SETS ((bucket), ())` answer: a bucket's figures, or the totals (no bucket).
    private static func update(_ bucket: Int?, in buckets: inout [DeliveryStatistics.Bucket],
                               totals: inout DeliveryStatistics.Figures,
                               _ apply: (inout DeliveryStatistics.Figures) throws -> Void) throws {
        guard let bucket else { return try apply(&totals) }
        // A row stamped exactly at the window's end belongs to the last bucket.
        try apply(&buckets[min(max(bucket, 0), buckets.count - 1)].figures)
    }

    /// The histograms of a latency statement's rows (column 0 the key, then a bucket's lower and upper bounds and
    /// its attempts), by key.
    private static func histograms<Key: Hashable>(_ rows: PostgresRows, by key: (PostgresRow) throws -> Key) throws
        -> [Key: LatencyHistogram] {
        var histograms: [Key: LatencyHistogram] = [:]
        for row in rows {
            histograms[try key(row), default: LatencyHistogram()]
                .add(lower: try row.decode(1), upper: try row.decode(2), attempts: try row.decode(3))
        }
        return histograms
    }

    /// The window's hours (`$3` to `$4`) of webhook `$2`: deliveries by outcome, attempts and the longest, per bucket
    /// of `$5` seconds and in total.
    static let countsSQL = """
        SELECT bucket, coalesce(sum(succeeded), 0)::int8, coalesce(sum(failed), 0)::int8,
               coalesce(sum(retrying), 0)::int8, coalesce(sum(pending), 0)::int8, coalesce(sum(attempts), 0)::int8,
               max(longest_ms)
        FROM (
            SELECT floor(extract(epoch FROM s.hour - $3::timestamptz) / $5::int)::int AS bucket, s.*
            FROM delivery_stats s
            WHERE s.webhook_id = $2 AND s.tenant_id = $1 AND s.hour >= $3 AND s.hour <= $4
        ) w
        GROUP BY GROUPING SETS ((bucket), ())
        """

    /// A histogram bucket's bounds from its number `b` (`width_bucket`'s: 0 below the first bound, the last one open).
    private static func boundsSQL(_ b: String) -> String {
        "coalesce((delivery_latency_bounds())[\(b)], 0)::int AS lower, (delivery_latency_bounds())[\(b) + 1] AS upper"
    }

    /// The window's attempts per latency bucket (with its bounds), per bucket of `$5` seconds and in total.
    static let latencySQL = """
        SELECT bucket, lower, upper, sum(attempts)::int8
        FROM (
            SELECT floor(extract(epoch FROM s.hour - $3::timestamptz) / $5::int)::int AS bucket,
                   \(boundsSQL("s.bucket")), s.attempts
            FROM delivery_latency_stats s
            WHERE s.webhook_id = $2 AND s.tenant_id = $1 AND s.hour >= $3 AND s.hour <= $4
        ) w
        GROUP BY GROUPING SETS ((bucket, lower, upper), (lower, upper))
        """

    /// Every webhook of chatbot `$2` with its window's (`$3` to `$4`) counts, each through its own range of the
    /// rollup's primary key (an aggregate without GROUP BY answers one row, zeros for a quiet webhook).
    static let summariesSQL = """
        SELECT w.id, coalesce(c.succeeded, 0), coalesce(c.failed, 0), coalesce(c.retrying, 0), coalesce(c.pending, 0),
               coalesce(c.attempts, 0), c.longest
        FROM webhooks w
        CROSS JOIN LATERAL (
            SELECT sum(s.succeeded)::int8 AS succeeded, sum(s.failed)::int8 AS failed,
                   sum(s.retrying)::int8 AS retrying, sum(s.pending)::int8 AS pending,
                   sum(s.attempts)::int8 AS attempts, max(s.longest_ms) AS longest
            FROM delivery_stats s
            WHERE s.webhook_id = w.id AND s.tenant_id = w.tenant_id AND s.hour >= $3 AND s.hour <= $4
        ) c
        WHERE w.tenant_id = $1 AND w.chatbot_id = $2
        ORDER BY w.created_at, w.id
        """

    /// Every webhook of chatbot `$2` with its window's attempts per latency bucket (with its bounds).
    static let summaryLatencySQL = """
        SELECT w.id, \(boundsSQL("s.bucket")), sum(s.attempts)::int8
        FROM webhooks w
        JOIN delivery_latency_stats s ON s.webhook_id = w.id AND s.tenant_id = w.tenant_id
        WHERE w.tenant_id = $1 AND w.chatbot_id = $2 AND s.hour >= $3 AND s.hour <= $4
        GROUP BY w.id, s.bucket
        """

    /// The `24h` window's (`$3` to `$4`) settled deliveries and newest attempt: always one row.
    static let healthSQL = """
        SELECT c.succeeded, c.failed, last.last_attempt_at, last.last_status_code, last.last_error,
               last.last_duration_ms
        FROM (
            SELECT coalesce(sum(s.succeeded), 0)::int8 AS succeeded, coalesce(sum(s.failed), 0)::int8 AS failed
            FROM delivery_stats s
            WHERE s.webhook_id = $2 AND s.tenant_id = $1 AND s.hour >= $3 AND s.hour <= $4
        ) c
        LEFT JOIN LATERAL (
            SELECT l.last_attempt_at, l.last_status_code, l.last_error, l.last_duration_ms FROM delivery_stats l
            WHERE l.webhook_id = $2 AND l.tenant_id = $1 AND l.hour >= $3 AND l.hour <= $4
              AND l.last_attempt_at IS NOT NULL
            ORDER BY l.last_attempt_at DESC
            LIMIT 1
        ) last ON true
        """
}
