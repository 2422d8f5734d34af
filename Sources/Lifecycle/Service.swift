/// A long-lived part of a process (the HTTP server, the dispatcher, the change feed, maintenance, the log
/// writer): it starts its threads in ``start()`` and stops them in ``stop(deadline:)``. A ``ServiceRunner`` starts
/// the parts of a process in order and stops them in reverse.
///
/// Synchronous on purpose, not swift-service-lifecycle's `async run()`: every part is a few blocking threads of
/// its own (epoll, `curl_multi_poll`, libpq), none of them runs on the cooperative pool, and stopping one means
/// asking its threads to finish and joining them. An async `run()` would wrap each of them in a task that only
/// waits, and bring in swift-async-algorithms and the concurrency runtime for that wait (see `docs/lifecycle.md`).
public protocol Service: AnyObject, Sendable {
    /// Starts the part's threads; returns once it does its work (a server listens, a feed is connecting).
    /// Starting a part that was started or stopped already does nothing, or throws when the part says so.
    func start() throws

    /// Stops the part and returns when its threads have ended: work in progress may finish until `deadline`,
    /// then it is cut off (and, where it holds something others wait for, handed back). Safe to call more than
    /// once, and on a part that never started.
    func stop(deadline: ContinuousClock.Instant)
}
