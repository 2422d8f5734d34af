import Postgres

extension DeliveryStatistics.Figures {
    /// Sets the median and 95th percentile from the period's latency histogram, never above its longest attempt.
    mutating func setLatency(from histogram: LatencyHistogram) {
        latencyP50Ms = histogram.percentile(0.5, longest: latencyMaxMs)
        latencyP95Ms = histogram.percentile(0.95, longest: latencyMaxMs)
    }

    /// Sets the counts from columns 1 to 6 of a statistics statement's row: succeeded, failed, retrying, pending,
    /// attempts and the longest attempt.
    mutating func setCounts(from row: PostgresRow) throws {
        succeeded = try row.decode(1)
        failed = try row.decode(2)
        retrying = try row.decode(3)
        pending = try row.decode(4)
        attempts = try row.decode(5)
        latencyMaxMs = try row.decode(6)
    }
}
