public import Foundation

/// A webhook's deliveries over a statistics window, bucket by bucket, with the window's totals and the webhook's
/// health over the `24h` window.
public struct DeliveryStatistics: Sendable, Equatable {
    /// One entry per bucket of the window, oldest first (empty buckets included, with zero counts).
    public var buckets: [Bucket]
    /// The whole window.
    public var totals: Figures
    /// The `24h` window's, whatever the window asked.
    public var health: Health

    /// The figures of one bucket.
    public struct Bucket: Sendable, Equatable {
        /// When the bucket starts (it ends where the next one starts, the last one at the window's end).
        public var start: Date
        /// Its figures.
        public var figures: Figures
    }

    /// Deliveries created in a period by their current outcome, and the attempts made in it.
    public struct Figures: Sendable, Equatable {
        /// Delivered (a 2xx answer).
        public var succeeded = 0
        /// Given up: every retry spent, or the webhook's rules ended it.
        public var failed = 0
        /// Attempted at least once without success, waiting for its next retry.
        public var retrying = 0
        /// Not attempted yet (queued, or held while the webhook is paused).
        public var pending = 0
        /// Attempts started in the period, for the deliveries of the window.
        public var attempts = 0
        /// The median duration of those attempts in milliseconds (one of them; `nil` without attempts).
        public var latencyP50Ms: Int?
        /// The 95th percentile of their durations in milliseconds.
        public var latencyP95Ms: Int?
        /// The longest of them in milliseconds.
        public var latencyMaxMs: Int?

        /// A period without deliveries or attempts.
        public init() {}
    }

    /// Whether the webhook's receiver is doing well: the settled deliveries of the
    /// `24h` window (the same as its totals) and their newest attempt.
    public struct Health: Sendable, Equatable {
        /// The start of the `24h` window.
        public var since: Date
        /// Deliveries of those hours that succeeded.
        public var succeeded: Int
        /// Deliveries of those hours that failed.
        public var failed: Int
        /// The newest attempt of those hours' deliveries.
        public var lastAttempt: LastAttempt?

        /// `succeeded / (succeeded + failed)`, or `nil` when none has settled.
        public var successRate: Double? {
            succeeded + failed == 0 ? nil : Double(succeeded) / Double(succeeded + failed)
        }
    }

    /// One attempt's outcome, for the list's health badge.
    public struct LastAttempt: Sendable, Equatable {
        /// When it started.
        public var startedAt: Date
        /// The receiver's status code, `nil` when none answered.
        public var statusCode: Int?
        /// What went wrong, when something did.
        public var error: String?
        /// How long it took.
        public var durationMs: Int

        /// Whether the receiver accepted it (a 2xx answer).
        public var succeeded: Bool { statusCode.map { (200...299).contains($0) } ?? false }
    }
}
