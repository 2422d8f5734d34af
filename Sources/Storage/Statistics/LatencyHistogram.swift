/// Attempt durations counted in the buckets of the database's `delivery_latency_bounds()` (migration 0023), each
/// bucket given with its bounds by the statement that reads it. Bounds are a millisecond apart up to 10 ms, then
/// about 10% apart, so a percentile read from the histogram is exact up to 10 ms and within 10% above (the middle of
/// its bucket, never above the longest duration).
struct LatencyHistogram: Equatable {
    /// Durations from `lower` up to, not including, `upper` (the last bucket has no end).
    struct Bucket: Equatable {
        let lower: Int
        let upper: Int?
        let attempts: Int
    }

    /// The buckets counted, in the order added.
    private(set) var buckets: [Bucket] = []

    /// Counts `attempts` in the bucket from `lower` to `upper`.
    mutating func add(lower: Int, upper: Int?, attempts: Int) {
        buckets.append(Bucket(lower: lower, upper: upper, attempts: attempts))
    }

    /// The attempts counted.
    var total: Int { buckets.reduce(0) { $0 + $1.attempts } }

    /// The duration at `fraction` (0...1) of the counted attempts, as `percentile_disc` ranks it (the first whose
    /// cumulative share reaches `fraction`), given as the middle of its bucket and never above `longest`; `nil`
    /// when nothing was counted.
    func percentile(_ fraction: Double, longest: Int?) -> Int? {
        let total = total
        guard total > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for bucket in buckets.sorted(by: { $0.lower < $1.lower }) {
            seen += bucket.attempts
            guard seen >= rank else { continue }
            let upper = bucket.upper.map { $0 - 1 } ?? max(bucket.lower, longest ?? bucket.lower)
            let middle = (bucket.lower + upper) / 2
            return longest.map { min(middle, $0) } ?? middle
        }
        return nil
    }
}
