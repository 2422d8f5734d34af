import Foundation
import Storage
import WebhookCore

/// Lanes: each webhook's claimed deliveries wait in its lane for one of its `maxConcurrency` slots, and are signed
/// and sent from there while their lease still covers an attempt (`docs/dispatcher.md` explains the limits).
extension DispatchLoop {
    /// Queues leased deliveries (claimed or handed over) in their webhooks' lanes; once stopping, leaves them to the
    /// release of our leases.
    func admit(_ deliveries: [ClaimedDelivery], now: Date) {
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
    func admit(_ delivery: ClaimedDelivery, now: Date) {
        let lane = lanes[delivery.webhookId] ?? WebhookLane(now: clock.now)
        lanes[delivery.webhookId] = lane
        // A fifo webhook's claims hold one delivery at a time anyway; the lane says so too.
        lane.maxConcurrency = delivery.isFifo ? 1 : max(1, delivery.maxConcurrency)
        lane.keepPace(delivery.rateLimit)
        lane.lastActivity = clock.now
        // A pause the receiver asked for shortens the time left to send within the lease.
        let held = lane.resumesAt(after: clock.now).map { clock.now.duration(to: $0) } ?? .zero
        let window = Duration.seconds(delivery.leaseExpiresAt.timeIntervalSince(now))
            - .milliseconds(delivery.timeoutMs) - configuration.leaseSafetyMargin - held
        // A paced delivery goes only at the start its claim reserved for it across every dispatcher; one left
        // without (none fitted within its lease) stays with its lease, which returns it to the queue.
        let reservedStart = delivery.reservedStart.map { clock.now + .seconds($0) }
        guard !(lane.goneUntil.map { clock.now < $0 } ?? false),
              delivery.rateLimit == nil || reservedStart != nil,
              lane.waitingCount + lane.inFlight < lane.admissionLimit(window: window) else {
            shared.count { $0.deferred += 1 }
            return
        }
        if let reservedStart { lane.reserve(reservedStart) }
        lane.append(delivery)
        lanesWithWaiting.insert(delivery.webhookId)
        waitingCount += 1
    }

    // MARK: Sign and send

    /// Starts the waiting deliveries their lanes have slots for, oldest first per lane; lanes held back by their
    /// receiver's signals wait (``nextLaneResumption`` wakes the loop when they may go on).
    func sendWhatSlotsAllow() {
        guard stopDeadline == nil else { return }
        let now = clock.now
        for webhookId in lanesWithWaiting {
            guard let lane = lanes[webhookId] else { continue }
            while lane.hasFreeSlot, !lane.isHeldBack(at: now), let delivery = lane.popWaiting() {
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
    func send(_ delivery: ClaimedDelivery, in lane: WebhookLane) {
        let now = Date()
        let request: OutboundRequest
        let sent: AttemptRequest
        do {
            (request, sent) = try signer.request(for: delivery, now: now)
        } catch {
            // A format changed while its deliveries waited is the owner's doing, not the deployment's.
            logger?.log(level: error.isDeploymentFault ? .error : .warning, "delivery cannot be signed", metadata: [
                "deliveryId": "\(delivery.id)", "webhookId": "\(delivery.webhookId)", "error": "\(error)",
            ])
            if delivery.isFifo { unrecordedFifo.insert(delivery.id) }
            keep(DeliveryOutcome(delivery: delivery, unsentBecause: error.description, at: now), tenantId: delivery.tenantId)
            return
        }
        nextTag &+= 1
        client.submit(request, tag: nextTag)
        sending[nextTag] = Sending(delivery: delivery, startedAt: now, request: sent)
        lane.inFlight += 1
        lane.started(at: clock.now)
    }

    /// The soonest instant a lane with waiting deliveries, held back now, may send again.
    func nextLaneResumption(after now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var soonest: ContinuousClock.Instant?
        for webhookId in lanesWithWaiting {
            guard let resumes = lanes[webhookId]?.resumesAt(after: now) else { continue }
            soonest = soonest.map { min($0, resumes) } ?? resumes
        }
        return soonest
    }

    /// Acts on what the receiver's answer says about the whole webhook (``ReceiverSignal``): a slow-down pauses
    /// the lane, a success starts the pause's growth over, a `410 Gone` drops the lane's waiting deliveries (left to
    /// their leases; the disable written with the outcome keeps them from being claimed again).
    func heed(_ signal: ReceiverSignal, succeeded: Bool, of delivery: ClaimedDelivery, in lane: WebhookLane) {
        let now = clock.now
        switch signal {
        case .gone where !delivery.isTest:
            lane.goneUntil = now + configuration.lease
            let dropped = lane.removeAllWaiting().count
            waitingCount -= dropped
            shared.count { $0.deferred += dropped }
            logger?.warning("receiver answered 410 Gone; disabling the webhook", metadata: [
                "webhookId": "\(delivery.webhookId)", "deliveryId": "\(delivery.id)",
            ])
        case .slowDown(let retryAfter):
            let until = lane.throttle.signal(retryAfter: retryAfter, at: now)
            logger?.notice("receiver asked for a slower pace; webhook paused", metadata: [
                "webhookId": "\(delivery.webhookId)", "pauseMs": "\(now.duration(to: until).wholeMillisecondsRoundedUp)",
            ])
        default:
            if succeeded { lane.throttle.succeeded() }
        }
    }

    /// Whether the delivery's lease still covers a whole attempt plus the margin for recording it.
    func leaseCoversAnAttempt(of delivery: ClaimedDelivery) -> Bool {
        let needed = Double(delivery.timeoutMs) / 1_000 + configuration.leaseSafetyMargin.timeInterval
        return delivery.leaseExpiresAt.timeIntervalSinceNow >= needed
    }

    /// Drops waiting deliveries whose lease no longer covers an attempt (their webhook is too slow for its
    /// backlog); their leases return them to the queue. Also forgets lanes idle for a while (unless paused).
    func dropWaitingPastTheirLease() {
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
        let now = clock.now
        let forgetBefore = now - .seconds(300)
        // A lane still paused by its receiver is kept, so the pause outlives a quiet spell.
        lanes = lanes.filter { !$0.value.isIdle || $0.value.lastActivity > forgetBefore || $0.value.isHeldBack(at: now) }
    }
}
