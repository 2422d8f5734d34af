import Dispatch

/// The bookkeeping of a ``PostgresPool``, kept behind its mutex. It only decides; the pool
/// opens and closes connections and wakes waiters outside the lock.
struct PostgresPoolState {
    /// A caller blocked until a connection is handed to it or its timeout passes.
    struct Waiter: Sendable {
        let id: UInt64
        let semaphore = DispatchSemaphore(value: 0)
    }

    /// What a caller gets.
    enum Grant {
        /// An idle connection to reuse.
        case reuse(PooledConnection)
        /// A reserved slot: the caller opens a new connection.
        case open
        /// The pool is closed.
        case closed
    }

    /// The outcome of asking for a connection.
    enum Acquisition {
        case granted(Grant)
        case wait(Waiter)
    }

    let maxConnections: Int
    private var idle: [PooledConnection] = []
    private var open = 0
    private var waiters: [Waiter] = []
    private var grants: [UInt64: Grant] = [:]
    private var nextWaiterID: UInt64 = 0
    private var isClosed = false

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var statistics: PostgresPoolStatistics {
        PostgresPoolStatistics(open: open, idle: idle.count, inUse: open - idle.count, waiting: waiters.count)
    }

    /// Hands out the most recently used idle connection, else a slot for a new one, else a
    /// place in the queue.
    mutating func acquire() -> Acquisition {
        if isClosed { return .granted(.closed) }
        if let connection = idle.popLast() { return .granted(.reuse(connection)) }
        if open < maxConnections {
            open += 1
            return .granted(.open)
        }
        nextWaiterID += 1
        let waiter = Waiter(id: nextWaiterID)
        waiters.append(waiter)
        return .wait(waiter)
    }

    /// What was handed to `waiter` once it woke up or timed out; `nil` means it timed out
    /// before anything was, and it has left the queue.
    mutating func collect(_ waiter: Waiter) -> Grant? {
        if let grant = grants.removeValue(forKey: waiter.id) { return grant }
        waiters.removeAll { $0.id == waiter.id }
        return nil
    }

    /// Takes back a healthy connection: it goes to the first waiter, or to the idle list.
    /// Returns the waiter to wake, or the connection to close when the pool is closed.
    mutating func release(_ connection: PooledConnection) -> (wake: Waiter?, close: PooledConnection?) {
        if isClosed {
            open -= 1
            return (nil, connection)
        }
        guard !waiters.isEmpty else {
            idle.append(connection)
            return (nil, nil)
        }
        let waiter = waiters.removeFirst()
        grants[waiter.id] = .reuse(connection)
        return (waiter, nil)
    }

    /// Frees the slot of a connection that was closed or failed to open; the first waiter
    /// gets the slot to open a connection of its own. Returns the waiter to wake.
    mutating func discard() -> Waiter? {
        guard !isClosed, !waiters.isEmpty else {
            open -= 1
            return nil
        }
        let waiter = waiters.removeFirst()
        grants[waiter.id] = .open
        return waiter
    }

    /// Refuses further acquisitions. Returns the idle connections to close and the waiters
    /// to wake, who will find the pool closed.
    mutating func close() -> (idle: [PooledConnection], waiters: [Waiter]) {
        isClosed = true
        let closing = idle
        let woken = waiters
        open -= closing.count
        idle = []
        waiters = []
        for waiter in woken {
            grants[waiter.id] = .closed
        }
        return (closing, woken)
    }
}
