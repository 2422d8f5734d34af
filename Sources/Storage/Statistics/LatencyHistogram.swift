/// Attempt durations counted in the buckets of the database's `delivery_latency_bounds()` (migration 0023): bucket
/// `b` holds durations from bound `b - 1` (0 for the first) up to, not including, bound `b`; the last bucket has no
/// end. Bounds are a millisecond apart up to 10 ms, then about 10% apart, so a percentile read from the histogram is
/// exact up to 10 ms and within 10% above (the middle of its bucket, never above the longest duration).
struct LatencyHistogram: Equatable {
    /// The buckets' upper bounds, ascending.
    let bounds: [Int]
    /// Attempts per bucket (`bounds.count + 1` of them).
    private(set) var counts: [Int]

    /// An empty histogram over `bounds`.
    init(bounds: [Int]) {
        self.bounds = bounds
        counts = Array(repeating: 0, count: bounds.count + 1)
    }

    /// Adds `attempts` to bucket `bucket` (out-of-range buckets count in the nearest one).
    mutating func add(bucket: Int, attempts: Int) {
        counts[min(max(bucket, 0), counts.count - 1)] += attempts
    }

    /// The attempts counted.
    var total: Int { counts.reduce(0, +) }

    /// The duration at `fraction` (0...1) of the counted attempts, as `percentile_disc` ranks it (the first whose
    /// cumulative share reaches `fraction`), given as the middle of its bucket and never above `longest`; `nil`
    /// when nothing was counted.
    func percentile(_ fraction: Double, longest: Int?) -> Int? {
        let total = total
        guard total > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for (bucket, count) in counts.enumerated() {
            seen += count
            guard seen >= rank else { continue }
            let lower = bucket == 0 ? 0 : bounds[bucket - 1]
            let upper = bucket < bounds.count ? bounds[bucket] - 1 : max(lower, longest ?? lower)
            let middle = (lower + upper) / 2
            return longest.map { min(middle, $0) } ?? middle
        }
        return nil
    }
}
