import Dispatch
import Foundation
import Storage
import Synchronization

/// The dispatcher thread's database round trips, run off that thread so that they overlap sending: claims on one
/// serial queue, writes of outcomes on another (each with its own pooled connection). A finished errand lands in
/// an inbox and wakes the dispatcher thread, which alone acts on it; at most one claim and one write are out at a
/// time, so each queue runs one errand at once and a write never overtakes the previous one.
final class DatabaseErrands: Sendable {
    /// A finished errand.
    enum Finished: Sendable {
        /// A claim of up to `limit` deliveries, made with `claimedAt` as its time, asked for at `requestedAt`.
        case claimed(Result<[ClaimedDelivery], any Error>, limit: Int, claimedAt: Date,
                     requestedAt: ContinuousClock.Instant)
        /// A write of the oldest `count` unrecorded outcomes.
        case recorded(Result<RecordSummary, any Error>, count: Int)
    }

    private let shared: DispatcherShared
    private let claims = DispatchQueue(label: "webhooks.dispatcher.claims")
    private let writes = DispatchQueue(label: "webhooks.dispatcher.writes")
    private let inbox = Mutex<[Finished]>([])

    init(shared: DispatcherShared) {
        self.shared = shared
    }

    /// Leases up to `limit` due deliveries as of `claimedAt`.
    func claim(limit: Int, claimedAt: Date, requestedAt: ContinuousClock.Instant) {
        claims.async { [self] in
            let configuration = shared.configuration
            let result = Result {
                try shared.database.read {
                    try $0.deliveryQueue.claim(owner: configuration.owner, limit: limit, lease: configuration.lease,
                                               margin: configuration.leaseSafetyMargin, now: claimedAt)
                }
            }
            finish(.claimed(result, limit: limit, claimedAt: claimedAt, requestedAt: requestedAt))
        }
    }

    /// Writes `batch` (the oldest unrecorded outcomes), then tells the read caches that the counters of
    /// `tenants` changed (a lost announcement only leaves counters stale for the cache's time to live, so it is
    /// not retried).
    func record(_ batch: [DeliveryOutcome], tenants: Set<UUID>) {
        writes.async { [self] in
            let configuration = shared.configuration
            let result = Result {
                try shared.database.read {
                    try $0.deliveryQueue.record(batch, owner: configuration.owner, now: Date(),
                                                autoDisableAfter: configuration.autoDisableAfter)
                }
            }
            if case .success(let summary) = result {
                try? shared.database.announceChanges(tenantIds: tenants)
                // Operational events the write published: every dispatcher may claim their deliveries.
                if summary.operationalDeliveriesQueued > 0 {
                    try? shared.database.read { try $0.events.notifyDispatchers() }
                }
            }
            finish(.recorded(result, count: batch.count))
        }
    }

    /// The errands finished since the last call, in the order they finished.
    func takeFinished() -> [Finished] {
        inbox.withLock { finished in
            defer { finished.removeAll(keepingCapacity: true) }
            return finished
        }
    }

    private func finish(_ errand: Finished) {
        inbox.withLock { $0.append(errand) }
        shared.waker.wakeup()
    }
}
