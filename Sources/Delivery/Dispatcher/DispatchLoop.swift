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
/// **Per-webhook concurrency.** Claims return due deliveries oldest first, whatever their webhook. Each webhook
/// has a lane: at most `maxConcurrency` of its requests are on the wire, the rest of its claimed deliveries wait
/// in the lane, still leased to us. A lease only protects a delivery for `lease` (60 s), so a delivery is only
/// sent while its lease still covers its timeout plus ``DispatcherConfiguration/leaseSafetyMargin``; one that
/// waited too long is dropped here and left to its lease, which puts it back in the queue (due when the lease
/// ends), never sent by us after someone else may have claimed it. To keep that rare and to keep one slow
/// webhook from filling the dispatcher (claims are oldest first, so a slow webhook's backlog would otherwise be
/// claimed again and again), a lane only admits as many deliveries as it can send within the lease at its
/// observed request duration (``WebhookLane/admissionLimit(window:)``); the excess of a claim is dropped the same
/// way. Dropped deliveries come back after the lease, behind newer work, which also makes the queue fair.
final class DispatchLoop {
    /// A request on the wire.
    private struct Sending {
        let delivery: ClaimedDelivery
        let startedAt: Date
    }

    private let shared: DispatcherShared
    private let client: CurlMultiClient
    private let signer: DeliverySigner
    private let errands: DatabaseErrands
    private let clock = ContinuousClock()

    private var configuration: DispatcherConfiguration { shared.configuration }
    private var logger: Logger? { shared.logger }

    /// Requests on the wire, by their client tag.
    private var sending: [UInt64: Sending] = [:]
    private var nextTag: UInt64 = 0
    /// Per-webhook queues and in-flight counts.
    private var lanes: [UUID: WebhookLane] = [:]
    /// Lanes with deliveries waiting.
    private var lanesWithWaiting: Set<UUID> = []
    /// Deliveries waiting in lanes, in all.
    private var waitingCount = 0

    /// Outcomes not yet written, oldest first, and when the oldest arrived.
    private var unrecorded: [DeliveryOutcome] = []
    /// The tenants of ``unrecorded``: their webhooks' counters change when the outcomes are written, and the
    /// read caches of every server are told then.
    private var unrecordedTenants: Set<UUID> = []
    private var oldestUnrecordedAt: ContinuousClock.Instant?

    /// The limit of the claim that is out, or 0.
    private var claimOut = 0
    /// Room reserved by publishers for deliveries they are writing leased to us (see ``DispatcherShared``).
    private var reservedForHandoffs = 0
    /// When publishers last handed deliveries over.
    private var lastHandoffAt: ContinuousClock.Instant?
    /// How many of the oldest ``unrecorded`` outcomes the write that is out holds, or 0.
    private var writeOut = 0

    /// When to look for due work again without a notification.
    private var nextScanAt: ContinuousClock.Instant
    /// When our own retries fall due, soonest first: a scan then finds them without waiting for the poll.
    private var retryWakeUps: [ContinuousClock.Instant] = []
    /// When to next drop waiting deliveries whose lease can no longer cover an attempt.
    private var nextSweepAt: ContinuousClock.Instant
    /// A scan is owed (a notification came, or the last claim failed).
    private var scanOwed = true
    /// The last claim was full, so more may be due right now.
    private var moreMayBeDue = false
    /// While the database fails: no database call before this instant.
    private var databaseRetryAt: ContinuousClock.Instant?
    private var databaseBackoff = Backoff()
    /// Set once the stop request has been seen.
    private var stopDeadline: ContinuousClock.Instant?

