import Foundation
import Lifecycle
import Logging
import Storage
import Synchronization
import Tenancy

/// Periodic upkeep, run by every `serve` and `worker` process (safe to run in several at once): deletes delivery
/// logs older than each plan's retention, expired sessions, stale login counters and expired test inboxes, and
/// merges the statistics rollups of past hours (deleting those older than the longest window).
final class Maintenance: Service {
    private let database: Database
    private let authenticator: Authenticator
    private let logger: Logger
    private let interval: TimeInterval
    private let stopped = Mutex(false)
    private let thread = Mutex<JoinableThread?>(nil)
    private let wakeup = NSCondition()

    init(database: Database, authenticator: Authenticator, logger: Logger, interval: TimeInterval = 600) {
        self.database = database
        self.authenticator = authenticator
        self.logger = logger
        self.interval = interval
    }

    /// Starts the background thread (once); the first pass runs a minute after start.
    func start() throws(LifecycleError) {
        try thread.withLock { (thread: inout JoinableThread?) throws(LifecycleError) in
            guard thread == nil, !stopped.withLock({ $0 }) else { return }
            thread = try JoinableThread.start(name: "maintenance") { [self] in
                var delay: TimeInterval = min(60, interval)
                while waitOrStop(delay) {
                    runOnce()
                    delay = interval
                }
            }
        }
    }

    /// Wakes the thread and waits for it: at once between passes, at the end of the current one during a pass
    /// (its statements cannot be cut off at the deadline; the pool is closed only after this returns).
    func stop(deadline: ContinuousClock.Instant) {
        stopped.withLock { $0 = true }
        wakeup.lock()
        wakeup.broadcast()
        wakeup.unlock()
        thread.withLock { thread in
            defer { thread = nil }
            return thread
        }?.join()
    }

    /// One pass of every upkeep task; failures are logged and retried on the next pass.
    func runOnce() {
        do {
            let purged = try database.read { try $0.deliveryQueue.purgeExpired(now: Date()) }
            let sessions = try authenticator.purgeExpiredSessions()
            let throttles = try authenticator.purgeStaleLoginThrottles()
            let inboxes = try database.read { try $0.inboxes.purgeExpired(now: Date()) }
            let portalLinks = try authenticator.purgeExpiredPortalLinks()
            let statisticsRows = try database.read { try $0.deliveryStatistics.compact(now: Date()) }
            if purged.deliveries + purged.events + sessions + throttles + inboxes + portalLinks + statisticsRows > 0 {
                logger.info("maintenance", metadata: [
                    "deliveriesPurged": "\(purged.deliveries)", "eventsPurged": "\(purged.events)",
                    "sessionsPurged": "\(sessions)", "loginThrottlesPurged": "\(throttles)",
                    "inboxesPurged": "\(inboxes)", "portalLinksPurged": "\(portalLinks)",
                    "statisticsRowsMerged": "\(statisticsRows)",
                ])
            }
        } catch {
            logger.warning("maintenance failed; retrying next pass", metadata: ["error": "\(error)"])
        }
    }

    /// Waits `seconds` or until stopped; `false` once stopped.
    private func waitOrStop(_ seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        wakeup.lock()
        defer { wakeup.unlock() }
        while !stopped.withLock({ $0 }) && Date() < deadline {
            _ = wakeup.wait(until: deadline)
        }
        return !stopped.withLock { $0 }
    }
}
