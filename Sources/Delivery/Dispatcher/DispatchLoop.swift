import Foundation
import Logging
import Storage
import WebhookCore

/// The dispatcher thread: claim -> sign -> send -> record -> schedule, until a stop is requested.
///
/// Everything here belongs to that one thread (the HTTP client included); other threads reach it only through
/// ``DispatcherShared``: the scan flag and the client's waker wake it, the stop deadline ends it. Its database
/// round trips run as ``DatabaseErrands`` on other threads, so sending goes on while a claim or a write is out;
/// their results come back to this thread, which alone changes its state.
///
/// Each step has a file: `DispatchLoop+Claiming.swift` (claims and hand-offs), `DispatchLoop+Lanes.swift`
/// (per-webhook queues, signing and sending), `DispatchLoop+Outcomes.swift` (recording and retry wake-ups),
/// `DispatchLoop+Stopping.swift` (the grace period and the release of leases). How lanes stay within the lease
/// and fair between webhooks: `docs/dispatcher.md`.
final class DispatchLoop {
    /// A request on the wire.
    struct Sending {
        let delivery: ClaimedDelivery
        let startedAt: Date
        /// What the delivery log keeps of the request.
        let request: AttemptRequest
    }

    let shared: DispatcherShared
    let client: CurlMultiClient
    let signer: DeliverySigner
    let errands: DatabaseErrands
    let clock = ContinuousClock()

    var configuration: DispatcherConfiguration { shared.configuration }
    var logger: Logger? { shared.logger }

    // The state below is the dispatcher thread's alone; only this type's extensions change it.

    /// Requests on the wire, by their client tag.
    var sending: [UInt64: Sending] = [:]
    var nextTag: UInt64 = 0
    /// Per-webhook queues and in-flight counts.
    var lanes: [UUID: WebhookLane] = [:]
    /// Lanes with deliveries waiting.
    var lanesWithWaiting: Set<UUID> = []
    /// Deliveries waiting in lanes, in all.
    var waitingCount = 0

    /// Outcomes not yet written, oldest first, and when the oldest arrived.
    var unrecorded: [DeliveryOutcome] = []
    /// The tenants of ``unrecorded``: their webhooks' counters change when the outcomes are written, and the
    /// read caches of every server are told then.
    var unrecordedTenants: Set<UUID> = []
    var oldestUnrecordedAt: ContinuousClock.Instant?
    /// Unrecorded outcomes of fifo webhooks' deliveries: once written, the next of each such webhook may be
    /// claimed, so a scan is owed then.
    var unrecordedFifo: Set<UUID> = []

    /// The limit of the claim that is out, or 0.
    var claimOut = 0
    /// Room reserved by publishers for deliveries they are writing leased to us (see ``DispatcherShared``).
    var reservedForHandoffs = 0
    /// When publishers last handed deliveries over.
    var lastHandoffAt: ContinuousClock.Instant?
    /// How many of the oldest ``unrecorded`` outcomes the write that is out holds, or 0.
    var writeOut = 0

    /// When to look for due work again without a notification.
    var nextScanAt: ContinuousClock.Instant
    /// When our own retries fall due: a scan then finds them without waiting for the poll.
    var retryWakeUps = RetryWakeUps()
    /// When to next drop waiting deliveries whose lease can no longer cover an attempt.
    var nextSweepAt: ContinuousClock.Instant
    /// A scan is owed (a notification came, or the last claim failed).
    var scanOwed = true
    /// The last claim was full, so more may be due right now.
    var moreMayBeDue = false
    /// While the database fails: no database call before this instant.
    var databaseRetryAt: ContinuousClock.Instant?
    var databaseBackoff = Backoff()
    /// Set once the stop request has been seen.
    var stopDeadline: ContinuousClock.Instant?

    /// A loop for `shared`; the client must have been made for the waker in `shared`.
    init(shared: DispatcherShared, client: CurlMultiClient, cipher: SecretCipher) {
        self.shared = shared
        self.client = client
        self.signer = DeliverySigner(cipher: cipher, configuration: shared.configuration, logger: shared.logger)
        self.errands = DatabaseErrands(shared: shared)
        self.nextScanAt = ContinuousClock.now
        self.nextSweepAt = ContinuousClock.now
    }

    // MARK: The loop

    /// Runs until a stop is requested and in-flight requests have finished (or the grace period ended), then
    /// writes the remaining outcomes and releases this worker's leases.
    func run() {
        logger?.info("dispatcher started", metadata: ["owner": "\(configuration.owner)"])
        while !isDone() {
            claimDueDeliveries()
            for result in client.poll(timeout: timeUntilNextDuty()) {
                settle(result)
            }
            takeFinishedErrands()
            takeHandedOver()
            sendWhatSlotsAllow()
            recordOutcomes()
            offerHandoffRoom()
            publishGauges()
        }
        shutDown()
    }

    // MARK: Schedule

    /// How long `poll` may sleep: until the next scan (or retry falling due), the next write of outcomes, the end
    /// of a database pause or the stop deadline, whichever comes first; zero when more work is due right now. A
    /// finished errand wakes `poll` by itself.
    func timeUntilNextDuty() -> Duration {
        let now = clock.now
        var databaseDuty: ContinuousClock.Instant?
        if stopDeadline == nil, claimOut == 0, capacity >= minimumClaim {
            databaseDuty = moreMayBeDue || scanOwed ? now : retryWakeUps.nextScan(regularlyAt: nextScanAt)
        }
        if writeOut == 0, let oldest = oldestUnrecordedAt {
            let writeAt = oldest + configuration.recordInterval
            databaseDuty = databaseDuty.map { min($0, writeAt) } ?? writeAt
        }
        if let duty = databaseDuty, let retryAt = databaseRetryAt {
            databaseDuty = max(duty, retryAt)
        }
        var wake = databaseDuty ?? now + configuration.pollInterval
        if let resumes = nextLaneResumption(after: now) {
            wake = min(wake, resumes)
        }
        if let stopDeadline {
            wake = min(wake, stopDeadline)
        }
        return max(.zero, now.duration(to: wake))
    }

    /// Publishes the current figures.
    func publishGauges() {
        let (inFlight, queued, unrecorded) = (sending.count, waitingCount, unrecorded.count)
        shared.count {
            $0.inFlight = inFlight
            $0.queued = queued
            $0.unrecorded = unrecorded
        }
    }

    // MARK: Database failures

    func databaseIsUsable(at now: ContinuousClock.Instant) -> Bool {
        databaseRetryAt.map { now >= $0 } ?? true
    }

    func databaseSucceeded() {
        if databaseBackoff.isBackingOff {
            logger?.notice("database reachable again")
        }
        databaseBackoff.reset()
        databaseRetryAt = nil
    }

    func databaseFailed(_ error: any Error, while doing: String) {
        let pause = databaseBackoff.next()
        databaseRetryAt = clock.now + pause
        shared.count { $0.databaseErrors += 1 }
        logger?.warning("database error; retrying", metadata: [
            "while": "\(doing)", "error": "\(error)", "retryInMs": "\(pause.wholeMillisecondsRoundedUp)",
        ])
    }
}
