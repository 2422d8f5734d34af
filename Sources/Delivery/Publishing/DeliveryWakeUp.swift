import Foundation
public import Storage
import Synchronization

/// Wakes the dispatchers after deliveries were queued, with a `NOTIFY` on ``EventStore/notificationChannel``
/// sent from a thread of its own, outside the transactions that queued them.
///
/// Why not in the publishing transaction: PostgreSQL holds a database-wide lock from a transaction's first
/// `NOTIFY` until its commit is flushed, so publishes that notify commit one at a time, each waiting for the
/// previous one's WAL flush. Here a `NOTIFY` is a statement of its own (no WAL to flush), and ``nudge()``s that
/// arrive while one is being sent are folded into the next: every nudge is followed by a `NOTIFY` sent after it.
///
/// Whoever makes one closes it, before closing the database.
public final class DeliveryWakeUp: Sendable {
    private struct State {
        var pending = false
        var isRunning = false
        var isClosed = false
    }

    private let database: Database
    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    /// A wake-up that sends its `NOTIFY`s through `database`; its thread starts with the first ``nudge()``.
    public init(database: Database) {
        self.database = database
    }

    /// Asks for a `NOTIFY` soon; never blocks. The first call starts the sending thread.
    public func nudge() {
        let (wake, start) = state.withLock { state -> (Bool, Bool) in
            guard !state.isClosed else { return (false, false) }
            let wasPending = state.pending
            state.pending = true
            let start = !state.isRunning
            state.isRunning = true
            return (!wasPending, start)
        }
        if start {
            let thread = Thread { [self] in run() }
            thread.name = "delivery-wake-up"
            thread.start()
        }
        if wake { signal.signal() }
    }

    /// Stops the thread after any `NOTIFY` it is sending; later nudges do nothing.
    public func close() {
        let running = state.withLock { state -> Bool in
            state.isClosed = true
            return state.isRunning
        }
        if running { signal.signal() }
    }

    private func run() {
        while true {
            signal.wait()
            let proceed = state.withLock { state -> Bool in
                guard !state.isClosed else { return false }
                state.pending = false
                return true
            }
            guard proceed else { return }
            // A failure only delays the deliveries to the dispatchers' next poll.
            try? database.read { try $0.events.notifyDispatchers() }
        }
    }
}
