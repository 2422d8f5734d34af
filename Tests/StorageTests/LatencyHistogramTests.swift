@testable import Storage
import Testing

/// The percentile arithmetic of the statistics' latency histogram, on the migration's bounds' shape.
@Suite struct LatencyHistogramTests {
    static let bounds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 21, 24, 27, 30, 33, 37, 41, 46, 51, 57, 63,
                         70, 77, 85, 94, 104, 115, 127, 140]

    /// Counts each duration in its bucket, as the statistics' statements give them: `width_bucket(duration, bounds)`
    /// with the bounds around it.
    func histogram(_ durations: [Int]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for duration in durations {
            let bucket = Self.bounds.filter { $0 <= duration }.count
            histogram.add(lower: bucket == 0 ? 0 : Self.bounds[bucket - 1],
                          upper: bucket < Self.bounds.count ? Self.bounds[bucket] : nil, attempts: 1)
        }
        return histogram
    }

    @Test func exactBelowTenMilliseconds() {
        let h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(h.percentile(0.5, longest: 9) == 4)
        #expect(h.percentile(0.95, longest: 9) == 9)
        #expect(h.percentile(0.0, longest: 9) == 0)
        #expect(h.total == 10)
    }

    @Test func aboveTenMillisecondsWithinItsBucket() throws {
        // 100 is in [94, 104): reported as 98, 2% off; 300 in the open last bucket is capped by the longest.
        let h = histogram([100, 100, 100, 300])
        #expect(h.percentile(0.5, longest: 300) == 98)
        #expect(h.percentile(0.95, longest: 300) == 220)
        #expect(h.percentile(0.95, longest: 150) == 145)
        for duration in [11, 12, 14, 25, 50, 90, 130, 139] {
            let reported = try #require(histogram([duration]).percentile(0.5, longest: nil))
            #expect(abs(reported - duration) * 10 <= duration, "\(duration) read as \(reported)")
        }
    }

    @Test func ranksAsPercentileDisc() {
        // percentile_disc(0.5) of 1, 2, 3, 4 is 2; of 1, 2, 3 is 2; p95 of twenty values is the nineteenth.
        #expect(histogram([1, 2, 3, 4]).percentile(0.5, longest: 4) == 2)
        #expect(histogram([1, 2, 3]).percentile(0.5, longest: 3) == 2)
        #expect(histogram(Array(0..<10) + Array(0..<10)).percentile(0.95, longest: 9) == 9)
        #expect(histogram(Array(1...10) + Array(1...9)).percentile(0.95, longest: 10) == 10)
        #expect(LatencyHistogram().percentile(0.5, longest: nil) == nil)
    }
}
