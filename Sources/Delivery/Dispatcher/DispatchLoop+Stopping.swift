import Foundation
import Storage

/// Stopping: once the stop request is seen, nothing new is claimed or sent; requests on the wire may finish until
/// the deadline, their outcomes are written, and every lease still held is released.
extension DispatchLoop {
    /// Whether the loop may end: a stop was requested, and nothing is on the wire (nor a claim out) or the grace
    /// period is over. Notices the stop request the first time it sees it (see ``beginStopping()``).
    func isDone() -> Bool {
        if stopDeadline == nil, let deadline = shared.stopRequestedDeadline {
            stopDeadline = deadline
            beginStopping()
        }
        guard let stopDeadline else { return false }
        return (sending.isEmpty && claimOut == 0) || clock.now >= stopDeadline
    }

    /// On the stop request: no more claims or sends; deliveries waiting in lanes are dropped (released below).
    func beginStopping() {
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
    func shutDown() {
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
    func waitForErrands() {
        while claimOut > 0 || writeOut > 0 {
            _ = client.poll(timeout: .milliseconds(100))
            takeFinishedErrands()
        }
    }

    /// Sleeps through the current database pause, but not past `deadline`.
    func pauseForDatabase(until deadline: ContinuousClock.Instant) {
        let end = min(databaseRetryAt ?? clock.now, deadline)
        clock.now.duration(to: end).sleepBlocking()
    }
}
