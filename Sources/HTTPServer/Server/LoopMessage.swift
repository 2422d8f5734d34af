/// A message to an event loop from another thread.
enum LoopMessage: Sendable {
    /// A worker finished the request of this connection.
    case completed(ConnectionID, HTTPResponse)
    /// Stop accepting, count down `acknowledged`, then drain connections until `deadline` (monotonic ns).
    case shutdown(deadline: UInt64, acknowledged: ConditionLock<Int>)
}