    /// A loop for `shared`; the client must have been made for the waker in `shared`.
    init(shared: DispatcherShared, client: CurlMultiClient, cipher: SecretCipher) {
        self.shared = shared
        self.client = client
        self.signer = DeliverySigner(cipher: cipher, headerPrefix: shared.configuration.headerPrefix,
                                     userAgent: shared.configuration.userAgent, logger: shared.logger)
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

    /// Whether the loop may end: a stop was requested, and nothing is on the wire (nor a claim out) or the grace
    /// period is over. Notices the stop request the first time it sees it (see ``beginStopping()``).
    private func isDone() -> Bool {
        if stopDeadline == nil, let deadline = shared.stopRequestedDeadline {
            stopDeadline = deadline
            beginStopping()
        }
        guard let stopDeadline else { return false }
        return (sending.isEmpty && claimOut == 0) || clock.now >= stopDeadline
    }

    // MARK: Claim

    /// Free room for claimed deliveries: `maxInFlight` minus what is on the wire, waiting in lanes, being claimed
    /// or reserved by publishers.
    private var capacity: Int {
        configuration.maxInFlight - sending.count - waitingCount - claimOut - reservedForHandoffs
    }

    /// The smallest claim worth a round trip while busy: a quarter of a batch (or of `maxInFlight`).
    private var minimumClaim: Int { max(1, min(configuration.batchSize, configuration.maxInFlight) / 4) }

    /// Sends a claim when a scan is owed (a notification, the poll interval, a full last claim), there is room and
    /// no claim is out; ``claimed(_:limit:claimedAt:requestedAt:)`` takes its answer.
    private func claimDueDeliveries() {
        scanOwed = shared.takeScanRequest() || scanOwed
        let now = clock.now
        if now >= nextSweepAt {
            dropWaitingPastTheirLease()
            nextSweepAt = now + configuration.pollInterval
        }
        let retryFellDue = retryWakeUps.first.map { now >= $0 } ?? false
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
    private var writesPending: Bool { !unrecorded.isEmpty && databaseBackoff.isBackingOff }

    /// Queues the deliveries of a claim in their webhooks' lanes (or, once stopping, leaves them to the release).
    private func claimed(_ result: Result<[ClaimedDelivery], any Error>, limit: Int, claimedAt: Date,
                         requestedAt: ContinuousClock.Instant) {
        claimOut = 0
        switch result {
        case .success(let claimed):
            databaseSucceeded()
            moreMayBeDue = claimed.count == limit
            nextScanAt = clock.now + configuration.pollInterval
            retryWakeUps.removeFirst(retryWakeUps.prefix { $0 <= requestedAt }.count)
            admit(claimed, now: claimedAt)
        case .failure(let error):
            scanOwed = true
            databaseFailed(error, while: "claiming deliveries")
        }
    }

    /// Acts on the database errands that finished.
    private func takeFinishedErrands() {
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
    private func takeHandedOver() {
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
    private func offerHandoffRoom() {
        guard stopDeadline == nil, !writesPending else {
            shared.offerHandoffRoom(0)
            return
        }
        shared.offerHandoffRoom(moreMayBeDue ? capacity - minimumClaim : capacity)
    }

    /// Queues leased deliveries (claimed or handed over) in their webhooks' lanes; once stopping, leaves them to the
    /// release of our leases.
    private func admit(_ deliveries: [ClaimedDelivery], now: Date) {
        guard stopDeadline == nil else {
            shared.count { $0.deferred += deliveries.count }
            return
        }
        for delivery in deliveries {
            admit(delivery, now: now)
        }
    }

    /// Queues a claimed delivery in its webhook's lane, or drops it (leaving it to its lease) when the lane holds
    /// more than it can send before the lease ends.
    private func admit(_ delivery: ClaimedDelivery, now: Date) {
        let lane = lanes[delivery.webhookId] ?? WebhookLane(now: clock.now)
        lanes[delivery.webhookId] = lane
        lane.maxConcurrency = max(1, delivery.maxConcurrency)
        lane.lastActivity = clock.now
        let window = Duration.seconds(delivery.leaseExpiresAt.timeIntervalSince(now))
            - .milliseconds(delivery.timeoutMs) - configuration.leaseSafetyMargin
        guard lane.waitingCount + lane.inFlight < lane.admissionLimit(window: window) else {
            shared.count { $0.deferred += 1 }
            return
        }
        lane.append(delivery)
        lanesWithWaiting.insert(delivery.webhookId)
        waitingCount += 1
    }

    // MARK: Sign and send

    /// Starts the waiting deliveries their lanes have slots for, oldest first per lane.
    private func sendWhatSlotsAllow() {
        guard stopDeadline == nil else { return }
        for webhookId in lanesWithWaiting {
            guard let lane = lanes[webhookId] else { continue }
            while lane.hasFreeSlot, let delivery = lane.popWaiting() {
                waitingCount -= 1
                if leaseCoversAnAttempt(of: delivery) {
                    send(delivery, in: lane)
                } else {
                    shared.count { $0.deferred += 1 }
                }
            }
        }
        lanesWithWaiting = lanesWithWaiting.filter { lanes[$0].map { $0.waitingCount > 0 } ?? false }
    }

    /// Signs one attempt and hands it to the client; a delivery that cannot be signed becomes a failed attempt.
    private func send(_ delivery: ClaimedDelivery, in lane: WebhookLane) {
        let now = Date()
        let request: OutboundRequest
        do {
            request = try signer.request(for: delivery, now: now)
        } catch {
            logger?.error("delivery cannot be signed", metadata: [
                "deliveryId": "\(delivery.id)", "webhookId": "\(delivery.webhookId)", "error": "\(error)",
            ])
            keep(DeliveryOutcome(delivery: delivery, unsentBecause: error.description, at: now), tenantId: delivery.tenantId)
            return
        }
        nextTag &+= 1
        client.submit(request, tag: nextTag)
        sending[nextTag] = Sending(delivery: delivery, startedAt: now)
        lane.inFlight += 1
    }

    /// Whether the delivery's lease still covers a whole attempt plus the margin for recording it.
    private func leaseCoversAnAttempt(of delivery: ClaimedDelivery) -> Bool {
        let needed = Double(delivery.timeoutMs) / 1_000 + configuration.leaseSafetyMargin.timeInterval
        return delivery.leaseExpiresAt.timeIntervalSinceNow >= needed
    }

    /// Drops waiting deliveries whose lease no longer covers an attempt (their webhook is too slow for its
    /// backlog); their leases return them to the queue. Also forgets lanes idle for a while.
    private func dropWaitingPastTheirLease() {
        for webhookId in lanesWithWaiting {
            guard let lane = lanes[webhookId] else { continue }
            let dropped = lane.removeWaiting { !leaseCoversAnAttempt(of: $0) }
            guard !dropped.isEmpty else { continue }
            waitingCount -= dropped.count
            shared.count { $0.deferred += dropped.count }
            logger?.notice("webhook too slow for its backlog; deliveries left to their lease", metadata: [
                "webhookId": "\(webhookId)", "count": "\(dropped.count)",
            ])
        }
        let forgetBefore = clock.now - .seconds(300)
        lanes = lanes.filter { !$0.value.isIdle || $0.value.lastActivity > forgetBefore }
    }

    // MARK: Outcomes

    /// Turns a finished request into an outcome and frees its webhook's slot.
    private func settle(_ result: OutboundResult) {
        guard let finished = sending.removeValue(forKey: result.tag) else { return }
        let delivery = finished.delivery
        if let lane = lanes[delivery.webhookId] {
            lane.inFlight -= 1
            lane.lastActivity = clock.now
            lane.noteDuration(result.duration)
        }
        keep(DeliveryOutcome(delivery: delivery, result: result, startedAt: finished.startedAt, now: Date(),
                             bodyLimit: configuration.maxResponseBodyBytes), tenantId: delivery.tenantId)
    }

    /// Counts an outcome, schedules a scan for its retry time, and queues it for writing.
    private func keep(_ outcome: DeliveryOutcome, tenantId: UUID) {
        shared.count { statistics in
            statistics.sent += 1
            switch outcome.verdict {
            case .succeeded: statistics.succeeded += 1
            case .retry: statistics.retried += 1
            case .failed: statistics.failed += 1
            }
        }
        if case .retry(let at) = outcome.verdict {
            scheduleWakeUp(at: clock.now + .seconds(max(0, at.timeIntervalSinceNow)) + .milliseconds(1))
        }
        if unrecorded.isEmpty { oldestUnrecordedAt = clock.now }
        unrecorded.append(outcome)
        unrecordedTenants.insert(tenantId)
    }

    /// Remembers to scan at `instant`, when one of our retries falls due. Only the soonest
    /// ``maximumRetryWakeUps`` are kept; later ones are found by the regular poll.
    private func scheduleWakeUp(at instant: ContinuousClock.Instant) {
        var low = 0
        var high = retryWakeUps.count
        while low < high {
            let middle = (low + high) / 2
            if retryWakeUps[middle] < instant { low = middle + 1 } else { high = middle }
        }
        guard low < Self.maximumRetryWakeUps else { return }
        retryWakeUps.insert(instant, at: low)
        if retryWakeUps.count > Self.maximumRetryWakeUps { retryWakeUps.removeLast() }
    }

    /// The most retry wake-ups remembered.
    private static let maximumRetryWakeUps = 10_000

    /// Sends a write of the waiting outcomes (one statement) once a batch is full or the oldest has waited
    /// ``DispatcherConfiguration/recordInterval``, or at once while stopping, unless a write is out;
    /// ``recorded(_:count:)`` takes its answer. On a database error the outcomes are kept and written again after
    /// a pause: the lease keeps anyone else from sending those deliveries meanwhile, and if it ran out and someone
    /// claimed one, the database ignores our outcome for it (logged).
    private func recordOutcomes() {
        guard writeOut == 0, let oldest = oldestUnrecordedAt else { return }
        let now = clock.now
        guard databaseIsUsable(at: now),
              stopDeadline != nil || unrecorded.count >= configuration.recordBatchSize
                  || now >= oldest + configuration.recordInterval
        else { return }
        let batch = Array(unrecorded.prefix(Self.largestWrite))
        writeOut = batch.count
        errands.record(batch, tenants: unrecordedTenants)
    }

    /// Takes the answer of a write of the oldest `count` outcomes.
    private func recorded(_ result: Result<RecordSummary, any Error>, count: Int) {
        writeOut = 0
        switch result {
        case .success(let summary):
            databaseSucceeded()
            unrecorded.removeFirst(count)
            if unrecorded.isEmpty {
                unrecordedTenants.removeAll()
                oldestUnrecordedAt = nil
            }
            report(summary)
            // The rest of a backlog goes at once.
            recordOutcomes()
        case .failure(let error):
            databaseFailed(error, while: "recording \(count) outcomes")
        }
    }

    /// The most outcomes written in one statement (a backlog after a database outage goes in several).
    private static let largestWrite = 1_000

    /// Logs what a write could not apply and which webhooks it disabled.
    private func report(_ summary: RecordSummary) {
        if !summary.ignored.isEmpty {
            shared.count { $0.staleOutcomes += summary.ignored.count }
            logger?.warning("outcomes ignored: the lease was lost before they were written (the deliveries will be or were sent again)",
                            metadata: ["count": "\(summary.ignored.count)",
                                       "deliveryIds": "\(summary.ignored.prefix(10).map { $0.uuidString.lowercased() })"])
        }
        for webhookId in summary.disabledWebhooks {
            logger?.warning("webhook disabled automatically after failing for too long",
                            metadata: ["webhookId": "\(webhookId)"])
        }
    }

    // MARK: Schedule

    /// How long `poll` may sleep: until the next scan, the next write of outcomes, the end of a database pause
    /// or the stop deadline, whichever comes first; zero when more work is due right now. A finished errand
    /// wakes `poll` by itself.
    private func timeUntilNextDuty() -> Duration {
        let now = clock.now
        var databaseDuty: ContinuousClock.Instant?
        if stopDeadline == nil, claimOut == 0, capacity >= minimumClaim {
            databaseDuty = moreMayBeDue || scanOwed ? now : min(nextScanAt, retryWakeUps.first ?? nextScanAt)
        }
        if writeOut == 0, let oldest = oldestUnrecordedAt {
            let writeAt = oldest + configuration.recordInterval
            databaseDuty = databaseDuty.map { min($0, writeAt) } ?? writeAt
        }
        if let duty = databaseDuty, let retryAt = databaseRetryAt {
            databaseDuty = max(duty, retryAt)
        }
        var wake = databaseDuty ?? now + configuration.pollInterval
        if let stopDeadline {
            wake = min(wake, stopDeadline)
        }
        return max(.zero, now.duration(to: wake))
    }

    /// Publishes the current figures.
    private func publishGauges() {
        let (inFlight, queued, unrecorded) = (sending.count, waitingCount, unrecorded.count)
        shared.count {
            $0.inFlight = inFlight
            $0.queued = queued
            $0.unrecorded = unrecorded
        }
    }

    // MARK: Database failures

    private func databaseIsUsable(at now: ContinuousClock.Instant) -> Bool {
        databaseRetryAt.map { now >= $0 } ?? true
    }

    private func databaseSucceeded() {
        if databaseBackoff.isBackingOff {
            logger?.notice("database reachable again")
        }
        databaseBackoff.reset()
        databaseRetryAt = nil
    }

    private func databaseFailed(_ error: any Error, while doing: String) {
        let pause = databaseBackoff.next()
        databaseRetryAt = clock.now + pause
        shared.count { $0.databaseErrors += 1 }
        logger?.warning("database error; retrying", metadata: [
            "while": "\(doing)", "error": "\(error)", "retryInMs": "\(pause.wholeMillisecondsRoundedUp)",
        ])
    }

    // MARK: Stop

    /// On the stop request: no more claims or sends; deliveries waiting in lanes are dropped (released below).
    private func beginStopping() {
        var dropped = 0
        for webhookId in lanesWithWaiting {
            dropped += lanes[webhookId]?.removeAllWaiting().count ?? 0
        }
        lanesWithWaiting.removeAll()
        waitingCount = 0
        shared.count { $0.deferred += dropped }
        logger?.info("dispatcher stopping", metadata: [
            "inFlight": "\(sending.count)", "notStarted": "\(dropped)", "owner": "\(configuration.owner)",
        ])
    }

    /// After the loop: writes what is left and releases every lease this worker holds (deliveries not started,
    /// and those still on the wire when the grace period ended), retrying database errors until the deadline.
    private func shutDown() {
        if !sending.isEmpty {
            logger?.warning("grace period over with requests on the wire; their deliveries are released and will be sent again",
                            metadata: ["count": "\(sending.count)"])
            sending.removeAll()
        }
        let deadline = stopDeadline ?? clock.now
        databaseRetryAt = nil
        // What is out finishes first, whatever the deadline: a write must land before the release, or the release
        // would take its leases and its outcomes would be ignored. Then the rest is written, retrying database
        // errors until the deadline.
        waitForErrands()
        recordOutcomes()
        while writeOut > 0 || (!unrecorded.isEmpty && clock.now < deadline) {
            if writeOut > 0 {
                waitForErrands()
            } else {
                pauseForDatabase(until: deadline)
                recordOutcomes()
            }
        }
        if !unrecorded.isEmpty {
            logger?.error("outcomes could not be written before the deadline; those deliveries will be sent again",
                          metadata: ["count": "\(unrecorded.count)"])
        }
        databaseRetryAt = nil
        while true {
            do {
                let released = try shared.database.read {
                    try $0.deliveryQueue.release(owner: configuration.owner, now: Date())
                }
                logger?.info("dispatcher stopped", metadata: ["released": "\(released)", "owner": "\(configuration.owner)"])
                break
            } catch {
                databaseFailed(error, while: "releasing leases")
                guard clock.now < deadline else {
                    logger?.error("leases could not be released; they return to the queue when they run out")
                    break
                }
                pauseForDatabase(until: deadline)
            }
        }
        publishGauges()
    }

    /// Waits until no claim or write is out, acting on each as it finishes (a write's success may send the next).
    private func waitForErrands() {
        while claimOut > 0 || writeOut > 0 {
            _ = client.poll(timeout: .milliseconds(100))
            takeFinishedErrands()
        }
    }

    /// Sleeps through the current database pause, but not past `deadline`.
    private func pauseForDatabase(until deadline: ContinuousClock.Instant) {
        let end = min(databaseRetryAt ?? clock.now, deadline)
        clock.now.duration(to: end).sleepBlocking()
    }
}
