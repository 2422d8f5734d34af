/// What a ``Dispatcher`` is doing and has done since it started, for metrics.
///
/// The totals count attempts: every finished attempt adds one to ``sent`` and exactly one to ``succeeded``,
/// ``retried`` or ``failed``.
public struct DispatcherStatistics: Sendable, Equatable {
    /// Requests on the wire now.
    public var inFlight = 0
    /// Deliveries publishers of this process handed over (written leased to this dispatcher, never claimed).
    public var handedOver = 0
    /// Claimed deliveries waiting for a free slot of their webhook (its `maxConcurrency`).
    public var queued = 0
    /// Attempts finished (a response, a network error, or a delivery that could not even be signed).
    public var sent = 0
    /// Attempts answered with a 2xx.
    public var succeeded = 0
    /// Failed attempts that were the last of their budget: the delivery is `failed`.
    public var failed = 0
    /// Failed attempts with budget left: the delivery is due again later.
    public var retried = 0
    /// Claimed deliveries not sent but left to their lease, which returns them to the queue when it ends: their
    /// webhook had more queued here than it could take before the lease ran out, or the dispatcher stopped.
    public var deferred = 0
    /// Outcomes waiting to be written to the database.
    public var unrecorded = 0
    /// Outcomes the database ignored because this dispatcher had lost the delivery's lease meanwhile.
    public var staleOutcomes = 0
    /// Database calls (claims, writes, releases) that failed and were retried later.
    public var databaseErrors = 0

    /// Empty statistics.
    public init() {}
}
