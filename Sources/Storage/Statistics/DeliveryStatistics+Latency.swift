extension DeliveryStatistics.Figures {
    /// Sets the median and 95th percentile from the period's latency histogram, never above its longest attempt.
    mutating func setLatency(from histogram: LatencyHistogram) {
        latencyP50Ms = histogram.percentile(0.5, longest: latencyMaxMs)
        latencyP95Ms = histogram.percentile(0.95, longest: latencyMaxMs)
    }
}
