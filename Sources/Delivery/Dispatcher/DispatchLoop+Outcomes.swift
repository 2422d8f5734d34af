import Foundation
import Storage
import WebhookCore

/// Outcomes: a finished request becomes an outcome, a retry schedules a wake-up, and outcomes are written in
/// batches.
extension DispatchLoop {
    /// Turns a finished request into an outcome and frees its webhook's slot.
    func settle(_ result: OutboundResult) {
        guard let finished = sending.removeValue(forKey: result.tag) else { return }
        let delivery = finished.delivery
        if let lane = lanes[delivery.webhookId] {
            lane.inFlight -= 1
            lane.lastActivity = clock.now
            lane.noteDuration(result.duration)
            let response = result.attemptResponse
            heed(ReceiverSignal(response), succeeded: response.isSuccess, of: delivery, in: lane)
        }
        if delivery.isFifo { unrecordedFifo.insert(delivery.id) }
        keep(DeliveryOutcome(delivery: delivery, request: finished.request, result: result,
                             startedAt: finished.startedAt, now: Date(), bodyLimit: configuration.maxResponseBodyBytes),
             tenantId: delivery.tenantId)
    }

    /// Counts an outcome, schedules a scan for its retry time, and queues it for writing.
    func keep(_ outcome: DeliveryOutcome, tenantId: UUID) {
        shared.count { statistics in
            statistics.sent += 1
            switch outcome.verdict {
            case .succeeded: statistics.succeeded += 1
            case .retry: statistics.retried += 1
            case .failed: statistics.failed += 1
            }
        }
        if case .retry(let at) = outcome.verdict {
            retryWakeUps.add(clock.now + .seconds(max(0, at.timeIntervalSinceNow)) + .milliseconds(1))
        }
        if unrecorded.isEmpty { oldestUnrecordedAt = clock.now }
        unrecorded.append(outcome)
        unrecordedTenants.insert(tenantId)
    }

    /// Sends a write of the waiting outcomes (one statement) once a batch is full or the oldest has waited
    /// ``DispatcherConfiguration/recordInterval``, or at once while stopping, unless a write is out;
    /// ``recorded(_:count:)`` takes its answer. On a database error the outcomes are kept and written again after
    /// a pause: the lease keeps anyone else from sending those deliveries meanwhile, and if it ran out and someone
    /// claimed one, the database ignores our outcome for it (logged).
    func recordOutcomes() {
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
    func recorded(_ result: Result<RecordSummary, any Error>, count: Int) {
        writeOut = 0
        switch result {
        case .success(let summary):
            databaseSucceeded()
            if !unrecordedFifo.isEmpty {
                // The next delivery of a fifo webhook whose outcome was just written may be claimed now.
                let written = unrecorded.prefix(count).filter { unrecordedFifo.remove($0.deliveryId) != nil }
                if !written.isEmpty { scanOwed = true }
            }
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
    static let largestWrite = 1_000

    /// Logs what a write could not apply and which webhooks it disabled; claims the operational events' deliveries
    /// it queued.
    func report(_ summary: RecordSummary) {
        if !summary.ignored.isEmpty {
            shared.count { $0.staleOutcomes += summary.ignored.count }
            logger?.warning("outcomes ignored: the lease was lost before they were written (the deliveries will be or were sent again)",
                            metadata: ["count": "\(summary.ignored.count)",
                                       "deliveryIds": "\(summary.ignored.prefix(10).map { $0.uuidString.lowercased() })"])
        }
        for webhookId in summary.disabledWebhooks {
            logger?.warning("webhook disabled (failing for too long, or its receiver answered 410 Gone)",
                            metadata: ["webhookId": "\(webhookId)"])
        }
        if summary.operationalDeliveriesQueued > 0 {
            scanOwed = true
        }
    }
}
