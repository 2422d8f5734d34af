import Foundation
import Storage

/// Claiming: when to ask the queue for due deliveries and how many, and the deliveries publishers of this process
/// hand over (already leased to us) instead.
extension DispatchLoop {
    /// Free room for claimed deliveries: `maxInFlight` minus what is on the wire, waiting in lanes, being claimed
    /// or reserved by publishers, and the outcomes waiting to be written past `maxUnrecorded`.
    var capacity: Int {
        configuration.maxInFlight - sending.count - waitingCount - claimOut - reservedForHandoffs
            - max(0, unrecorded.count - configuration.maxUnrecorded)
    }

    /// The smallest claim worth a round trip while busy: a quarter of a batch (or of `maxInFlight`).
    var minimumClaim: Int { max(1, min(configuration.batchSize, configuration.maxInFlight) / 4) }

    /// Sends a claim when a scan is owed (a notification, the poll interval, a full last claim), there is room and
    /// no claim is out; ``claimed(_:limit:claimedAt:requestedAt:)`` takes its answer.
    func claimDueDeliveries() {
        scanOwed = shared.takeScanRequest() || scanOwed
        let now = clock.now
        if now >= nextSweepAt {
            dropWaitingPastTheirLease()
            nextSweepAt = now + configuration.pollInterval
        }
        let retryFellDue = retryWakeUps.isDue(at: now)
        guard stopDeadline == nil, claimOut == 0, databaseIsUsable(at: now), !writesPending,
              scanOwed || now >= nextScanAt || retryFellDue || moreMayBeDue, capacity >= minimumClaim
        else { return }

        // While publishers hand deliveries over, claims take a claim's worth at a time and leave the rest of the
        // room to hand-offs, which cost the database one statement less each; claims still follow one another.
        let handoffsFlowing = lastHandoffAt.map { now - $0 < configuration.pollInterval } ?? false
        let limit = min(handoffsFlowing ? minimumClaim : configuration.batchSize, capacity)
        claimOut = limit
        scanOwed = false
        errands.claim(limit: limit, claimedAt: Date(), requestedAt: now)
    }

    /// Outcomes wait after a failed write: until they are written, nothing new is claimed or offered to publishers
    /// (and sent), since what was sent goes first.
    var writesPending: Bool { !unrecorded.isEmpty && databaseBackoff.isBackingOff }

    /// Queues the deliveries of a claim in their webhooks' lanes (or, once stopping, leaves them to the release).
    func claimed(_ result: Result<[ClaimedDelivery], any Error>, limit: Int, claimedAt: Date,
                         requestedAt: ContinuousClock.Instant) {
        claimOut = 0
        switch result {
        case .success(let claimed):
            databaseSucceeded()
            moreMayBeDue = claimed.count == limit
            nextScanAt = clock.now + configuration.pollInterval
            retryWakeUps.removeDue(asOf: requestedAt)
            admit(claimed, now: claimedAt)
        case .failure(let error):
            scanOwed = true
            databaseFailed(error, while: "claiming deliveries")
        }
    }

    /// Acts on the database errands that finished.
    func takeFinishedErrands() {
        for errand in errands.takeFinished() {
            switch errand {
            case .claimed(let result, let limit, let claimedAt, let requestedAt):
                claimed(result, limit: limit, claimedAt: claimedAt, requestedAt: requestedAt)
            case .recorded(let result, let count):
                recorded(result, count: count)
            }
        }
    }

    /// Queues the deliveries publishers handed over (already leased to us) like claimed ones; once stopping, leaves
    /// them to the release.
    func takeHandedOver() {
        let (deliveries, reserved) = shared.takeHandedOver()
        reservedForHandoffs = reserved
        guard !deliveries.isEmpty else { return }
        lastHandoffAt = clock.now
        shared.count { $0.handedOver += deliveries.count }
        admit(deliveries, now: Date())
    }

    /// Tells publishers how many deliveries they may hand over until the next turn: the free room, less a
    /// claim's worth while due deliveries wait in the queue (so claims keep going and new events cannot starve the
    /// queue); none while stopping or while outcomes could not be written.
    func offerHandoffRoom() {
        guard stopDeadline == nil, !writesPending else {
            shared.offerHandoffRoom(0)
            return
        }
        shared.offerHandoffRoom(moreMayBeDue ? capacity - minimumClaim : capacity)
    }
}
