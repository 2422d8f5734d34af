import Dispatch
import Synchronization

/// A thread-safe pool of blocking connections for worker threads.
///
/// Connections are opened lazily, up to `maxConnections`. When all are leased, callers
/// queue (first come, first served) for up to `acquireTimeout`. A connection that is found
/// broken is discarded and replaced on a later call, so the pool recovers by itself when
/// the server restarts: the call that hits the dead connection fails with a connection
/// error, and the next one gets a fresh connection. Before a leased idle connection is
/// used, anything the server sent meanwhile is read, and a connection found dead that way
/// is replaced once, transparently.
public final class PostgresPool: Sendable {
    private let url: String
    private let acquireTimeout: Duration
    private let state: Mutex<PostgresPoolState>

    /// Creates a pool; no connection is opened until one is needed.
    ///
    /// - Parameters:
    ///   - url: A `postgresql://` URI or `key=value` connection string for every connection.
    ///   - maxConnections: The most connections open at once; at least 1.
    ///   - acquireTimeout: How long a caller waits for a connection when all are leased.
    public init(url: String, maxConnections: Int, acquireTimeout: Duration) {
        precondition(maxConnections > 0, "a PostgresPool needs maxConnections > 0")
        self.url = url
        self.acquireTimeout = acquireTimeout
        self.state = Mutex(PostgresPoolState(maxConnections: maxConnections))
    }

    /// Leases a connection for the duration of `body` on the calling thread.
    ///
    /// A connection left inside a transaction is rolled back when `body` returns; one that
    /// is broken is closed and replaced later. Other session state (`SET`, `LISTEN`)
    /// persists for the next caller.
    ///
    /// - Throws: What `body` throws, or ``PostgresError`` of kind `.poolTimeout`,
    ///   `.poolClosed` or `.connection` when no connection can be had.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let leased = try acquire()
        defer { release(leased) }
        return try body(leased.connection)
    }

    /// Runs `body` in a transaction on a leased connection; see
    /// ``PostgresConnection/transaction(_:)``.
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in try connection.transaction(body) }
    }

    /// Counts of open, idle and leased connections and of waiting callers.
    public var statistics: PostgresPoolStatistics {
        state.withLock { $0.statistics }
    }

    /// Closes the idle connections and refuses new leases: waiting and later callers get
    /// `.poolClosed` errors, and leased connections are closed when they come back.
    public func close() {
        let (idle, waiters) = state.withLock { $0.close() }
        for pooled in idle {
            pooled.connection.close()
        }
        for waiter in waiters {
            waiter.semaphore.signal()
        }
    }

    private func acquire() throws -> PooledConnection {
        let grant: PostgresPoolState.Grant
        switch state.withLock({ $0.acquire() }) {
        case .granted(let granted):
            grant = granted
        case .wait(let waiter):
            _ = waiter.semaphore.wait(timeout: acquireDeadline())
            // Something may have been handed over between the timeout and taking the lock.
            guard let granted = state.withLock({ $0.collect(waiter) }) else {
                throw PostgresError(
                    kind: .poolTimeout,
                    message: "no connection became available within \(acquireTimeout)"
                )
            }
            grant = granted
        }
        switch grant {
        case .closed:
            throw PostgresError(kind: .poolClosed, message: "the pool is closed")
        case .open:
            return try open()
        case .reuse(let pooled):
            if pooled.connection.isAlive() { return pooled }
            pooled.connection.close()
            return try open()
        }
    }

    /// Opens a connection for a reserved slot, giving the slot up if that fails.
    private func open() throws -> PooledConnection {
        do {
            return PooledConnection(try PostgresConnection(url: url))
        } catch {
            state.withLock { $0.discard() }?.semaphore.signal()
            throw error
        }
    }

    private func release(_ pooled: PooledConnection) {
        let connection = pooled.connection
        if connection.isConnected, !connection.isIdle {
            try? connection.simpleQuery("ROLLBACK")
        }
        guard connection.isConnected, connection.isIdle else {
            connection.close()
            state.withLock { $0.discard() }?.semaphore.signal()
            return
        }
        let (wake, close) = state.withLock { $0.release(pooled) }
        close?.connection.close()
        wake?.semaphore.signal()
    }

    private func acquireDeadline() -> DispatchTime {
        let nanoseconds = acquireTimeout / .nanoseconds(1)
        guard nanoseconds < Double(Int.max / 2) else { return .distantFuture }
        return .now() + .nanoseconds(Int(max(0, nanoseconds)))
    }
}
