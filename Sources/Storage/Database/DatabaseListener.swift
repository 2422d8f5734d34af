import Postgres
import Synchronization

/// A dedicated connection that waits for `NOTIFY`s on some channels, such as ``EventStore/notificationChannel``,
/// so a dispatcher wakes the moment work is queued instead of at its next poll.
///
/// It connects lazily, on the first ``wait(timeout:)``, so it can be made while the database is still down.
/// A lost connection is replaced by the next wait, which then reports ``Event/reconnected``: notifications sent
/// in between are lost, so the caller should re-scan whatever they announce. One thread waits at a time;
/// ``interrupt()`` and ``close()`` may be called from any thread.
public final class DatabaseListener: Sendable {
    /// Why ``wait(timeout:)`` returned.
    public enum Event: Sendable, Equatable {
        /// At least one notification arrived (several are folded into one event); their payloads, in order.
        case notified(payloads: [String])
        /// The timeout passed without a notification.
        case timedOut
        /// ``interrupt()`` was called.
        case interrupted
        /// The connection was (re)established and every channel listened to again; notifications sent while it
        /// was down were lost.
        case reconnected
    }

    private struct State {
        var listener: PostgresListener?
        var isClosed = false
    }

    private let url: String
    private let channels: [String]
    private let state = Mutex(State())

    /// A listener for `channels` on the database at `url` (a `postgresql://` URI or `key=value` string).
    /// Nothing is connected until the first ``wait(timeout:)``.
    public init(url: String, channels: [String]) {
        self.url = url
        self.channels = channels
    }

    /// Waits up to `timeout` for a notification, an ``interrupt()`` or a reconnection; connects first when there
    /// is no connection yet (then returns ``Event/reconnected`` at once).
    ///
    /// - Throws: ``StorageError/unavailable(_:)`` when the database cannot be reached (the next call tries again)
    ///   or the listener is closed.
    public func wait(timeout: Duration) throws -> Event {
        let (current, isClosed) = state.withLock { ($0.listener, $0.isClosed) }
        guard !isClosed else { throw StorageError.unavailable("the listener is closed") }
        if let current {
            let event = try StorageError.translating { try current.waitForEvent(timeout: timeout) }
            switch event {
            case .notifications(let notifications): return .notified(payloads: notifications.map(\.payload))
            case .timedOut: return .timedOut
            case .interrupted: return .interrupted
            case .reconnected: return .reconnected
            }
        }
        // Connect outside the lock, so interrupt() and close() never wait for a slow connection attempt.
        let connected = try StorageError.translating { try PostgresListener(url: url, channels: channels) }
        let kept = state.withLock { state -> Bool in
            guard !state.isClosed else { return false }
            state.listener = connected
            return true
        }
        guard kept else {
            connected.close()
            throw StorageError.unavailable("the listener is closed")
        }
        return .reconnected
    }

    /// Wakes a thread blocked in ``wait(timeout:)``, which returns ``Event/interrupted`` (or, when none is waiting,
    /// the next wait returns at once). While no connection exists yet there is nothing to wake: callers check
    /// their own stop condition after every wait.
    public func interrupt() {
        state.withLock { $0.listener }?.interrupt()
    }

    /// Interrupts any wait and closes the connection; later waits throw.
    public func close() {
        let listener = state.withLock { state -> PostgresListener? in
            state.isClosed = true
            defer { state.listener = nil }
            return state.listener
        }
        listener?.close()
    }
}
