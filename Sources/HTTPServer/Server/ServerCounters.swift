internal import Synchronization

/// Counters shared by the event loops.
final class ServerCounters: Sendable {
    /// Connections accepted and not yet closed, over all loops (checked against `maxConnections`).
    let openConnections = Atomic<Int>(0)
}
