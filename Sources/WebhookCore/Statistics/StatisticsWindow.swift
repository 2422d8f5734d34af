public import Foundation

/// The period a webhook's delivery statistics cover, cut into buckets aligned on UTC: the last 24 hours in hourly
/// buckets, or the last 7 days in 6-hourly buckets. The last bucket is the current, partial one, so a chart's bars
/// start on round hours and the window ends at `now`.
public enum StatisticsWindow: String, Sendable, CaseIterable {
    /// 24 hourly buckets.
    case day = "24h"
    /// 28 buckets of 6 hours.
    case week = "7d"

    /// The length of one bucket, in seconds.
    public var bucketSeconds: Int {
        switch self {
        case .day: 3_600
        case .week: 6 * 3_600
        }
    }

    /// How many buckets the window holds.
    public var bucketCount: Int {
        switch self {
        case .day: 24
        case .week: 28
        }
    }

    /// The window ending at `now`: from the start of the first bucket (included) to `now` (included). The first
    /// bucket starts `bucketCount - 1` buckets before the one `now` falls into.
    public func range(now: Date) -> (start: Date, end: Date) {
        (bucketStart(now).addingTimeInterval(-Double((bucketCount - 1) * bucketSeconds)), now)
    }

    /// The start of every bucket of the window ending at `now`, oldest first.
    public func bucketStarts(now: Date) -> [Date] {
        let start = range(now: now).start
        return (0..<bucketCount).map { start.addingTimeInterval(Double($0 * bucketSeconds)) }
    }

    /// The start of the bucket holding `date`: whole seconds since the epoch rounded down to the bucket length.
    func bucketStart(_ date: Date) -> Date {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let floored = seconds - ((seconds % bucketSeconds) + bucketSeconds) % bucketSeconds
        return Date(timeIntervalSince1970: Double(floored))
    }
}
