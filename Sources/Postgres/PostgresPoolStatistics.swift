/// A snapshot of a ``PostgresPool``'s connections, for metrics.
public struct PostgresPoolStatistics: Sendable, Hashable {
    /// Connections open or being opened.
    public var open: Int
    /// Open connections waiting in the pool.
    public var idle: Int
    /// Connections leased to callers or being opened for them.
    public var inUse: Int
    /// Callers waiting for a connection.
    public var waiting: Int

    /// Creates a snapshot from its counts.
    public init(open: Int, idle: Int, inUse: Int, waiting: Int) {
        self.open = open
        self.idle = idle
        self.inUse = inUse
        self.waiting = waiting
    }
}
