import Dispatch
public import Lifecycle
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
/// A ``Service``: its thread starts with ``start()`` or the first ``nudge()``, and ``stop(deadline:)`` joins it,
/// which must happen before the database closes.
public final class DeliveryWakeUp: Service {
    private struct State {
        var pending = false
        var thread: JoinableThread?
        var isStopped = false
    }

    private let database: Database
    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    /// A wake-up that sends its `NOTIFY`s through `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Starts the sending thread, unless a nudge started it already.
    public func start() throws {
        try state.withLock { state throws(LifecycleError) in try startThread(&state) }
    }

    /// Asks for a `NOTIFY` soon; never blocks. Starts the thread when nothing did yet; a thread that cannot be
    /// made only delays the deliveries to the dispatchers' next poll.
    public func nudge() {
        let wake = state.withLock { state -> Bool in
            guard !state.isStopped, (try? startThread(&state)) != nil else { return false }
            let wasPending = state.pending
            state.pending = true
            return !wasPending
        }
        if wake { signal.signal() }
    }

    /// Returns after any `NOTIFY` being sent (a single short statement, so `deadline` never cuts it); later nudges
    /// do nothing.
    public func stop(deadline: ContinuousClock.Instant) {
        let thread = state.withLock { state -> JoinableThread? in
            state.isStopped = true
            defer { state.thread = nil }
            return state.thread
        }
        guard let thread else { return }
        signal.signal()
        thread.join()
    }

    private func startThread(_ state: inout State) throws(LifecycleError) {
        guard state.thread == nil, !state.isStopped else { return }
        state.thread = try JoinableThread.start(name: "wake-up") { [self] in run() }
    }

    private func run() {
        while true {
            signal.wait()
            let proceed = state.withLock { state -> Bool in
                guard !state.isStopped else { return false }
                state.pending = false
                return true
            }
            guard proceed else { return }
            // A failure only delays the deliveries to the dispatchers' next poll.
            try? database.read { try $0.events.notifyDispatchers() }
        }
    }
}
